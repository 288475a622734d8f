import * as z from '../zod.js';
import { CategoryCodeSchema } from './categories.js';
import { CategoryDefinitionSchema, DEFAULT_CATEGORIES, migrateLegacyCategories } from './category-policy.js';
import { FenSchema } from './money.js';
import { SlaTargetSchema } from './calendar/sla-clock.js';
import { EvidenceSettingsSchema } from './evidence.js';
import { ResponsiblePartySchema } from './resolution.js';
import { DEFAULT_STATUTORY_RULES, StatutoryRuleSetSchema } from './statutory/remedy-rules.js';
import { CompanySchema, DEFAULT_COMPANY, PrivacyNoticeSchema } from './privacy-notice.js';
import { DEFAULT_REPLY_TEMPLATES, ReplyTemplateSchema } from './reply-templates.js';

/**
 * Policy settings: every rule the seeds disagree on is a setting with the SPEC's default (SPEC preamble).
 * Operators override any part through the POLICY_SETTINGS JSON; missing parts keep their defaults.
 */
const UnitNamesSchema = z.strictObject({
  'zh-CN': z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  en: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
});
export type UnitNames = z.infer<typeof UnitNamesSchema>;

/**
 * A unit's name in both languages. Documents from before issue 15 hold one string such as '总部 Headquarters':
 * still read, the Chinese words before the first space become the zh-CN name and the rest the English one
 * (a name without both is used for both).
 */
const UnitNameSchema = z.pipe(
  z.union([UnitNamesSchema, z.string().check(z.trim(), z.minLength(1))]),
  z.transform((name): UnitNames => (typeof name === 'string' ? splitLegacyName(name) : name)),
);

export function splitLegacyName(name: string): UnitNames {
  const match = /^(\S*[\u3400-\u9fff]\S*)\s+([\x20-\x7e]*[A-Za-z][\x20-\x7e]*)$/.exec(name);
  return match?.[1] && match[2] ? { 'zh-CN': match[1], en: match[2] } : { 'zh-CN': name, en: name };
}

/** The unit's name in a language. */
export function unitName(unit: { readonly name: UnitNames }, lang: 'zh-CN' | 'en'): string {
  return unit.name[lang];
}

const UnitSchema = z.strictObject({
  id: z
    .string()
    .check(z.regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'unit ids are upper-case letters, digits and dashes')),
  name: UnitNameSchema,
  parentId: z.optional(z.string()),
});
export type UnitDefinition = z.infer<typeof UnitSchema>;

