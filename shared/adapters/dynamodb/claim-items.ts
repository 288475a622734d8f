import { isDeepStrictEqual } from 'node:util';
import * as z from '../../zod.js';
import { AuditEventSchema, type AuditEvent } from '../../domain/audit.js';
import { QueueNameSchema, type OutboxMessage } from '../../domain/messages.js';
import type { DeadlineIndexEntry, PendingOutboxMessage } from '../../ports/claim-store.js';
import { ClockNameSchema, clockEntries, type ClaimClock } from '../../domain/sla/clock-schema.js';
import {
  NO_FACTS,
  ClaimSchema,
  ClaimSummarySchema,
  kindConfirmed,
  summarize,
  type Claim,
  type ClaimSummary,
} from '../../domain/claim.js';
import { contactKeysOf, productKey } from '../../domain/contact-keys.js';
import { isOpen } from '../../domain/lifecycle.js';
import { deadlineOf, type DeadlineEntry } from '../../domain/sla/deadline.js';
import { NO_SEVERITY_RULE } from '../../domain/severity.js';
import type { Offer, ResolutionPlan } from '../../domain/resolution.js';
import { defaultPolicySettings, type PolicySettings } from '../../domain/settings.js';
import { INDEXES, QUEUE_INDEX_BY_LEVEL } from './table-definition.js';
import { headIs } from './audit-head.js';
import {
  ENTITY,
  SCHEMA_VERSION,
  NUMBER_SORT,
  PENDING_OUTBOX_PARTITION,
  outboxKey,
  assigneePartition,
  deadlinePartition,
  deadlineShardOf,
  deadlineSort,
  claimKey,
  emailPartition,
  eventKey,
  kindPartition,
  numberPartition,
  orderPartition,
  phonePartition,
  queuePartition,
  timeOrderedSort,
  EXECUTED_PARTITION,
} from './keys.js';

/** Attributes that exist only for storage; stripped before an item is parsed back into a domain object. */
const STORAGE_ATTRIBUTES = new Set([
  'PK',
  'SK',
  'entityType',
  'schemaVersion',
  'summary',
  'lookup',
  'expiresAt',
  'deadline',
]);
for (const index of Object.values(INDEXES)) {
  STORAGE_ATTRIBUTES.add(index.partitionKey);
  STORAGE_ATTRIBUTES.add(index.sortKey);
}

/** The immutable facts projected into the order and kind indexes for duplicate and same-kind checks. */
export const LookupFactsSchema = z.strictObject({
  number: z.string(),
  contact: z.strictObject({ phone: z.optional(z.string()), email: z.optional(z.string()) }),
});

export type Item = Record<string, unknown>;

let defaultSeverityRules: PolicySettings['severity'] | undefined;
/** Parsed on first use rather than at import (a cold start): the stores pass their configured rules. */
function defaultSeverity(): PolicySettings['severity'] {
  return (defaultSeverityRules ??= defaultPolicySettings().severity);
}

/*
 * The summary and the deadline entry are copied into every index that projects them, and rewritten there
 * whenever they change, so their stored forms leave out what the index item already holds or a default says:
 * the claim id (the table key is in every projection), the unit when it ends the unit path, a normal urgency,
 * and false flags, empty lists and a next action at the index instant. Items written before carry the full
 * forms; both parse.
 */
const StoredSummarySchema = z.extend(ClaimSummarySchema, {
  id: z.optional(z.string()),
  unitId: z.optional(z.string()),
  possibleDuplicate: z.optional(z.boolean()),
  urgency: z.optional(ClaimSummarySchema.shape.urgency),
});

function storedSummary(claim: Claim): Item {
  const { id: _id, unitId, possibleDuplicate, urgency, ...rest } = summarize(claim);
  return {
    ...rest,
    ...(urgency !== 'normal' ? { urgency } : {}),
    ...(unitId !== rest.unitPath.at(-1) ? { unitId } : {}),
    ...(possibleDuplicate ? { possibleDuplicate } : {}),
  };
}

const IndexItemSchema = z.looseObject({ PK: z.string().check(z.startsWith('CLAIM#')) });

/** The claim id its item's (or index entry's) partition key holds. */
function claimIdOf(item: Item): string {
  return IndexItemSchema.parse(item).PK.slice('CLAIM#'.length);
}

