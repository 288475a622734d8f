import { wordIssue } from '../../shared/domain/field-issues.js';
import { parseYuan } from '../../shared/domain/money.js';
import { shanghaiDate } from '../../shared/domain/shanghai-time.js';
import type { Lang } from './i18n.js';

/**
 * A claim's intake fields as typed text, shared by the public claim form and the console's phone intake:
 * converted to the API's shape here, then checked by the API's own schema (`IntakeInputSchema`).
 */
export interface IntakeTextFields {
  name: string;
  phone: string;
  email: string;
  productName: string;
  model: string;
  quantity: string;
  orderNumber: string;
  foundOn: string;
  category: string;
  description: string;
  requestedRemedy: string;
  amountYuan: string;
}

/** The fields top to bottom: an error summary lists them in this order. */
export const INTAKE_FIELD_ORDER: readonly (keyof IntakeTextFields)[] = [
  'name',
  'phone',
  'email',
  'productName',
  'model',
  'quantity',
  'orderNumber',
  'foundOn',
  'category',
  'description',
  'requestedRemedy',
  'amountYuan',
];

/** Which field shows the error for an API/schema path. */
export const INTAKE_FIELD_OF_PATH: Readonly<Record<string, keyof IntakeTextFields>> = {
  'claimant.name': 'name',
  'claimant.phone': 'phone',
  'claimant.email': 'email',
  'product.name': 'productName',
  'product.model': 'model',
  'product.quantity': 'quantity',
  'product.orderNumber': 'orderNumber',
  foundOn: 'foundOn',
  category: 'category',
  description: 'description',
  requestedRemedy: 'requestedRemedy',
  claimedAmountFen: 'amountYuan',
};

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** The intake body of the typed fields, in the API's shape (money in integer fen). */
export function intakeBody(f: IntakeTextFields, lang: Lang) {
  return {
    claimant: { name: f.name.trim(), phone: optional(f.phone), email: optional(f.email) },
    product: {
      name: f.productName.trim(),
      model: optional(f.model),
      quantity: Number(f.quantity || '1'),
      orderNumber: optional(f.orderNumber),
    },
    foundOn: f.foundOn,
    description: f.description.trim(),
    category: f.category,
    requestedRemedy: f.requestedRemedy,
    // Money travels in integer fen; people type yuan (checked by `intakeBrowserIssues`).
    claimedAmountFen: f.amountYuan.trim() === '' ? 0 : (parseYuan(f.amountYuan) ?? 0),
    language: lang,
  };
}

/** Today in Asia/Shanghai, the latest date the problem can have been found on. */
export const todayInShanghai = () => shanghaiDate(new Date());

/**
 * The rules on what is typed that the API cannot see: yuan with at most two decimals (the API gets fen),
 * and a found date not after today (the API checks it too, with the same words).
 */
export function intakeBrowserIssues(f: IntakeTextFields, lang: Lang): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (f.amountYuan.trim() !== '' && parseYuan(f.amountYuan) === null)
    issues.push({
      path: 'claimedAmountFen',
      message: wordIssue({ path: 'claimedAmountFen', code: 'amount_format' }, lang),
    });
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.foundOn) && f.foundOn > todayInShanghai())
    issues.push({ path: 'foundOn', message: wordIssue({ path: 'foundOn', code: 'future_date' }, lang) });
  return issues;
}

/** Each issue at its field (the first per field); paths no field names land on `fallback`. */
export function issuesByField<K extends string>(
  issues: readonly { path: string; message: string }[],
  fieldOf: Readonly<Record<string, K>>,
  fallback: K,
): Partial<Record<K, string>> {
  const errors: Partial<Record<K, string>> = {};
  for (const issue of issues) {
    const field = fieldOf[issue.path] ?? fallback;
    errors[field] ??= issue.message;
  }
  return errors;
}
