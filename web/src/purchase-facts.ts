import { wordIssue, wordZodIssues, type IssueCode } from '../../shared/domain/field-issues.js';
import type { Language as Lang } from '../../shared/domain/categories.js';
import { parseYuan } from '../../shared/domain/money.js';
import {
  IntakeStatutoryFactsSchema,
  type IntakeStatutoryFacts,
} from '../../shared/domain/statutory/intake-facts.js';
import type { PurchaseChannel } from '../../shared/domain/statutory/remedy-facts.js';
import type { DistanceSaleExclusion } from '../../shared/domain/statutory/remedy-rules.js';

/** The claim form's purchase facts (issue 24) as typed, and what they send and refuse; no page code. */
/** The group as typed; `''` is not given. */
export interface PurchaseDraft {
  purchaseChannel: '' | PurchaseChannel;
  purchaseDate: string;
  receiptDate: string;
  priceYuan: string;
  isFood: '' | 'true' | 'false';
  threeGuaranteesCovered: '' | 'true' | 'false';
  warrantyMonths: string;
  exclusions: readonly DistanceSaleExclusion[];
  noExclusion: boolean;
}

export const EMPTY_PURCHASE: PurchaseDraft = {
  purchaseChannel: '',
  purchaseDate: '',
  receiptDate: '',
  priceYuan: '',
  isFood: '',
  threeGuaranteesCovered: '',
  warrantyMonths: '',
  exclusions: [],
  noExclusion: false,
};

/** The API path of each typed field, for its error. */
const PATH_OF: Readonly<Record<string, string>> = {
  purchaseChannel: 'statutoryFacts.purchaseChannel',
  purchaseDate: 'statutoryFacts.purchaseDate',
  receiptDate: 'statutoryFacts.receiptDate',
  priceYuan: 'statutoryFacts.pricePaidFen',
  warrantyMonths: 'statutoryFacts.warrantyMonths',
};
/** The typed field of an API path (`statutoryFacts.pricePaidFen` → `priceYuan`). */
export function purchaseFieldOf(path: string): string | undefined {
  return Object.entries(PATH_OF).find(([, p]) => p === path)?.[0];
}

/** A receipt before the purchase, in words (the schema's code words it for any pair of dates). */
const RECEIVED_BEFORE_BOUGHT = [
  '收货日期不能早于购买日期。',
  'The date you received it cannot be before the date of purchase.',
] as const;

const bool = (value: '' | 'true' | 'false') => (value === '' ? undefined : value === 'true');

/** The group as the API takes it under `statutoryFacts`; undefined when nothing was given. */
export function purchaseBody(d: PurchaseDraft): IntakeStatutoryFacts | undefined {
  const price = d.priceYuan.trim() === '' ? undefined : (parseYuan(d.priceYuan) ?? undefined);
  const months = /^\d+$/.test(d.warrantyMonths.trim()) ? Number(d.warrantyMonths) : undefined;
  const body: IntakeStatutoryFacts = {
    ...(d.purchaseChannel ? { purchaseChannel: d.purchaseChannel } : {}),
    ...(d.purchaseDate ? { purchaseDate: d.purchaseDate } : {}),
    ...(d.receiptDate ? { receiptDate: d.receiptDate } : {}),
    ...(price !== undefined ? { pricePaidFen: price } : {}),
    ...(bool(d.isFood) !== undefined ? { isFood: bool(d.isFood) } : {}),
    ...(bool(d.threeGuaranteesCovered) !== undefined
      ? { threeGuaranteesCovered: bool(d.threeGuaranteesCovered) }
      : {}),
    ...(months !== undefined ? { warrantyMonths: months } : {}),
    ...(d.exclusions.length > 0
      ? { exclusions: [...d.exclusions] }
      : d.noExclusion
        ? { exclusions: [] }
        : {}),
  };
  return Object.keys(body).length > 0 ? body : undefined;
}

/**
 * What is wrong with the group, by typed field, in the page's language: the browser's own rules (yuan with
 * two decimals, whole months, no date after `today`), then the API's schema on the body.
 */
export function purchaseIssues(d: PurchaseDraft, lang: Lang, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const add = (field: string, code: IssueCode) => {
    errors[field] ??= wordIssue({ path: PATH_OF[field] ?? field, code }, lang);
  };
  if (d.priceYuan.trim() !== '' && parseYuan(d.priceYuan) === null) add('priceYuan', 'amount_format');
  if (d.warrantyMonths.trim() !== '' && !/^\d+$/.test(d.warrantyMonths.trim()))
    add('warrantyMonths', 'not_whole_number');
  for (const field of ['purchaseDate', 'receiptDate'] as const)
    if (/^\d{4}-\d{2}-\d{2}$/.test(d[field]) && d[field] > today) add(field, 'future_date');
  if (d.purchaseDate && d.receiptDate && d.receiptDate < d.purchaseDate)
    errors['receiptDate'] ??= RECEIVED_BEFORE_BOUGHT[lang === 'en' ? 1 : 0];
  const body = purchaseBody(d);
  if (body) {
    const parsed = IntakeStatutoryFactsSchema.safeParse(body);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        // Worded at the API's path, so the field is named as the API names it.
        const path = `statutoryFacts.${issue.path.map(String).join('.')}`;
        const [worded] = wordZodIssues([{ ...issue, path: path.split('.') }], lang);
        const field = purchaseFieldOf(path) ?? 'purchaseDate';
        if (worded) errors[field] ??= worded.message;
      }
  }
  return errors;
}
