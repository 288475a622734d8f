import * as z from '../zod.js';
import { nonEmptyText } from './text.js';
import { ConflictError, InvalidTransitionError, NotFoundError } from './errors.js';
import { IsoDateSchema, IsoInstantSchema } from './claim.js';
import { SlaTargetSchema } from './calendar/sla-clock.js';

/**
 * Commitments (承诺, SPEC §13): promises made to one customer about a product or service — a warranty, a
 * response time, a delivery date — with a validity period, an owner and who approved it. A claim may cite
 * one; a service-response promise becomes that claim's first-reply target.
 */
export const COMMITMENT_TYPES = ['quality', 'service_response', 'delivery'] as const;
export const CommitmentTypeSchema = z.enum(COMMITMENT_TYPES);

/** Customer references are compared without case or surrounding space. */
export const CustomerIdSchema = z
  .string()
  .check(
    z.trim(),
    z.toUpperCase(),
    z.regex(/^[A-Z0-9][A-Z0-9_-]{0,47}$/, 'a customer code: letters, digits, - and _'),
  );

/** Commitment ids name their customer (`<customer>.<ulid>`), so one GetItem finds a commitment by id. */
export const CommitmentIdSchema = z
  .string()
  .check(z.regex(/^[A-Z0-9][A-Z0-9_-]{0,47}\.[0-9A-Z]{10,32}$/, 'a commitment id'));
export function commitmentIdFor(customerId: string, ulid: string): string {
  return `${customerId}.${ulid}`;
}
export function customerOfCommitment(id: string): string {
  return id.slice(0, id.indexOf('.'));
}

/** What staff send to register a commitment (strict: status, approval and ids are server-owned). */
export const NewCommitmentSchema = z
  .strictObject({
    customerId: CustomerIdSchema,
    customerName: nonEmptyText(200),
    subject: z.strictObject({
      kind: z.enum(['product', 'service']),
      name: nonEmptyText(200),
      model: z.optional(nonEmptyText(100)),
    }),
    type: CommitmentTypeSchema,
    content: nonEmptyText(2000),
    /** For service-response promises: the first-reply target of a claim citing it, e.g. {"workingHours": 2}. */
    responseTarget: z.optional(SlaTargetSchema),
    validFrom: IsoDateSchema,
    validUntil: IsoDateSchema,
    ownerId: nonEmptyText(128),
  })
  .check(
    z.refine((c) => c.validFrom <= c.validUntil, {
      message: 'validUntil is before validFrom',
      path: ['validUntil'],
      params: { code: 'date_order' },
    }),
    z.refine((c) => c.type !== 'service_response' || c.responseTarget !== undefined, {
      message: 'a service-response commitment states its response target',
      path: ['responseTarget'],
      params: { code: 'required' },
    }),
  );
export type NewCommitment = z.infer<typeof NewCommitmentSchema>;

export const CommitmentSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  version: z.int().check(z.gte(1)),
  customerId: z.string(),
  customerName: z.string(),
  subject: z.strictObject({
    kind: z.enum(['product', 'service']),
    name: z.string(),
    model: z.optional(z.string()),
  }),
  type: CommitmentTypeSchema,
  content: z.string(),
  responseTarget: z.optional(SlaTargetSchema),
  validFrom: IsoDateSchema,
  validUntil: IsoDateSchema,
  ownerId: z.string(),
  approval: z.strictObject({ approvedBy: z.string(), approvedAt: IsoInstantSchema }),
  status: z.enum(['active', 'expired']),
  expired: z.optional(z.strictObject({ at: IsoInstantSchema, by: z.string(), reason: z.string() })),
  /** Claims citing this commitment whose promised first reply was missed (SPEC §13: breaches are reported). */
  breaches: z.array(z.strictObject({ claimId: z.string(), at: IsoInstantSchema })),
  createdAt: IsoInstantSchema,
});
export type Commitment = z.infer<typeof CommitmentSchema>;

/** In force on a date (Asia/Shanghai): active and within its validity period, both ends included. */
export function inForce(commitment: Commitment, date: string): boolean {
  return commitment.status === 'active' && commitment.validFrom <= date && date <= commitment.validUntil;
}

/** The refusals about one commitment, in words: not there (404), taken or changed meanwhile, expired (409). */
export const commitmentRefusals = {
  notFound: (id: string) =>
    new NotFoundError(`no commitment ${id}`, {
      'zh-CN': '找不到这项承诺，它可能已被删除。',
      en: 'This commitment was not found; it may have been removed.',
    }),
  exists: (id: string) =>
    new ConflictError(`commitment ${id} exists`, {
      'zh-CN': '这项承诺已经登记过了，请刷新查看。',
      en: 'This commitment is already registered; reload to see it.',
    }),
  changed: () =>
    new ConflictError('the commitment was changed meanwhile; reload it and try again', {
      'zh-CN': '这项承诺刚被其他人修改，请刷新后再试。',
      en: 'Someone else changed this commitment just now; reload it and try again.',
    }),
  expired: (id: string) =>
    new InvalidTransitionError(`commitment ${id} has already expired`, {
      'zh-CN': '这项承诺已经失效，无需再次操作。',
      en: 'This commitment has already expired; there is nothing more to do.',
    }),
};
