import * as z from '../../shared/zod.js';
import { REPLY_CHANNELS } from '../../shared/domain/labels.js';
import { SETTLEMENTS, SURVEY_RATINGS } from '../../shared/domain/resolution.js';
import { EvidenceItemSchema } from './evidence.js';

const TargetSchema = z.union([
  z.object({ workingDays: z.number() }),
  z.object({ workingHours: z.number() }),
  z.object({ calendarHours: z.number() }),
]);
export const DeadlineSchema = z.object({
  clock: z.string(),
  target: TargetSchema,
  state: z.string(),
  dueAt: z.string(),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

/** `GET /claims/{number}` as the page reads it (`CustomerClaimView` in shared/ is what the API sends). */
export const ViewSchema = z.object({
  number: z.string(),
  status: z.string(),
  receivedAt: z.string(),
  product: z.looseObject({ name: z.string() }),
  description: z.string(),
  materialRequest: z.optional(z.object({ items: z.array(z.string()), note: z.optional(z.string()) })),
  materialReceivedAt: z.optional(z.string()),
  closure: z.optional(z.looseObject({ explanation: z.string() })),
  offer: z.optional(
    z.object({
      type: z.string(),
      items: z.array(
        z.object({
          kind: z.string(),
          description: z.string(),
          amountFen: z.int(),
          settlement: z.enum(SETTLEMENTS),
        }),
      ),
      totalFen: z.int(),
      cashFen: z.int(),
      decidedAt: z.string(),
      executingDepartment: z.optional(z.string()),
      dueOn: z.optional(z.string()),
      findingsSummary: z.optional(z.string()),
      reconsiderUntil: z.string(),
    }),
  ),
  conversation: z._default(
    z.array(
      z.object({
        at: z.string(),
        from: z.enum(['customer', 'staff']),
        /**
         * `ConversationEntry['kind']`, read as any string: a kind the page has no words for yet is shown as
         * a message from us or from the customer, never as a page that cannot read the claim.
         */
        kind: z.string(),
        text: z.string(),
        channel: z.optional(z.enum(REPLY_CHANNELS)),
      }),
    ),
    [],
  ),
  survey: z.optional(z.object({ rating: z.enum(SURVEY_RATINGS), at: z.string() })),
  surveyOpen: z._default(z.boolean(), false),
  mayWithdraw: z._default(z.boolean(), false),
  deadlines: z._default(z.array(DeadlineSchema), []),
  mayEscalateToHq: z._default(z.boolean(), false),
  /** Issue 24: what the law entitles the customer to (statutory-panel.ts parses it). */
  entitlements: z.optional(z.unknown()),
  evidence: z._default(z.array(EvidenceItemSchema), []),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      status: z.optional(z.string()),
      note: z.optional(z.string()),
    }),
  ),
});
export type View = z.infer<typeof ViewSchema>;

/** The customer's times: "2026年12月4日 18:00" in Shanghai. */
export const when = (iso: string, lang: 'zh-CN' | 'en') =>
  new Date(iso).toLocaleString(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
