import { html } from 'htm/preact';
import { PURCHASE_CHANNELS } from '../../shared/domain/statutory/remedy-facts.js';
import { DISTANCE_SALE_EXCLUSIONS } from '../../shared/domain/statutory/remedy-rules.js';
import { EXCLUSION_LABELS, PURCHASE_CHANNEL_LABELS } from '../../shared/domain/statutory/remedy-words.js';
import type { Language as Lang } from '../../shared/domain/categories.js';
import type { PurchaseDraft } from './purchase-facts.js';

/** Words of the claim form's purchase group (issue 24), [zh-CN, en]. */
const T = {
  legend: ['购买信息（选填）', 'About the purchase (optional)'],
  hint: [
    '这些信息帮助我们判断您依法享有的权利，例如七日无理由退货或三包。不清楚的可以不填。',
    'This helps us see what the law entitles you to, such as a seven-day return or the 三包 guarantee. Leave out what you do not know.',
  ],
  channel: ['购买方式', 'How you bought it'],
  notSaid: ['不填', 'Not given'],
  purchaseDate: ['购买日期', 'Date of purchase'],
  receiptDate: ['收货日期', 'Date you received it'],
  price: ['实付金额（元）', 'Price paid (CNY)'],
  isFood: ['是否为食品', 'Is it food?'],
  threeGuarantees: ['是否为三包商品（有三包凭证）', 'Is it covered by 三包 (with a guarantee card)?'],
  warrantyMonths: ['三包有效期（月）', '三包 warranty (months)'],
  exclusions: [
    '商品是否属于以下情况（可多选）',
    'Does any of these describe the goods? (tick all that apply)',
  ],
  noExclusion: ['以上都不是', 'None of these'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
} as const;

function t(key: keyof typeof T, lang: Lang): string {
  return T[key][lang === 'en' ? 1 : 0];
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

type DraftKey = 'purchaseChannel' | 'purchaseDate' | 'receiptDate' | 'priceYuan' | 'warrantyMonths';

/** The purchase group: collapsed until opened (or until one of its fields needs correcting). */
export function PurchaseFacts(props: {
  value: PurchaseDraft;
  onChange: (next: PurchaseDraft) => void;
  errors: Readonly<Record<string, string>>;
  lang: Lang;
  today: string;
}) {
  const { value: d, errors, lang } = props;
  const set = (key: DraftKey) => (event: Event) => {
    const target = event.currentTarget;
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement)
      props.onChange({ ...d, [key]: target.value });
  };
  const yesNo = (key: 'isFood' | 'threeGuaranteesCovered', text: string) =>
    html`<fieldset class="choices">
      <legend>${text}</legend>
      ${(['', 'true', 'false'] as const).map(
        (v) =>
          html`<label class="choice"
            ><input
              type="radio"
              name=${`p-${key}`}
              value=${v}
              checked=${d[key] === v}
              onChange=${() => props.onChange({ ...d, [key]: v })}
            />
            ${v === '' ? t('notSaid', lang) : t(v === 'true' ? 'yes' : 'no', lang)}</label
          >`,
      )}
    </fieldset>`;
  const field = (key: DraftKey, text: string, input: (p: Record<string, unknown>) => unknown) => {
    const id = `p-${key}`;
    const error = errors[key];
    return html`<div>
      <label for=${id}>${text}</label>
      ${input({ id, value: d[key], onInput: set(key), onChange: set(key), 'aria-invalid': error ? 'true' : 'false', 'aria-describedby': error ? `${id}-error` : undefined })}
      ${error ? html`<p class="error" id=${`${id}-error`} lang=${lang}>${error}</p>` : null}
    </div>`;
  };
  const hasErrors = Object.values(errors).some(Boolean);
  return html`<details class="card" open=${hasErrors ? true : undefined} data-testid="purchase-facts">
    <summary>${t('legend', lang)}</summary>
    <p class="hint">${t('hint', lang)}</p>
    <div class="row">
      ${field(
        'purchaseChannel',
        t('channel', lang),
        (p) =>
          html`<select ...${p}>
            <option value="">${t('notSaid', lang)}</option>
            ${PURCHASE_CHANNELS.map(
              (c) => html`<option value=${c}>${PURCHASE_CHANNEL_LABELS[c][lang === 'en' ? 1 : 0]}</option>`,
            )}
          </select>`,
      )}
      ${field('priceYuan', t('price', lang), (p) => html`<input type="text" inputmode="decimal" ...${p} />`)}
    </div>
    <div class="row">
      ${field('purchaseDate', t('purchaseDate', lang), (p) => html`<input type="date" max=${props.today} ...${p} />`)}
      ${field('receiptDate', t('receiptDate', lang), (p) => html`<input type="date" max=${props.today} ...${p} />`)}
    </div>
    ${yesNo('isFood', t('isFood', lang))} ${yesNo('threeGuaranteesCovered', t('threeGuarantees', lang))}
    ${
      d.threeGuaranteesCovered === 'true'
        ? field(
            'warrantyMonths',
            t('warrantyMonths', lang),
            (p) => html`<input type="number" min="1" max="120" step="1" ...${p} />`,
          )
        : null
    }
    <fieldset class="choices">
      <legend>${t('exclusions', lang)}</legend>
      ${DISTANCE_SALE_EXCLUSIONS.map(
        (e) =>
          html`<label class="choice"
            ><input
              type="checkbox"
              checked=${d.exclusions.includes(e)}
              onChange=${(event: Event) => {
                const on = event.currentTarget instanceof HTMLInputElement && event.currentTarget.checked;
                const exclusions = on ? [...d.exclusions, e] : d.exclusions.filter((x) => x !== e);
                props.onChange({ ...d, exclusions, noExclusion: on ? false : d.noExclusion });
              }}
            />
            ${capitalised(EXCLUSION_LABELS[e][lang === 'en' ? 1 : 0])}</label
          >`,
      )}
      <label class="choice"
        ><input
          type="checkbox"
          checked=${d.noExclusion}
          onChange=${(event: Event) => {
            const on = event.currentTarget instanceof HTMLInputElement && event.currentTarget.checked;
            props.onChange({ ...d, noExclusion: on, exclusions: on ? [] : d.exclusions });
          }}
        />
        ${t('noExclusion', lang)}</label
      >
    </fieldset>
  </details>`;
}