function summaryOf(item: Item, stored: unknown): ClaimSummary {
  const id = claimIdOf(item);
  const s = StoredSummarySchema.parse(stored);
  const unitId = s.unitId ?? s.unitPath.at(-1);
  if (unitId === undefined) throw new Error(`the summary of claim ${id} has no unit`);
  return {
    ...s,
    id: s.id ?? id,
    unitId,
    possibleDuplicate: s.possibleDuplicate ?? false,
    urgency: s.urgency ?? 'normal',
  };
}

const StoredDeadlineSchema = z.strictObject({
  indexAt: z.string(),
  nextActionAt: z.optional(z.nullable(z.string())),
  clocks: z.array(
    z.strictObject({
      name: ClockNameSchema,
      dueAt: z.string(),
      warned: z.optional(z.boolean()),
      breached: z.optional(z.boolean()),
      fallbackYears: z.optional(z.array(z.int())),
    }),
  ),
});

function storedDeadline(deadline: DeadlineEntry): Item {
  return {
    indexAt: deadline.indexAt,
    ...(deadline.nextActionAt !== deadline.indexAt ? { nextActionAt: deadline.nextActionAt } : {}),
    clocks: deadline.clocks.map((c) => ({
      name: c.name,
      dueAt: c.dueAt,
      ...(c.warned ? { warned: true } : {}),
      ...(c.breached ? { breached: true } : {}),
      ...(c.fallbackYears.length > 0 ? { fallbackYears: c.fallbackYears } : {}),
    })),
  };
}

function deadlineOfStored(stored: z.infer<typeof StoredDeadlineSchema>): DeadlineEntry {
  return {
    indexAt: stored.indexAt,
    nextActionAt: stored.nextActionAt === undefined ? stored.indexAt : stored.nextActionAt,
    clocks: stored.clocks.map((c) => ({
      name: c.name,
      dueAt: c.dueAt,
      warned: c.warned ?? false,
      breached: c.breached ?? false,
      fallbackYears: c.fallbackYears ?? [],
    })),
  };
}

/** The deadline index's projection: the claim's summary and its deadline entry. */
const DeadlineProjectionSchema = z.looseObject({ summary: z.unknown(), deadline: StoredDeadlineSchema });

export function deadlineEntryFromIndexItem(item: Item): DeadlineIndexEntry {
  const parsed = DeadlineProjectionSchema.parse(item);
  const summary = summaryOf(item, parsed.summary);
  return { claimId: summary.id, deadline: deadlineOfStored(parsed.deadline), summary };
}

/**
 * The claim item: the claim's fields at top level plus its index keys. Queue and assignee keys are set
 * only while the claim is open, so those indexes are sparse and closing a claim drops it from the queues.
 */
export function claimToItem(
  claim: Claim,
  severityRules: PolicySettings['severity'] = defaultSeverity(),
): Item {
  const sort = timeOrderedSort(claim.receivedAt, claim.id);
  const contact = contactKeysOf(claim.claimant);
  const item: Item = {
    ...storedClaimFields(claim),
    ...claimKey(claim.id),
    entityType: ENTITY.claim,
    schemaVersion: SCHEMA_VERSION,
    lookup: { number: claim.number, contact },
    [INDEXES.byNumber.partitionKey]: numberPartition(claim.number),
    [INDEXES.byNumber.sortKey]: NUMBER_SORT,
  };
  // Sparse: a claim whose category or product is only a stand-in (email, to be confirmed) is no same-kind
  // complaint; the facts edit that confirms them writes the keys.
  if (kindConfirmed(claim)) {
    item[INDEXES.byKind.partitionKey] = kindPartition(claim.category, productKey(claim.product.name));
    item[INDEXES.byKind.sortKey] = sort;
  }
  if (contact.phone !== undefined) {
    item[INDEXES.byPhone.partitionKey] = phonePartition(contact.phone);
    item[INDEXES.byPhone.sortKey] = sort;
  }
  if (contact.email !== undefined) {
    item[INDEXES.byEmail.partitionKey] = emailPartition(contact.email);
    item[INDEXES.byEmail.sortKey] = sort;
  }
  if (claim.product.orderNumber !== undefined) {
    item[INDEXES.byOrder.partitionKey] = orderPartition(claim.product.orderNumber);
    item[INDEXES.byOrder.sortKey] = sort;
  }
  if (isOpen(claim.status)) {
    // Only the open claim's indexes (queues, assignee, deadlines) project the summary: a closed claim has none.
    item['summary'] = storedSummary(claim);
    claim.unitPath.forEach((unitId, level) => {
      const index = QUEUE_INDEX_BY_LEVEL[level];
      if (!index) return;
      item[index.partitionKey] = queuePartition(unitId);
      item[index.sortKey] = sort;
    });
    if (claim.assigneeId !== undefined) {
      item[INDEXES.byAssignee.partitionKey] = assigneePartition(claim.assigneeId);
      item[INDEXES.byAssignee.sortKey] = sort;
    }
  }
  // The sweep's sparse deadline index: present only while something is due to happen (or is overdue).
  const deadline = deadlineOf(claim, severityRules);
  if (deadline) {
    item['deadline'] = storedDeadline(deadline);
    item[INDEXES.deadlines.partitionKey] = deadlinePartition(deadlineShardOf(claim.id));
    item[INDEXES.deadlines.sortKey] = deadlineSort(deadline.indexAt, claim.id);
  }
  // Sparse: only executed claims wait for the quiet-period auto-close, in GSI15 by execution time. That
  // index projects no claim attribute, so entering and leaving it costs one unit each; GSI14 (ALL) cost
  // the whole claim twice.
  if (claim.status === 'executed' && claim.execution) {
    item[INDEXES.statsTopKeys.partitionKey] = EXECUTED_PARTITION;
    item[INDEXES.statsTopKeys.sortKey] = Date.parse(claim.execution.at);
  }
  return item;
}

