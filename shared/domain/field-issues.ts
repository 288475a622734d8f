import type * as z from '../zod.js';
import type { Language } from './categories.js';

/**
 * What is wrong with one field, as a stable code the API returns and every page words in its language.
 * The same schema runs in the browser and in the API, so a form shows the same words before sending as the
 * API would answer. Codes, not sentences, cross the wire: `issues[].code` with `params` (a length, a bound).
 */
export const ISSUE_CODES = [
  'required',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'too_few',
  'too_many',
  'not_whole_number',
  'invalid_email',
  'invalid_phone',
  'invalid_date',
  'invalid_instant',
  'future_date',
  'invalid_option',
  'unknown_field',
  'contact_required',
  'amount_format',
  'no_change',
  'must_confirm',
  'token_in_query',
  'invalid_link',
  'must_exceed',
  'date_order',
  'file_too_large',
  'upload_elsewhere',
  'upload_duplicate',
  'upload_missing',
  'upload_mismatch',
  'invalid_json',
  'invalid_contact',
  'lookup_code_wrong',
  'invalid',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type IssueParams = Readonly<Record<string, string | number>>;

/** A field issue in words: `message` is already in the reader's language. */
export interface WordedIssue {
  readonly path: string;
  readonly code: IssueCode;
  readonly params?: IssueParams | undefined;
  readonly message: string;
}

const isIssueCode = (value: unknown): value is IssueCode =>
  typeof value === 'string' && (ISSUE_CODES as readonly string[]).includes(value);

/**
 * An absent value rather than a wrong one. zod leaves the input out of an issue unless asked to, so its
 * message says it: "…, received undefined".
 */
function missing(issue: z.core.$ZodIssueInvalidType): boolean {
  return 'input' in issue && issue.input !== undefined ? false : /received undefined$/.test(issue.message);
}

/** A zod issue as a code (custom checks name theirs in `params.code`). */
export function codeOfZodIssue(issue: z.core.$ZodIssue): { code: IssueCode; params?: IssueParams } {
  switch (issue.code) {
    case 'invalid_type':
      return {
        code: missing(issue) ? 'required' : issue.expected === 'int' ? 'not_whole_number' : 'invalid',
      };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? { code: 'required' } : { code: 'too_short', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_few', params: { min } };
      return { code: issue.inclusive === false ? 'must_exceed' : 'too_small', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { max } };
      return { code: 'too_big', params: { max } };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'invalid_email' };
      if (issue.format === 'date') return { code: 'invalid_date' };
      if (issue.format === 'datetime') return { code: 'invalid_instant' };
      return { code: 'invalid' };
    case 'invalid_value':
      // `z.literal(true)` is a box to tick: "the customer agreed".
      return {
        code: issue.values.length === 1 && issue.values[0] === true ? 'must_confirm' : 'invalid_option',
      };
    case 'unrecognized_keys':
      return { code: 'unknown_field', params: { keys: issue.keys.join(', ') } };
    case 'custom': {
      const code: unknown = issue.params?.['code'];
      return { code: isIssueCode(code) ? code : 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
}

/** Field names as a person reads them, by API path (array indexes dropped: `uploads.0.key` → `uploads`). */
const FIELD_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  'claimant.name': ['姓名', 'your name'],
  'claimant.phone': ['手机号码', 'phone number'],
  'claimant.email': ['电子邮箱', 'email address'],
  'claimant.complainantCount': ['投诉人数', 'number of complainants'],
  'product.name': ['产品名称', 'product name'],
  'product.model': ['型号', 'model'],
  'product.quantity': ['数量', 'quantity'],
  'product.orderNumber': ['订单号', 'order number'],
  foundOn: ['发现问题的日期', 'date the problem was found'],
  description: ['问题描述', 'description of the problem'],
  category: ['问题类型', 'type of problem'],
  requestedRemedy: ['希望的处理方式', 'what you would like us to do'],
  claimedAmountFen: ['索赔金额', 'amount claimed'],
  uploads: ['附件', 'attachments'],
  message: ['留言', 'message'],
  reason: ['原因', 'reason'],
  comment: ['意见', 'comment'],
  rating: ['评价', 'rating'],
  note: ['备注', 'note'],
  items: ['项目', 'items'],
  assigneeId: ['处理人', 'assignee'],
  unitId: ['单位', 'unit'],
  explanation: ['说明', 'explanation'],
  summary: ['概述', 'summary'],
  visitedAt: ['上门时间', 'visit time'],
  visitedBy: ['上门人员', 'visited by'],
  result: ['结果', 'result'],
  days: ['天数', 'days'],
  customerAgreed: ['客户已同意', 'that the customer agreed'],
  clock: ['时限', 'deadline'],
  responseTarget: ['响应时限', 'response time'],
  validFrom: ['生效日期', 'start date'],
  validUntil: ['截止日期', 'end date'],
  ownerId: ['负责人', 'owner'],
  content: ['承诺内容', 'what is promised'],
  type: ['类型', 'type'],
  number: ['索赔编号', 'claim number'],
  code: ['验证码', 'code'],
  contact: ['手机号码或电子邮箱', 'phone number or email address'],
  // Issue 24: the purchase facts of the claim form and the staff facts edit.
  'statutoryFacts.purchaseChannel': ['购买方式', 'how you bought it'],
  'statutoryFacts.purchaseDate': ['购买日期', 'date of purchase'],
  'statutoryFacts.receiptDate': ['收货日期', 'date you received it'],
  'statutoryFacts.pricePaidFen': ['实付金额', 'price paid'],
  'statutoryFacts.warrantyMonths': ['三包有效期（月）', 'warranty in months'],
  'statutoryFacts.warrantyEndsOn': ['三包有效期', 'warranty end date'],
  'statutoryFacts.lossFen': ['损失金额', 'loss'],
  'statutoryFacts.exclusions': ['除外商品', 'excluded goods'],
  'statutoryFacts.failedRepairsInWarranty': ['修理次数', 'number of repairs'],
  statutoryReason: ['低于法定标准的理由', 'reason for offering less than the law'],
};

function fieldName(path: string, language: Language): string | undefined {
  const key = path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');
  const names = FIELD_NAMES[key] ?? FIELD_NAMES[key.split('.').at(-1) ?? ''];
  return names ? names[language === 'en' ? 1 : 0] : undefined;
}

type Words = (field: string | undefined, p: IssueParams) => string;
const zh = (field: string | undefined) => field ?? '此项';
const en = (field: string | undefined) => field ?? 'this field';
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const WORDS: Readonly<Record<IssueCode, readonly [Words, Words]>> = {
  required: [(f) => `请填写${zh(f)}。`, (f) => `Please fill in ${en(f)}.`],
  too_short: [
    (f, p) => `${zh(f)}至少 ${p['min']} 个字。`,
    (f, p) => `${capital(en(f))} needs at least ${p['min']} characters.`,
  ],
  too_long: [
    (f, p) => `${zh(f)}最多 ${p['max']} 个字。`,
    (f, p) => `${capital(en(f))} can have at most ${p['max']} characters.`,
  ],
  too_small: [
    (f, p) => `${zh(f)}不能小于 ${p['min']}。`,
    (f, p) => `${capital(en(f))} cannot be less than ${p['min']}.`,
  ],
  too_big: [
    (f, p) => `${zh(f)}不能大于 ${p['max']}。`,
    (f, p) => `${capital(en(f))} cannot be more than ${p['max']}.`,
  ],
  too_few: [
    (f, p) => `${zh(f)}至少要有 ${p['min']} 项。`,
    (f, p) => `${capital(en(f))} needs at least ${p['min']}.`,
  ],
  too_many: [
    (f, p) => `${zh(f)}最多 ${p['max']} 项。`,
    (f, p) => `${capital(en(f))} can have at most ${p['max']}.`,
  ],
  not_whole_number: [(f) => `${zh(f)}请填写整数。`, (f) => `${capital(en(f))} must be a whole number.`],
  invalid_email: [
    () => '请填写有效的电子邮箱，例如 name@example.com。',
    () => 'Please enter a valid email address, e.g. name@example.com.',
  ],
  invalid_phone: [
    () => '请填写有效的手机号码（11 位，以 1 开头），或带国家代码的号码（如 +852 9123 4567）。',
    () =>
      'Please enter a valid mobile number (11 digits starting with 1) or an international number with its country code (e.g. +852 9123 4567).',
  ],
  invalid_date: [(f) => `请选择${zh(f)}。`, (f) => `Please choose the ${en(f)}.`],
  invalid_instant: [(f) => `${zh(f)}不是有效的时间。`, (f) => `${capital(en(f))} is not a valid time.`],
  future_date: [(f) => `${zh(f)}不能晚于今天。`, (f) => `${capital(en(f))} cannot be later than today.`],
  invalid_option: [(f) => `请选择${zh(f)}。`, (f) => `Please choose the ${en(f)}.`],
  unknown_field: [
    (_f, p) => `提交了不接受的内容：${p['keys']}。`,
    (_f, p) => `The request contains fields that are not accepted: ${p['keys']}.`,
  ],
  contact_required: [
    () => '请至少填写手机号码或电子邮箱中的一项，以便我们联系您。',
    () => 'Please give a phone number or an email address so we can reach you.',
  ],
  amount_format: [
    (f) => `${zh(f)}请填写以元为单位的数字，最多两位小数，例如 199 或 199.50。`,
    (f) => `${capital(en(f))}: enter yuan with at most two decimals, e.g. 199 or 199.50.`,
  ],
  token_in_query: [
    () => '查询码不能放在网址中：请重新打开邮件或短信里的链接。',
    () =>
      'The claim token is not accepted in the address: open the link from your mail or text message again.',
  ],
  invalid_link: [
    () => '这个链接无效：请重新打开邮件或短信里的链接。',
    () => 'This link is not valid: open the link from your mail or text message again.',
  ],
  must_exceed: [
    (f, p) => `${zh(f)}须大于 ${p['min']}。`,
    (f, p) => `${capital(en(f))} must be more than ${p['min']}.`,
  ],
  must_confirm: [(f) => `请确认${zh(f)}。`, (f) => `Please confirm ${en(f)}.`],
  date_order: [
    (f) => `${zh(f)}不能早于开始日期。`,
    (f) => `${capital(en(f))} cannot be before the start date.`,
  ],
  no_change: [() => '请至少修改一项内容。', () => 'Change at least one of the details.'],
  file_too_large: [
    (_f, p) => `文件太大：每个文件最大 ${p['maxMb']} MB。`,
    (_f, p) => `The file is too large: at most ${p['maxMb']} MB per file.`,
  ],
  upload_elsewhere: [
    () => '这个附件不属于本次提交。',
    () => 'This attachment does not belong to this submission.',
  ],
  upload_duplicate: [() => '这个文件已经添加过了。', () => 'This file is already attached.'],
  upload_missing: [
    (_f, p) => `没有收到文件“${p['name']}”，请重新上传。`,
    (_f, p) => `“${p['name']}” was not received; please upload it again.`,
  ],
  upload_mismatch: [
    (_f, p) => `文件“${p['name']}”上传不完整，请重新上传。`,
    (_f, p) => `“${p['name']}” did not arrive complete; please upload it again.`,
  ],
  invalid_json: [() => '提交的内容无法读取。', () => 'What was sent could not be read.'],
  invalid_contact: [
    () => '请填写提交索赔时留下的手机号码或电子邮箱。',
    () => 'Enter the phone number or email address you gave with your claim.',
  ],
  lookup_code_wrong: [
    () => '验证码不正确或已失效。请核对索赔编号和验证码，或重新获取验证码。',
    () =>
      'The code is not right or no longer valid. Check the claim number and the code, or ask for a new code.',
  ],
  invalid: [(f) => `${zh(f)}填写有误，请检查。`, (f) => `Please check ${en(f)}.`],
};

/** One issue in the reader's language. */
export function wordIssue(
  issue: { readonly path: string; readonly code: IssueCode; readonly params?: IssueParams | undefined },
  language: Language,
): string {
  const words = WORDS[issue.code][language === 'en' ? 1 : 0];
  return words(fieldName(issue.path, language), issue.params ?? {});
}

/** zod's issues as coded, worded field issues. */
export function wordZodIssues(issues: readonly z.core.$ZodIssue[], language: Language): WordedIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const coded = codeOfZodIssue(issue);
    return { path, ...coded, message: wordIssue({ path, ...coded }, language) };
  });
}

/** The headline above a list of field issues. */
export function invalidRequestWords(language: Language): string {
  return language === 'en'
    ? 'Some of the details need correcting: see the marked fields.'
    : '部分内容需要修改，请查看标出的项目。';
}