const PolicySettingsFieldsSchema = z.strictObject({
  /** SPEC §3: claims filed more than this many days after the problem was found are not admitted. */
  filingWindowDays: z._default(z.int().check(z.positive()), 30),
  /** SPEC §3: same contact + same order within this many days is flagged as a possible duplicate. */
  duplicateWindowDays: z._default(z.int().check(z.positive()), 30),
  severity: z.prefault(
    z.strictObject({
      level1MinAmountFen: z._default(FenSchema, 3_000_000),
      level1MinComplainants: z._default(z.int().check(z.positive()), 10),
      level1UnresolvedDays: z._default(z.int().check(z.positive()), 30),
      level2MinAmountFen: z._default(FenSchema, 300_000),
      level2MinComplainants: z._default(z.int().check(z.positive()), 3),
      level2SameKindComplaints: z._default(z.int().check(z.positive()), 3),
      level2SameKindWindowDays: z._default(z.int().check(z.positive()), 30),
      level2UnresolvedDays: z._default(z.int().check(z.positive()), 15),
      /**
       * Seed 004: level 1 by time only "由于我方原因" (through the company's fault). Findings that put the
       * responsibility on one of these parties keep the month-old claim where it is.
       */
      level1ByTimeNotWhenResponsible: z._default(z.array(ResponsiblePartySchema), [
        'customer',
        'third_party',
      ]),
    }),
    {},
  ),
  /** SPEC §5: the normal first-reply target, which an "answer needed sooner" date is compared with. */
  firstReplyWorkingDays: z._default(z.int().check(z.positive()), 3),
  /**
   * SPEC §4, §5, §7: the claim categories (issue 15), each with its names, department, on-site and quality
   * flags; absent: the seed list (or, in a document of the old shape, the list its `routing` and
   * `sla.onSiteCategories` describe).
   */
  categories: z.optional(z.array(CategoryDefinitionSchema)),
  /** Old shape (before categories were data): category → department. Read and folded into `categories`. */
  routing: z.optional(z.record(z.string(), z.string())),
  /** SPEC §12: the organisation tree, HQ → region → store (at most three levels). */
  units: z._default(z.array(UnitSchema).check(z.minLength(1)), [
    { id: 'HQ', name: { 'zh-CN': '总部', en: 'Headquarters' } },
    { id: 'EAST', name: { 'zh-CN': '华东大区', en: 'East region' }, parentId: 'HQ' },
    { id: 'EAST-SH01', name: { 'zh-CN': '上海一店', en: 'Shanghai store 1' }, parentId: 'EAST' },
  ]),
  /** Unit that receives web, email and hotline claims before dispatch (SPEC §12: HQ dispatches). */
  intakeUnitId: z._default(z.string(), 'HQ'),
  /** How long a replayed Idempotency-Key returns the first result. */
  idempotencyTtlHours: z._default(z.int().check(z.positive()), 24),
  /** Tokens a replayed submission may add to one claim before replays stop issuing new ones. */
  maxAccessTokensPerClaim: z._default(z.int().check(z.gte(1), z.lte(10)), 5),
  /** SPEC §6–11: investigation, approval by amount, reconsideration, closure and return visits. */
  money: z.prefault(
    z.strictObject({
      /** SPEC §6 宁可我吃亏: a finding of "unclear" makes the company responsible. */
      companyPaysWhenUnclear: z._default(z.boolean(), true),
      /** SPEC §7: quality claims without a proposed amount get this percentage of the product value. */
      qualityCompensationPercent: z._default(z.int().check(z.gte(0), z.lte(1000)), 100),
      /** SPEC §8 tiers, inclusive upper bounds in fen; above the department head's, the executive. */
      agentMaxFen: z._default(FenSchema, 10_000),
      areaManagerMaxFen: z._default(FenSchema, 50_000),
      departmentHeadMaxFen: z._default(FenSchema, 3_000_000),
      /** SPEC §8: legal review first above this amount (or when litigation is threatened). */
      legalReviewAboveFen: z._default(FenSchema, 3_000_000),
      /** SPEC §9: calendar days after the decision within which reconsideration may be requested. */
      reconsiderationWindowDays: z._default(z.int().check(z.positive()), 15),
      /** SPEC §11: an executed claim closes itself after this many quiet days; null: never by itself. */
      autoCloseQuietDays: z._default(z.nullable(z.int().check(z.positive())), 7),
      /** SPEC §11: return visit this many working days after closure; quality cases again after N months. */
      returnVisitWorkingDays: z._default(z.int().check(z.positive()), 5),
      qualityRevisitMonths: z._default(z.int().check(z.positive()), 3),
    }),
    {},
  ),
  /** Mail in and out (issue 5). */
  mail: z.prefault(
    z.strictObject({
      /** At most this many acknowledgments to one address per hour; more are recorded, not sent. */
      maxAcknowledgmentsPerSenderPerHour: z._default(z.int().check(z.gte(1)), 5),
      /**
       * At most this many claims filed from one sender's mail per window (issue 19); later mail in the
       * window is added to that sender's latest open claim, or quarantined when there is none.
       */
      maxClaimsPerSenderPerWindow: z._default(z.int().check(z.gte(1)), 5),
      claimWindowMinutes: z._default(z.int().check(z.gte(1)), 60),
      /** Larger inbound messages are kept raw and recorded, not parsed. */
      maxMessageBytes: z._default(z.number().check(z.int(), z.positive()), 30 * 1024 * 1024),
      /** Deeper MIME trees, or header blocks larger than this, are kept raw and recorded. */
      maxMimeDepth: z._default(z.int().check(z.gte(1)), 30),
      maxHeaderBytes: z._default(z.number().check(z.int(), z.positive()), 256 * 1024),
      /** Attachments kept per message; the rest are listed in the record, not saved. */
      maxAttachments: z._default(z.int().check(z.gte(0)), 40),
      // Staff addresses come from the staff directory (issue 15), no longer from these settings.
    }),
    {},
  ),
  /** The company named on the public pages, and the handler of the personal information (issue 18). */
  company: z._default(CompanySchema, DEFAULT_COMPANY),
  /** Saved replies (issue 17) the console's reply box offers, with the claim's values filled in. */
  replyTemplates: z._default(z.array(ReplyTemplateSchema).check(z.maxLength(50)), [
    ...DEFAULT_REPLY_TEMPLATES,
  ]),
  /** The privacy notice the web form's consent line links to (个人信息保护法); raise `version` with each change. */
  privacyNotice: z.prefault(PrivacyNoticeSchema, {}),
  /** Scripted spam on the public form (issue 18): proof of work, no third party. */
  antiSpam: z.prefault(
    z.strictObject({
      /** Leading zero bits of the form's proof of work (about 2^bits hashes in the browser); 0: off. */
      proofOfWorkBits: z._default(z.int().check(z.gte(0), z.lte(24)), 16),
      /** How long a challenge may be solved and sent, in minutes. */
      challengeMinutes: z._default(z.int().check(z.gte(1), z.lte(24 * 60)), 30),
    }),
    {},
  ),
  /** Browser uploads of evidence: size and count limits, how long signed URLs live. */
  evidence: EvidenceSettingsSchema,
  /**
   * Issue 24: the statutory remedy rules, each with its source; absent: the shipped rules. Guidance for staff
   * and legal, not legal advice (docs/statutory-remedies.md).
   */
  statutory: z._default(StatutoryRuleSetSchema, () => structuredClone(DEFAULT_STATUTORY_RULES)),
  /** SPEC §5 SLA clocks, warnings and escalation (see sla-policy.ts). */
  sla: z.prefault(
    z.strictObject({
      /** A warning goes out once this share of a clock's time is used. */
      warningRatio: z._default(z.number().check(z.gt(0), z.lt(1)), 0.8),
      firstReply: z._default(SlaTargetSchema, { workingDays: 3 }),
      firstReplyUrgent: z._default(SlaTargetSchema, { workingDays: 1 }),
      decision: z._default(SlaTargetSchema, { workingDays: 15 }),
      decisionUrgent: z._default(SlaTargetSchema, { workingDays: 3 }),
      reconsideration: z._default(SlaTargetSchema, { workingDays: 15 }),
      onSiteVisit: z._default(SlaTargetSchema, { calendarHours: 24 }),
      /** Old shape: the categories needing an on-site visit, now `categories[].onSiteVisit`. Read and folded. */
      onSiteCategories: z.optional(z.array(z.string())),
      /**
       * Targets for particular claims, first match wins over the defaults above (a commitment's own
       * response promise wins over all of them for the first reply).
       */
      rules: z._default(
        z.array(
          z.strictObject({
            clock: z.enum(['first_reply', 'decision', 'reconsideration', 'on_site_visit']),
            category: z.optional(CategoryCodeSchema),
            severity: z.optional(z.union([z.literal(1), z.literal(2), z.literal(3)])),
            urgency: z.optional(z.enum(['urgent', 'normal'])),
            target: SlaTargetSchema,
          }),
        ),
        [],
      ),
      /** A breached claim escalates one unit up (SPEC §12) each time this many more working days pass. */
      escalateAgainAfterWorkingDays: z._default(z.int().check(z.positive()), 1),
      /** The nightly report lists claims due within this many working days (and every overdue one). */
      reportHorizonWorkingDays: z._default(z.int().check(z.nonnegative()), 2),
    }),
    {},
  ),
});