/** An audit event's Put: the trail is append-only, so the write fails if an event with its key exists. */
export function eventPut(tableName: string, event: AuditEvent) {
  return {
    Put: { TableName: tableName, Item: eventToItem(event), ConditionExpression: 'attribute_not_exists(PK)' },
  };
}

/**
 * The claim's Put in a change's transaction: the new state, on condition that the stored version is still
 * the one the change was computed from (optimistic locking), that it holds as many access tokens as the
 * claim being written, and that its audit head is still `head` (the one the change's event links to).
 * Appending a token or an event beside the claim does not move the version (so a staff member's open claim
 * stays current when a notification mints a link), and changes never drop tokens nor fork the trail; a
 * change computed before an append would otherwise put the claim back without the token already mailed.
 */
export function versionedClaimPut(
  tableName: string,
  claim: Claim,
  expectedVersion: number,
  severityRules: PolicySettings['severity'],
  head: string | undefined,
) {
  const headCondition = headIs(head);
  return {
    Put: {
      TableName: tableName,
      Item: claimToItem(claim, severityRules),
      ConditionExpression: `#version = :expected AND size(#tokens) = :tokens AND ${headCondition.expression}`,
      ExpressionAttributeNames: { '#version': 'version', '#tokens': 'accessTokenHashes' },
      ExpressionAttributeValues: {
        ':expected': expectedVersion,
        ':tokens': claim.accessTokenHashes.length,
        ...headCondition.values,
      },
    },
  };
}

function domainFields(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !STORAGE_ATTRIBUTES.has(key)));
}

/*
 * The claim item leaves out what a default says: a clock's null instants, empty lists and zero paused
 * time, false flags, empty lists. DynamoDB charges every byte of the item at every change, and each clock
 * alone carried about 115 bytes of nulls; without them most steps of a claim's life stay a kilobyte lower.
 * `claimFromItem` puts the defaults back; items written before carry the full forms and parse the same.
 */
const CLOCK_DEFAULTS = {
  pausedMs: 0,
  pauses: [],
  stoppedAt: null,
  fallbackYears: [],
  warnedAt: null,
  breachedAt: null,
  escalations: [],
  nextEscalationAt: null,
  extension: null,
} as const satisfies Partial<ClaimClock>;

const CLAIM_DEFAULTS = {
  possibleDuplicateOf: [],
  urgencyReasons: [],
  severityReasons: [NO_SEVERITY_RULE],
} as const satisfies Partial<Claim>;

/** Defaults inside the claim's nested records, by the claim field that holds them. */
const NESTED_DEFAULTS = {
  facts: NO_FACTS,
  findings: { companyPaysPolicyApplied: false },
  resolution: { defaultedFromProductValue: false },
  approval: { legalReviewRequired: false, legalReviewReasons: [] },
} as const satisfies { readonly [K in keyof Claim]?: Partial<NonNullable<Claim[K]>> };

/** The fields of `value` that differ from `defaults` (compared by value). */
function withoutDefaults(value: object, defaults: Readonly<Record<string, unknown>>): Item {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([key, field]) => !(key in defaults) || !isDeepStrictEqual(field, defaults[key]),
    ),
  );
}

