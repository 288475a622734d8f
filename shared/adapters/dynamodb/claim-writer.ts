import {
  GetCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { chainEvent } from '../../domain/audit-chain.js';
import { claimChangedMeanwhile } from '../../domain/claim-lookup.js';
import { defaultPolicySettings, type PolicySettings } from '../../domain/settings.js';
import { fixedPolicySource } from '../../domain/policy-source.js';
import type { PolicySource } from '../../ports/policy-store.js';
import {
  RelatedWriteRefusedError,
  type ClaimChange,
  type ClaimWriter,
  type RelatedWrite,
} from '../../ports/claim-writer.js';
import { claimFromItem, claimToItem, eventPut, outboxToItem, versionedClaimPut } from './claim-items.js';
import { ENTITY, SCHEMA_VERSION, claimKey, idempotencyKey } from './keys.js';
import { heldMailSettleUpdate, inboundToItem } from './mail-store.js';
import { entryToItem, payoutToItem, recoveryPointer, recoveryToItem } from './money-store.js';
import { HEAD_RETRIES, headUpdate, readAuditHead } from './audit-head.js';
import { relatedWriteItem } from './related-writes.js';
import { TTL_ATTRIBUTE } from './table-definition.js';
import { cancellationCodes, transactWrite } from './transaction-errors.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Which part of the change each item of the transaction writes, so a failed condition names its part. */
type Part = 'claim' | 'event' | 'outbox' | RelatedWrite;

/** Related writes whose refusal means "already done" to the use case, not a lost race. */
const REFUSAL_MEANS_DONE = new Set<RelatedWrite['type']>([
  'idempotency',
  'inbound_record',
  // Someone else settled the held message first: the use case says who.
  'held_mail_settled',
]);

/**
 * A claim change as the items of ONE TransactWriteItems, each with the part it writes: the claim item
 * (its index keys derived in `claimToItem`, the one place that knows them), the audit event linked after
 * `head` (the claim's audit head as read; the claim item takes the event's hash as its new head), the
 * outbox messages and the related writes. A change without the claim moves the head on the claim item
 * alone. Exported so the intake benchmark's baseline sends the very same items.
 */
export function changeItems(
  tableName: string,
  severityRules: PolicySettings['severity'],
  change: ClaimChange,
  head: string | undefined = change.claim?.type === 'update' ? change.claim.claim.auditHead : undefined,
): { item: TransactItem; part: Part }[] {
  const items: { item: TransactItem; part: Part }[] = [];
  const write = change.claim;
  const event = chainEvent(change.event, head);
  const next = event.hash ?? '';
  if (write?.type === 'create') {
    items.push({
      part: 'claim',
      item: {
        Put: {
          TableName: tableName,
          Item: claimToItem({ ...write.claim, auditHead: next }, severityRules),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    });
  } else if (write?.type === 'update') {
    items.push({
      part: 'claim',
      item: versionedClaimPut(
        tableName,
        { ...write.claim, auditHead: next },
        write.expectedVersion,
        severityRules,
        head,
      ),
    });
  } else {
    items.push({ part: 'claim', item: headUpdate(tableName, change.claimId, head, next) });
  }
  items.push({ part: 'event', item: eventPut(tableName, event) });
  for (const message of change.outbox)
    items.push({
      part: 'outbox',
      item: newItem(tableName, outboxToItem(change.claimId, message, change.event.at)),
    });
  for (const related of change.related)
    for (const item of relatedItems(tableName, related)) items.push({ part: related, item });
  return items;
}

function newItem(tableName: string, Item: Record<string, unknown>): TransactItem {
  return { Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' } };
}

function relatedItems(tableName: string, write: RelatedWrite): TransactItem[] {
  switch (write.type) {
    case 'stats':
    case 'stats_key':
    case 'commitment_breach':
      return [relatedWriteItem(tableName, write)];
    case 'idempotency':
      return [
        newItem(tableName, {
          ...idempotencyKey(write.key),
          entityType: ENTITY.idempotency,
          schemaVersion: SCHEMA_VERSION,
          claimId: write.claimId,
          requestHash: write.requestHash,
          [TTL_ATTRIBUTE]: Math.floor(write.expiresAt.getTime() / 1000),
        }),
      ];
    case 'payout_new':
      return [newItem(tableName, payoutToItem(write.payout))];
    case 'payout_update':
      return [
        {
          Put: {
            TableName: tableName,
            Item: payoutToItem(write.next),
            ConditionExpression: '#status = :expected',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':expected': write.expectedStatus },
          },
        },
      ];
    case 'recovery_new':
      return [
        newItem(tableName, recoveryToItem(write.recovery)),
        newItem(tableName, recoveryPointer(write.recovery)),
      ];
    case 'recovery_update':
      return [
        {
          Put: {
            TableName: tableName,
            Item: recoveryToItem(write.next),
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': write.expectedVersion },
          },
        },
      ];
    case 'ledger_entry':
      return [newItem(tableName, entryToItem(write.entry))];
    case 'inbound_record':
      return [newItem(tableName, inboundToItem(write.record))];
    case 'held_mail_settled':
      return [{ Update: heldMailSettleUpdate(tableName, write.sha256, write.settlement) }];
  }
}

/**
 * The one writer of claim items, in the single table. Every change is one TransactWriteItems; shared
 * statistics counters make a bare TransactionConflict worth a short retry (see `transactWrite`).
 */
export class DynamoClaimWriter implements ClaimWriter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /**
     * The policy in force: its severity rules place claims in the deadline index (when the time rules next
     * apply), read per commit so a saved version applies to the next write.
     */
    readonly policy: PolicySource = fixedPolicySource(defaultPolicySettings()),
  ) {}

  async commit(change: ClaimChange): Promise<void> {
    const severityRules: PolicySettings['severity'] = (await this.policy.current()).settings.severity;
    let attempt = change;
    // A change without the claim item knows no head: it is read (the claim item is written anyway).
    let head = change.claim === undefined ? await this.storedHead(change.claimId) : undefined;
    for (let tries = 1; ; tries++) {
      const items = changeItems(this.tableName, severityRules, attempt, attempt.claim ? undefined : head);
      const sharedCounters = attempt.related.some((w) => w.type === 'stats' || w.type === 'stats_key');
      try {
        await transactWrite(
          this.client,
          items.map((i) => i.item),
          sharedCounters,
        );
        return;
      } catch (error) {
        const claimRefused = cancellationCodes(error)[items.findIndex((i) => i.part === 'claim')];
        const retry = claimRefused === 'ConditionalCheckFailed' && tries < APPEND_MERGE_TRIES;
        if (retry && attempt.claim === undefined) {
          const stored = await readAuditHead(this.client, this.tableName, attempt.claimId);
          if (stored !== null && stored.head !== head) {
            head = stored.head;
            continue;
          }
        }
        const merged = retry && attempt.claim ? await this.withAppendsSince(attempt) : null;
        if (merged === null)
          throw translate(
            error,
            items.map((i) => i.part),
          );
        attempt = merged;
      }
    }
  }

  private async storedHead(claimId: string): Promise<string | undefined> {
    return (await readAuditHead(this.client, this.tableName, claimId))?.head;
  }

  /**
   * The change again over what was appended since it was read, or null when the claim moved on otherwise,
   * a real conflict. Appends do not move the version: tokens a notification minted, and audit events
   * written beside the claim (a sent notification, a ledger entry), which moved the audit head.
   */
  private async withAppendsSince(change: ClaimChange): Promise<ClaimChange | null> {
    const write = change.claim;
    if (write?.type !== 'update') return null;
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: claimKey(change.claimId), ConsistentRead: true }),
    );
    if (!result.Item) return null;
    const stored = claimFromItem(result.Item);
    const mine = write.claim.accessTokenHashes;
    const tokensAppended = stored.accessTokenHashes.length > mine.length;
    const appendedOnly =
      stored.version === write.expectedVersion &&
      (tokensAppended || stored.auditHead !== write.claim.auditHead) &&
      stored.accessTokenHashes.length >= mine.length &&
      mine.every((hash, i) => stored.accessTokenHashes[i] === hash);
    return appendedOnly
      ? {
          ...change,
          claim: {
            ...write,
            claim: {
              ...write.claim,
              accessTokenHashes: stored.accessTokenHashes,
              ...(stored.auditHead !== undefined ? { auditHead: stored.auditHead } : {}),
            },
          },
        }
      : null;
  }
}

/**
 * A change refused only because something was appended meanwhile (tokens, events beside the claim) is
 * linked and written again, a few times at most.
 */
const APPEND_MERGE_TRIES = HEAD_RETRIES;

/**
 * A failed condition on an idempotency key or inbound record is "already done" (RelatedWriteRefusedError);
 * any other failed condition or a concurrent transaction is a lost race (ConflictError, a 409).
 */
function translate(error: unknown, parts: readonly Part[]): unknown {
  const codes = cancellationCodes(error);
  if (codes.length === 0) return error;
  const refused = codes.findIndex((code) => code === 'ConditionalCheckFailed');
  const part = refused >= 0 ? parts[refused] : undefined;
  if (typeof part === 'object' && REFUSAL_MEANS_DONE.has(part.type))
    return new RelatedWriteRefusedError(part);
  if (refused >= 0 || codes.includes('TransactionConflict')) return claimChangedMeanwhile();
  return error;
}