/**
 * The policy settings. A document of the old shape (`routing`, `sla.onSiteCategories`, as POLICY_SETTINGS
 * and stored versions before issue 15 hold it) is migrated as it is parsed: its categories are the seed list
 * with its departments and on-site flags. A document naming both shapes is refused, since one would be lost.
 */
export const PolicySettingsSchema = z.pipe(
  PolicySettingsFieldsSchema,
  z.transform((fields, ctx) => {
    const { routing, categories, sla, ...rest } = fields;
    const { onSiteCategories, ...slaRest } = sla;
    if (categories !== undefined && (routing !== undefined || onSiteCategories !== undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: fields,
        path: [routing !== undefined ? 'routing' : 'sla'],
        message: 'give the categories only: routing and sla.onSiteCategories are the old shape of the list',
        params: {
          words: {
            'zh-CN': '请只填写类别列表：routing 与 sla.onSiteCategories 是旧格式',
            en: 'Give the categories only: routing and sla.onSiteCategories are the old shape of the list.',
          },
        },
      });
      return z.NEVER;
    }
    const known = new Set(DEFAULT_CATEGORIES.map((c) => c.code));
    for (const [path, codes] of [
      ['routing', Object.keys(routing ?? {})],
      ['sla.onSiteCategories', onSiteCategories ?? []],
    ] as const)
      for (const code of codes.filter((c) => !known.has(c)))
        ctx.issues.push({
          code: 'custom',
          input: code,
          path: path.split('.'),
          message: `${path} names an unknown category, ${code}`,
          params: {
            words: {
              'zh-CN': `${path} 中的类别 ${code} 不存在`,
              en: `${path} names an unknown category, ${code}.`,
            },
          },
        });
    return {
      ...rest,
      categories:
        categories ??
        (routing === undefined && onSiteCategories === undefined
          ? DEFAULT_CATEGORIES.map((c) => ({ ...c, name: { ...c.name } }))
          : migrateLegacyCategories(routing, onSiteCategories)),
      sla: slaRest,
    };
  }),
);
export type PolicySettings = z.infer<typeof PolicySettingsSchema>;

export function defaultPolicySettings(): PolicySettings {
  return PolicySettingsSchema.parse({});
}