const StoredRecordSchema = z.optional(z.looseObject({}));
const StoredClocksSchema = z.optional(z.record(z.string(), z.looseObject({})));

/** The claim's fields as its item stores them: without defaults, and without the id its key holds. */
function storedClaimFields(claim: Claim): Item {
  const { id: _id, ...rest } = claim;
  const fields = withoutDefaults(rest, CLAIM_DEFAULTS);
  for (const [field, defaults] of Object.entries(NESTED_DEFAULTS)) {
    const value = StoredRecordSchema.parse(fields[field]);
    if (value) fields[field] = withoutDefaults(value, defaults);
  }
  if (claim.clocks)
    fields['clocks'] = Object.fromEntries(
      clockEntries(claim.clocks).map(([name, clock]) => [name, withoutDefaults(clock, CLOCK_DEFAULTS)]),
    );
  if (claim.offer && offersThePlan(claim.offer, claim.resolution)) {
    const { type: _type, items: _items, totalFen: _total, ...decision } = claim.offer;
    fields['offer'] = decision;
  }
  return fields;
}

/** The offer repeats the plan of its revision (type, items, total): stored once, on the plan. */
const OFFERED_FIELDS = ['type', 'items', 'totalFen'] as const;

function offersThePlan(offer: Offer, plan: ResolutionPlan | undefined): boolean {
  return (
    plan !== undefined &&
    plan.revision === offer.revision &&
    OFFERED_FIELDS.every((field) => isDeepStrictEqual(offer[field], plan[field]))
  );
}

function withStoredDefaults(id: string, fields: Item): Item {
  const restored: Item = { id, ...CLAIM_DEFAULTS, ...fields };
  for (const [field, defaults] of Object.entries(NESTED_DEFAULTS)) {
    const value = StoredRecordSchema.parse(fields[field]);
    if (value) restored[field] = { ...defaults, ...value };
  }
  const offer = StoredRecordSchema.parse(fields['offer']);
  const plan = StoredRecordSchema.parse(fields['resolution']);
  if (offer && plan && !('items' in offer))
    restored['offer'] = { ...Object.fromEntries(OFFERED_FIELDS.map((f) => [f, plan[f]])), ...offer };
  const clocks = StoredClocksSchema.parse(fields['clocks']);
  if (clocks)
    restored['clocks'] = Object.fromEntries(
      Object.entries(clocks).map(([name, clock]) => [name, { ...CLOCK_DEFAULTS, ...clock }]),
    );
  return restored;
}

/** Parses a stored claim; a malformed item is a loud error, not a silently partial claim. */
export function claimFromItem(item: Item): Claim {
  return ClaimSchema.parse(withStoredDefaults(claimIdOf(item), domainFields(item)));
}

export function eventToItem(event: AuditEvent): Item {
  return {
    ...event,
    ...eventKey(event.claimId, event.id),
    entityType: ENTITY.auditEvent,
    schemaVersion: SCHEMA_VERSION,
  };
}

export function eventFromItem(item: Item): AuditEvent {
  return AuditEventSchema.parse(domainFields(item));
}

/** A work-queue or assignee index item carries the summary map. */
export function summaryFromIndexItem(item: Item): ClaimSummary {
  return summaryOf(item, item['summary']);
}

/** An outbox message on its claim's partition; pending ones are also in the sparse GSI10. */
export function outboxToItem(claimId: string, message: OutboxMessage, createdAt: string): Item {
  return {
    ...outboxKey(claimId, message.id),
    entityType: ENTITY.outbox,
    schemaVersion: SCHEMA_VERSION,
    claimId,
    messageId: message.id,
    queue: message.queue,
    body: message.body,
    createdAt,
    [INDEXES.pendingOutbox.partitionKey]: PENDING_OUTBOX_PARTITION,
    [INDEXES.pendingOutbox.sortKey]: `${createdAt}#${message.id}`,
  };
}

const OutboxItemSchema = z.object({
  claimId: z.string(),
  messageId: z.string(),
  queue: QueueNameSchema,
  body: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export function pendingOutboxFromItem(item: Item): PendingOutboxMessage {
  const parsed = OutboxItemSchema.parse(item);
  return {
    claimId: parsed.claimId,
    id: parsed.messageId,
    queue: parsed.queue,
    body: parsed.body,
    createdAt: parsed.createdAt,
  };
}
