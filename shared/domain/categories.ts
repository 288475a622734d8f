import * as z from '../zod.js';

/**
 * SPEC §Lifecycle 4: the category a claim is classified into, as its code. Categories are data in the
 * runtime policy (issue 15, `settings.categories`, see category-policy.ts): a code is a stable lower_snake
 * id, checked against the policy in force where a claim gets one (intake, the facts edit), never a fixed list.
 */
export const CategoryCodeSchema = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9_]{0,39}$/, 'a category code is lower-case letters, digits and underscores'));
export type CategoryCode = z.infer<typeof CategoryCodeSchema>;

/** The category email intake files under (a stand-in staff confirm) and the intake default: always kept. */
export const FALLBACK_CATEGORY: CategoryCode = 'other';

/** SPEC §Lifecycle 1: what the customer asks for. */
export const REMEDIES = ['refund', 'replacement', 'repair', 'discount', 'compensation', 'apology'] as const;
export const RemedySchema = z.enum(REMEDIES);
export type Remedy = z.infer<typeof RemedySchema>;

export const CHANNELS = ['web', 'email', 'phone', 'walk_in'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

export const LanguageSchema = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof LanguageSchema>;
