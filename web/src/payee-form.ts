import { html } from 'htm/preact';
import {
  PAYEE_METHODS,
  PAYEE_METHOD_WORDS,
  payeeIssues,
  type PayeeInput,
  type PayeeMethod,
} from '../../shared/domain/payee.js';
import { valueOf } from './dom.js';
import type { Lang } from './i18n.js';

/**
 * Where the money goes, asked on the tracking page when the customer accepts a money offer (issue 18):
 * 原路退回, Alipay, WeChat Pay or a bank card, checked in the page by the API's own rules
 * (shared/domain/payee.ts) and shown beside each field in the page's language.
 */
const TEXT = {
  legend: ['款项退到哪里', 'Where should we pay the money?'],
  originalHint: [
    '款项将按您原来的付款方式退回（如原支付宝、微信或银行卡）。',
    'The money goes back the way you paid (the same Alipay, WeChat Pay or bank card).',
  ],
  holderName: ['收款人姓名 *', 'Account holder’s name *'],
  bank: ['开户银行 *', 'Bank *'],
  cardNumber: ['银行卡号 *', 'Bank card number *'],
  alipayAccount: ['支付宝账号（手机号码或电子邮箱）*', 'Alipay account (mobile number or email) *'],
  wechatAccount: ['微信号或绑定的手机号码 *', 'WeChat ID or the mobile number it uses *'],
  sealedHint: [
    '账号加密保存，仅财务人员付款时可见。',
    'The account is stored encrypted and seen only by finance when paying.',
  ],
} as const satisfies Record<string, readonly [string, string]>;

const pt = (key: keyof typeof TEXT, lang: Lang) => TEXT[key][lang === 'en' ? 1 : 0];

/** The payee's problems by field (`holderName`, `bank`, `account`), in the page's language. */
export function payeeErrors(payee: PayeeInput, lang: Lang): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {};
  for (const issue of payeeIssues(payee)) {
    const field = issue.path.replace(/^payee\./, '');
    errors[field] ??= issue.words?.[lang] ?? issue.message;
  }
  return errors;
}

export function PayeeChoice(props: {
  readonly lang: Lang;
  readonly value: PayeeInput;
  readonly errors: Partial<Record<string, string>>;
  readonly onChange: (payee: PayeeInput) => void;
}) {
  const { lang, value, errors } = props;
  const set = (key: 'holderName' | 'bank' | 'account') => (event: Event) =>
    props.onChange({ ...value, [key]: valueOf(event) });
  const field = (
    key: 'holderName' | 'bank' | 'account',
    text: string,
    extra: Record<string, unknown> = {},
  ) => {
    const id = `payee-${key}`;
    const error = errors[key];
    return html`<div>
      <label for=${id}>${text}</label>
      <input
        id=${id}
        value=${value[key] ?? ''}
        onInput=${set(key)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : undefined}
        ...${extra}
      />
      ${error ? html`<p class="error" id=${`${id}-error`} lang=${lang}>${error}</p>` : null}
    </div>`;
  };
  const method: PayeeMethod = value.method;
  return html`<fieldset class="payee" data-testid="payee">
    <legend>${pt('legend', lang)}</legend>
    ${PAYEE_METHODS.map(
      (m) =>
        html`<label class="choice">
          <input
            type="radio"
            name="payee-method"
            value=${m}
            checked=${method === m}
            onChange=${() => props.onChange({ ...value, method: m })}
          />
          ${PAYEE_METHOD_WORDS[m][lang]}
        </label>`,
    )}
    ${method === 'original_route' ? html`<p class="hint">${pt('originalHint', lang)}</p>` : null}
    ${method !== 'original_route' ? field('holderName', pt('holderName', lang), { autocomplete: 'name' }) : null}
    ${method === 'bank_card' ? field('bank', pt('bank', lang)) : null}
    ${
      method === 'bank_card'
        ? field('account', pt('cardNumber', lang), { inputmode: 'numeric', autocomplete: 'off' })
        : method === 'alipay'
          ? field('account', pt('alipayAccount', lang), { autocomplete: 'off' })
          : method === 'wechat_pay'
            ? field('account', pt('wechatAccount', lang), { autocomplete: 'off' })
            : null
    }
    ${method !== 'original_route' ? html`<p class="hint">${pt('sealedHint', lang)}</p>` : null}
  </fieldset>`;
}
