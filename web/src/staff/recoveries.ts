import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { RECOVERY_METHODS } from '../../../shared/domain/payout.js';
import { mayDo } from '../../../shared/domain/staff-permissions.js';
import { valueOf } from '../dom.js';
import { yuan, type Lang } from '../i18n.js';
import type { Money } from './schemas.js';
import { usePost } from './use-post.js';
import { yuanToFen } from './yuan-input.js';

type Recovery = Money['recoveries'][number];

/** The recoveries panel's words, [zh-CN, en] (issue 17): one language at a time. */
const TEXT = {
  title: ['追偿', 'Recoveries'],
  party: ['责任方', 'Party'],
  advanced: ['先行赔付', 'Advanced'],
  recovered: ['已追回', 'Recovered'],
  owed: ['待追回', 'Owed'],
  due: ['到期', 'Due'],
  status: ['状态', 'Status'],
  method: ['方式', 'Method'],
  amount: ['金额（元）', 'Amount in yuan'],
  reference: ['凭证号 / 备注', 'Voucher or note'],
  record: ['记录追偿', 'Record recovery'],
  recordFor: ['记录追偿：{name}', 'Record recovery: {name}'],
  partyOf: ['{name}（{type}）', '{name} ({type})'],
  badAmount: ['金额：元，最多两位小数，如 20.50', 'Amount: yuan with at most two decimals, e.g. 20.50'],
} as const;

function rt(key: keyof typeof TEXT, lang: Lang, name = '', type = ''): string {
  return TEXT[key][lang === 'en' ? 1 : 0].replace('{name}', name).replace('{type}', type);
}

const WORDS_BY_CODE = new Map<string, readonly [string, string]>([
  ['deposit_deduction', ['质保金扣除', 'Deposit deduction']],
  ['transfer', ['转账', 'Transfer']],
  ['open', ['追偿中', 'Open']],
  ['settled', ['已结清', 'Settled']],
  ['supplier', ['供应商', 'supplier']],
  ['franchisee', ['加盟商', 'franchisee']],
]);

/** A method, status or party type in words; an unknown code shows as a dash, never raw. */
function codeWords(code: string, lang: Lang): string {
  return WORDS_BY_CODE.get(code)?.[lang === 'en' ? 1 : 0] ?? '—';
}

/** Finance records money recovered from the party on one open recovery; the amount is typed in yuan. */
function RecoveryEntryForm({
  recovery,
  headers,
  onDone,
  lang,
}: {
  recovery: Recovery;
  headers: Record<string, string>;
  onDone: () => void;
  lang: Lang;
}) {
  const [method, setMethod] = useState<string>(RECOVERY_METHODS[0]);
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const { error, setError, post } = usePost(headers, onDone);
  const id = (name: string) => `recovery-${name}-${recovery.id}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const amountFen = yuanToFen(amount);
    if (amountFen === null) {
      setError(rt('badAmount', lang));
      return;
    }
    const body = { method, amountFen, reference: reference.trim(), expectedVersion: recovery.version };
    const path = `/staff/recoveries/${encodeURIComponent(recovery.id)}/entries`;
    if (await post(path, body)) {
      setAmount('');
      setReference('');
    }
  };
  return html`<form
    class="actions"
    onSubmit=${submit}
    aria-label=${rt('recordFor', lang, recovery.partyName)}
  >
    <label for=${id('method')}>${rt('method', lang)}</label>
    <select id=${id('method')} value=${method} onChange=${(e: Event) => setMethod(valueOf(e))}>
      ${RECOVERY_METHODS.map((m) => html`<option value=${m}>${codeWords(m, lang)}</option>`)}
    </select>
    <label for=${id('amount')}>${rt('amount', lang)}</label>
    <input
      id=${id('amount')}
      required
      inputmode="decimal"
      value=${amount}
      onInput=${(e: Event) => setAmount(valueOf(e))}
    />
    <label for=${id('reference')}>${rt('reference', lang)}</label>
    <input
      id=${id('reference')}
      required
      value=${reference}
      onInput=${(e: Event) => setReference(valueOf(e))}
    />
    <button type="submit">${rt('record', lang)}</button>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
  </form>`;
}

/** What the claim's advance payments are owed back by the responsible party (追偿), and what came back. */
export function Recoveries({
  recoveries,
  roles,
  headers,
  onDone,
  lang,
}: {
  recoveries: Money['recoveries'];
  roles: readonly string[];
  headers: Record<string, string>;
  onDone: () => void;
  lang: Lang;
}) {
  const mayRecord = mayDo('recordMoney', roles);
  return html`<div class="card">
    <h3>${rt('title', lang)}</h3>
    <table data-testid="recoveries">
      <thead>
        <tr>
          <th>${rt('party', lang)}</th>
          <th>${rt('advanced', lang)}</th>
          <th>${rt('recovered', lang)}</th>
          <th>${rt('owed', lang)}</th>
          <th>${rt('due', lang)}</th>
          <th>${rt('status', lang)}</th>
        </tr>
      </thead>
      <tbody>
        ${recoveries.map(
          (r) =>
            html`<tr>
              <td>${rt('partyOf', lang, r.partyName, codeWords(r.partyType, lang))}</td>
              <td class="amount">${yuan(r.amountFen)}</td>
              <td class="amount">${yuan(r.recoveredFen)}</td>
              <td class="amount" data-testid=${`owed-${r.id}`}>${yuan(r.amountFen - r.recoveredFen)}</td>
              <td>${r.dueOn}</td>
              <td>${codeWords(r.status, lang)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      mayRecord
        ? recoveries
            .filter((r) => r.status === 'open')
            .map(
              (r) =>
                html`<${RecoveryEntryForm} recovery=${r} headers=${headers} onDone=${onDone} lang=${lang} />`,
            )
        : null
    }
  </div>`;
}
