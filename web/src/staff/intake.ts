import { DuplicateHint } from './duplicate-hint.js';
import { html } from 'htm/preact';
import { useMemo, useState } from 'preact/hooks';
import * as z from '../../../shared/zod.js';
import { REMEDIES } from '../../../shared/domain/categories.js';
import { IntakeInputSchema } from '../../../shared/domain/claim.js';
import { wordZodIssues } from '../../../shared/domain/field-issues.js';
import type { Words } from '../../../shared/domain/labels.js';
import { ApiErrorSchema, problemMessage, request } from '../api.js';
import { REMEDY_LABELS, label, type Lang } from '../i18n.js';
import {
  INTAKE_FIELD_OF_PATH,
  INTAKE_FIELD_ORDER,
  intakeBody,
  intakeBrowserIssues,
  issuesByField,
  todayInShanghai,
  type IntakeTextFields,
} from '../intake-fields.js';
import { useCategories } from './categories.js';
import type { QueueChoices } from './schemas.js';

/** The staff intake form's words, [zh-CN, en]: staff register a claim for a customer on the phone or at the desk. */
const TEXT = {
  title: ['登记电话 / 来访索赔', 'Register a phone or walk-in claim'],
  intro: [
    '客户来电或到店时，由您代为登记。受理回执会按客户的手机和邮箱发出。',
    "For a customer on the phone or at the desk. The receipt goes to the customer's phone and email.",
  ],
  channel: ['受理方式', 'How the customer came'],
  phone: ['电话', 'By phone'],
  walk_in: ['来访', 'In person'],
  unit: ['受理单位', 'Unit'],
  customer: ['客户', 'Customer'],
  name: ['客户姓名', "Customer's name"],
  mobile: ['手机号码', 'Mobile phone'],
  email: ['电子邮箱', 'Email'],
  contactHint: ['手机号码和邮箱至少填一项。', 'Give a mobile number, an email, or both.'],
  product: ['产品', 'Product'],
  productName: ['产品名称', 'Product name'],
  model: ['型号', 'Model'],
  quantity: ['数量', 'Quantity'],
  orderNumber: ['订单号', 'Order number'],
  problem: ['问题', 'Problem'],
  foundOn: ['发现问题日期', 'Day the problem was found'],
  category: ['类别', 'Category'],
  description: ['客户陈述', "The customer's account"],
  remedy: ['客户要求', 'What the customer asks for'],
  amount: ['索赔金额（元，可不填）', 'Amount claimed (yuan, optional)'],
  submit: ['登记索赔', 'Register the claim'],
  sending: ['正在登记…', 'Registering…'],
  fixErrors: ['请修改以下内容后再登记：', 'Please correct these, then register:'],
  failed: ['未能登记：{reason}', 'Not registered: {reason}'],
} as const satisfies Record<string, Words>;

function it(key: keyof typeof TEXT, lang: Lang, vars: Record<string, string> = {}): string {
  return TEXT[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, n: string) => vars[n] ?? '');
}

interface Fields extends IntakeTextFields {
  channel: 'phone' | 'walk_in';
  unitId: string;
}

/** Which field shows the error for an API/schema path: the intake's, and the unit. */
const FIELD_OF_PATH: Readonly<Record<string, keyof Fields>> = { ...INTAKE_FIELD_OF_PATH, unitId: 'unitId' };
const SUMMARY_ORDER: readonly (keyof Fields)[] = [...INTAKE_FIELD_ORDER, 'unitId'];

/** The intake body the API's own schema checks, placed in the unit chosen (the caller's own by default). */
function intakeOf(f: Fields, lang: Lang) {
  return { ...intakeBody(f, lang), ...(f.unitId !== '' ? { unitId: f.unitId } : {}) };
}

/** The API's intake schema in the console's words, and the two rules it cannot see (yuan, a future date). */
function issuesOf(f: Fields, lang: Lang): Partial<Record<keyof Fields, string>> {
  const parsed = IntakeInputSchema.safeParse(intakeOf(f, lang));
  return placed([
    ...intakeBrowserIssues(f, lang),
    ...(parsed.success ? [] : wordZodIssues(parsed.error.issues, lang)),
  ]);
}

function placed(issues: readonly { path: string; message: string }[]): Partial<Record<keyof Fields, string>> {
  return issuesByField(issues, FIELD_OF_PATH, 'description');
}

const FiledSchema = z.object({ number: z.string() });

/**
 * `POST /staff/claims` from the console (issue 17): a claim taken on the phone or at the desk, filed in the
 * caller's unit or one below it, checked with the API's own intake schema before it is sent; once filed the
 * claim opens.
 */
