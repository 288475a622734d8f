import * as z from '../../zod.js';
import { ValidationError, type FieldIssue } from '../errors.js';
import { FenSchema } from '../money.js';
import { shanghaiDate } from '../shanghai-time.js';
import { PurchaseChannelSchema, StatutoryFactsSchema, type StatutoryFacts } from './remedy-facts.js';
import { DistanceSaleExclusionSchema } from './remedy-rules.js';

/**
 * How the statutory facts (issue 24) arrive: from the customer on the claim form, and from staff through the
 * facts edit. Every fact is optional; a claim given none stores none (the claim item stays as small as before).
 */
const IsoDate = z.iso.date();
const FactAmount = FenSchema.check(z.lte(10_000_000_000_000));

/** What the customer may tell on the claim form: how and when they bought, the price, the kind of goods. */
export const IntakeStatutoryFactsSchema = z
  .strictObject({
    purchaseChannel: z.optional(PurchaseChannelSchema),
    purchaseDate: z.optional(IsoDate),
    receiptDate: z.optional(IsoDate),
    pricePaidFen: z.optional(FactAmount),
    isFood: z.optional(z.boolean()),
    threeGuaranteesCovered: z.optional(z.boolean()),
    /** The 三包 warranty in months from the purchase date (the customer reads it off the warranty card). */
    warrantyMonths: z.optional(z.int().check(z.gte(1), z.lte(120))),
    exclusions: z.optional(z.array(DistanceSaleExclusionSchema).check(z.maxLength(5))),
  })
  .check(
    // A receipt before the purchase is refused by `statutoryFactsFromIntake`, in words naming both dates.
    z.refine((f) => f.warrantyMonths === undefined || f.purchaseDate !== undefined, {
      message: 'the warranty counts from the purchase date: give it too',
      path: ['purchaseDate'],
      params: { code: 'required' },
    }),
  );
export type IntakeStatutoryFacts = z.infer<typeof IntakeStatutoryFactsSchema>;

/**
 * What staff record through the facts edit: any fact, findings included (fraud, food safety, known defects
 * causing serious harm, the loss); `null` takes a fact back to "not known".
 */
const nullable = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));
export const StaffStatutoryFactsSchema = z.strictObject({
  purchaseChannel: nullable(PurchaseChannelSchema),
  purchaseDate: nullable(IsoDate),
  receiptDate: nullable(IsoDate),
  pricePaidFen: nullable(FactAmount),
  qualityDefect: nullable(z.boolean()),
  isFood: nullable(z.boolean()),
  foodBelowSafetyStandard: nullable(z.boolean()),
  labellingFlawOnly: nullable(z.boolean()),
  threeGuaranteesCovered: nullable(z.boolean()),
  warrantyEndsOn: nullable(IsoDate),
  failedRepairsInWarranty: nullable(z.int().check(z.gte(0), z.lte(99))),
  exclusions: nullable(z.array(DistanceSaleExclusionSchema).check(z.maxLength(5))),
  fraudFound: nullable(z.boolean()),
  knowinglyDefectiveSeriousHarm: nullable(z.boolean()),
  lossFen: nullable(FactAmount),
});
export type StaffStatutoryFacts = z.infer<typeof StaffStatutoryFactsSchema>;

/** The last day of a warranty of `months` from `purchaseDate`: 12 months from 15 Jan 2026 end on 14 Jan 2027. */
export function warrantyEndDate(purchaseDate: string, months: number): string {
  const [year, month, day] = purchaseDate.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined)
    throw new Error(`not a date: ${purchaseDate}`);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  // The same day of the month, or the month's last day when it has fewer days (31 Jan + 1 month: 28/29 Feb).
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  target.setUTCDate(target.getUTCDate() - 1);
  return target.toISOString().slice(0, 10);
}

const DATE_FACTS = ['purchaseDate', 'receiptDate'] as const;

/** A purchase or receipt dated after `today` (Asia/Shanghai), refused in words at the path under `prefix`. */
function futureDates(
  facts: Partial<Record<(typeof DATE_FACTS)[number], string | null>>,
  today: string,
  prefix: string,
) {
  const issues: FieldIssue[] = DATE_FACTS.filter((name) => {
    const date = facts[name];
    return typeof date === 'string' && date > today;
  }).map((name) => ({
    path: `${prefix}${name}`,
    message: 'must not be later than today',
    code: 'future_date',
  }));
  if (issues.length > 0) throw new ValidationError('a purchase or receipt date is later than today', issues);
}

/** A receipt before the purchase, refused in words at `statutoryFacts.receiptDate`. */
function receivedBeforeBought(facts: { purchaseDate?: string | null; receiptDate?: string | null }): void {
  const { purchaseDate, receiptDate } = facts;
  if (typeof purchaseDate === 'string' && typeof receiptDate === 'string' && receiptDate < purchaseDate)
    throw new ValidationError('the goods cannot be received before they were bought', [
      {
        path: 'statutoryFacts.receiptDate',
        message: 'before the purchase date',
        code: 'date_order',
        words: {
          'zh-CN': '收货日期不能早于购买日期。',
          en: 'The date the goods were received cannot be before the date of purchase.',
        },
      },
    ]);
}

/** Drops the facts not given, so a claim with none stores none. */
function given(facts: Partial<Record<keyof StatutoryFacts, unknown>>): StatutoryFacts | undefined {
  const entries = Object.entries(facts).filter(([, value]) => value !== undefined && value !== null);
  if (entries.length === 0) return undefined;
  return StatutoryFactsSchema.parse(Object.fromEntries(entries));
}

/**
 * The facts a claim form gave, as the claim stores them; undefined when it gave none.
 * 1. Dates later than today (Asia/Shanghai, from `now`) are refused in words (future_date).
 * 2. A warranty in months becomes its last day, counted from the purchase date.
 */
export function statutoryFactsFromIntake(
  input: IntakeStatutoryFacts | undefined,
  now: Date,
): StatutoryFacts | undefined {
  if (!input) return undefined;
  futureDates(input, shanghaiDate(now), 'statutoryFacts.');
  receivedBeforeBought(input);
  const { warrantyMonths, ...facts } = input;
  return given({
    ...facts,
    ...(warrantyMonths !== undefined && facts.purchaseDate !== undefined
      ? { warrantyEndsOn: warrantyEndDate(facts.purchaseDate, warrantyMonths) }
      : {}),
  });
}

/**
 * The claim's facts with a staff edit applied: a named fact replaced, `null` removing it; undefined when
 * none remain. A purchase or receipt later than today, or a receipt before the purchase, is refused.
 */
export function withStaffStatutoryFacts(
  current: StatutoryFacts | undefined,
  edit: StaffStatutoryFacts,
  now: Date,
): StatutoryFacts | undefined {
  futureDates(edit, shanghaiDate(now), 'statutoryFacts.');
  const merged = { ...current, ...edit };
  receivedBeforeBought(merged);
  return given(merged);
}
