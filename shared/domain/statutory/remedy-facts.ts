import * as z from '../../zod.js';
import { FenSchema } from '../money.js';
import { DistanceSaleExclusionSchema } from './remedy-rules.js';

/**
 * The facts the statutory remedy rules read (issue 24), captured at intake or by staff. Every fact may be
 * absent, meaning not known yet: a rule that needs an absent fact says so instead of guessing, while `false`
 * (or an empty `exclusions`) is a finding that the thing is not so.
 */
const IsoDate = z.iso.date();
/** At most ¥100 billion, so that a hundredfold multiple is still an exact integer (below 2^53). */
const FactAmount = FenSchema.check(z.lte(10_000_000_000_000));

/** Online, TV, phone and mail are sales at a distance (art. 25); `in_store` is not. */
export const PURCHASE_CHANNELS = ['online', 'tv', 'phone', 'mail', 'in_store'] as const;
export const PurchaseChannelSchema = z.enum(PURCHASE_CHANNELS);
export type PurchaseChannel = z.infer<typeof PurchaseChannelSchema>;

export const StatutoryFactsSchema = z
  .strictObject({
    purchaseChannel: z.optional(PurchaseChannelSchema),
    /** The date of sale: the rule version in force on it applies, and 三包 counts its days from it. */
    purchaseDate: z.optional(IsoDate),
    /** The date the customer received the goods: art. 24 and 25 count their days from it. */
    receiptDate: z.optional(IsoDate),
    pricePaidFen: z.optional(FactAmount),
    /** The goods do not meet the quality agreed or required, or have a performance failure (性能故障). */
    qualityDefect: z.optional(z.boolean()),
    isFood: z.optional(z.boolean()),
    /** Found: the food does not meet food safety standards (made by us, or sold knowing it). */
    foodBelowSafetyStandard: z.optional(z.boolean()),
    /** Found: the only flaw is in the label or instructions, and it neither affects safety nor misleads. */
    labellingFlawOnly: z.optional(z.boolean()),
    /** The product is one the 三包 provisions cover. */
    threeGuaranteesCovered: z.optional(z.boolean()),
    /** The last day of the 三包 warranty. */
    warrantyEndsOn: z.optional(IsoDate),
    /** Repairs within the warranty after which the product still does not work. */
    failedRepairsInWarranty: z.optional(z.int().check(z.gte(0), z.lte(99))),
    /** Which art. 25 exclusions the goods fall under; empty: none. */
    exclusions: z.optional(z.array(DistanceSaleExclusionSchema)),
    /** Found: the sale involved fraud (欺诈). */
    fraudFound: z.optional(z.boolean()),
    /** Found: goods known to be defective were supplied and caused death or serious harm to health. */
    knowinglyDefectiveSeriousHarm: z.optional(z.boolean()),
    /** The customer's loss as assessed, in fen. */
    lossFen: z.optional(FactAmount),
  })
  .check(
    z.refine((f) => !f.purchaseDate || !f.receiptDate || f.receiptDate >= f.purchaseDate, {
      message: 'the goods cannot be received before they were bought',
      path: ['receiptDate'],
    }),
  );
export type StatutoryFacts = z.infer<typeof StatutoryFactsSchema>;
export type StatutoryFactName = keyof StatutoryFacts;