export function StaffIntake({
  headers,
  lang,
  choices,
  onFiled,
}: {
  headers: Record<string, string>;
  lang: Lang;
  choices: QueueChoices | undefined;
  onFiled: (number: string) => void;
}) {
  const categories = useCategories(headers)?.filter((c) => c.active);
  const [fields, setFields] = useState<Fields>({
    channel: 'phone',
    unitId: '',
    name: '',
    phone: '',
    email: '',
    productName: '',
    model: '',
    quantity: '1',
    orderNumber: '',
    foundOn: todayInShanghai(),
    category: '',
    description: '',
    requestedRemedy: 'repair',
    amountYuan: '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof Fields, string>>>({});
  const [failure, setFailure] = useState('');
  const [sending, setSending] = useState(false);
  // One key per form: a double click or a retry after a lost answer registers one claim.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const category = fields.category || categories?.[0]?.code || '';
  const current = { ...fields, category };

  const set = (key: keyof Fields) => (event: Event) => {
    const target = event.currentTarget;
    if (!(
      target instanceof HTMLInputElement ||
      target instanceof HTMLSelectElement ||
      target instanceof HTMLTextAreaElement
    ))
      return;
    const next = { ...current, [key]: target.value };
    setFields(next);
    if (errors[key]) setErrors({ ...errors, [key]: issuesOf(next, lang)[key] });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    const found = issuesOf(current, lang);
    setErrors(found);
    setFailure('');
    if (Object.values(found).some(Boolean)) {
      document.querySelector<HTMLElement>('#staff-intake [aria-invalid="true"]')?.focus();
      return;
    }
    setSending(true);
    const result = await request('POST', '/staff/claims', {
      body: { ...intakeOf(current, lang), channel: current.channel },
      headers: { ...headers, 'idempotency-key': idempotencyKey },
    }).finally(() => setSending(false));
    const filed = FiledSchema.safeParse(result.body);
    if ((result.status === 201 || result.status === 200) && filed.success) return onFiled(filed.data.number);
    const apiError = ApiErrorSchema.safeParse(result.body);
    const issues = apiError.success ? (apiError.data.error.issues ?? []) : [];
    if (issues.length > 0) setErrors(placed(issues));
    else setFailure(it('failed', lang, { reason: problemMessage(result) }));
  };

  const field = (key: keyof Fields, text: string, input: (props: Record<string, unknown>) => unknown) => {
    const id = `intake-${key}`;
    const error = errors[key];
    return html`<div>
      <label for=${id}>${text}</label>
      ${input({ id, value: current[key], onInput: set(key), onChange: set(key), 'aria-invalid': error ? 'true' : 'false', 'aria-describedby': error ? `${id}-error` : undefined })}
      ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : null}
    </div>`;
  };
  const input =
    (type = 'text', extra: Record<string, unknown> = {}) =>
    (props: Record<string, unknown>) =>
      html`<input type=${type} ...${props} ...${extra} />`;
  const units = choices?.units ?? [];

  return html`<form
    id="staff-intake"
    class="card"
    aria-label=${it('title', lang)}
    onSubmit=${submit}
    novalidate
  >
    <h2>${it('title', lang)}</h2>
    <p class="hint">${it('intro', lang)}</p>
    <div class="row">
      ${field(
        'channel',
        it('channel', lang),
        (props) =>
          html`<select ...${props}>
            <option value="phone">${it('phone', lang)}</option>
            <option value="walk_in">${it('walk_in', lang)}</option>
          </select>`,
      )}
      ${field(
        'unitId',
        it('unit', lang),
        (props) =>
          html`<select ...${props}>
            ${units.map(
              (u, i) =>
                html`<option value=${i === 0 ? '' : u.id}>
                  ${'\u3000'.repeat(u.depth)}${u.name[lang]}
                </option>`,
            )}
          </select>`,
      )}
    </div>
    <fieldset>
      <legend>${it('customer', lang)}</legend>
      ${field('name', it('name', lang), input())}
      <div class="row">
        ${field('phone', it('mobile', lang), input('tel'))}
        ${field('email', it('email', lang), input('email'))}
      </div>
      <p class="hint">${it('contactHint', lang)}</p>
    </fieldset>
    <fieldset>
      <legend>${it('product', lang)}</legend>
      ${field('productName', it('productName', lang), input())}
      <div class="row">
        ${field('model', it('model', lang), input())}
        ${field('quantity', it('quantity', lang), input('number', { min: 1 }))}
        ${field('orderNumber', it('orderNumber', lang), input())}
      </div>
    </fieldset>
    <fieldset>
      <legend>${it('problem', lang)}</legend>
      <div class="row">
        ${field('foundOn', it('foundOn', lang), input('date', { max: todayInShanghai() }))}
        ${field(
          'category',
          it('category', lang),
          (props) =>
            html`<select ...${props}>
              ${(categories ?? []).map((c) => html`<option value=${c.code}>${c.name[lang]}</option>`)}
            </select>`,
        )}
      </div>
      ${field('description', it('description', lang), (props) => html`<textarea ...${props}></textarea>`)}
      <div class="row">
        ${field(
          'requestedRemedy',
          it('remedy', lang),
          (props) =>
            html`<select ...${props}>
              ${REMEDIES.map((r) => html`<option value=${r}>${label(REMEDY_LABELS, r, lang)}</option>`)}
            </select>`,
        )}
        ${field('amountYuan', it('amount', lang), input('text', { inputmode: 'decimal', autocomplete: 'off' }))}
      </div>
    </fieldset>
    <${DuplicateHint}
      headers=${headers}
      lang=${lang}
      orderNumber=${current.orderNumber}
      phone=${current.phone}
    />
    ${
      Object.values(errors).some(Boolean)
        ? html`<div class="error-summary" role="alert">
            <p class="error">${it('fixErrors', lang)}</p>
            <ul>
              ${SUMMARY_ORDER.map((key) => [key, errors[key]] as const)
                .filter(([, message]) => message)
                .map(([key, message]) => html`<li><a href=${`#intake-${key}`}>${message}</a></li>`)}
            </ul>
          </div>`
        : null
    }
    ${failure ? html`<p class="error" role="alert">${failure}</p>` : null}
    <button type="submit" disabled=${sending}>${sending ? it('sending', lang) : it('submit', lang)}</button>
  </form>`;
}
