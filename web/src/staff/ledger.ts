import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type * as z from '../../../shared/zod.js';
import { problemMessage, request } from '../api.js';
import { valueOf } from '../dom.js';
import { thisMonth, yuan, type Lang } from '../i18n.js';
import { LedgerSchema } from './schemas.js';

/** The recovery ledger's words, [zh-CN, en] (issue 17): one language at a time. */
const TEXT = {
  caption: ['追偿台账', 'Recovery ledger'],
  filter: ['台账筛选', 'Ledger filter'],
  month: ['月份', 'Month'],
  partyType: ['责任方类型', 'Party'],
  any: ['全部', 'Any'],
  supplier: ['供应商', 'Supplier'],
  franchisee: ['加盟商', 'Franchisee'],
  partyName: ['责任方名称', 'Party name'],
  show: ['查看台账', 'Show ledger'],
  advanced: ['先行赔付', 'Advanced'],
  recovered: ['已追回', 'Recovered'],
  owed: ['待追回', 'Owed'],
  date: ['日期', 'Date'],
  claim: ['索赔', 'Claim'],
  party: ['责任方', 'Party'],
  kind: ['类型', 'Kind'],
  amount: ['金额', 'Amount'],
  balance: ['余额', 'Balance'],
  reference: ['凭证', 'Reference'],
  none: ['暂无记录。', 'No entries.'],
} as const;

function lt(key: keyof typeof TEXT, lang: Lang): string {
  return TEXT[key][lang === 'en' ? 1 : 0];
}

const KIND_WORDS = new Map<string, readonly [string, string]>([
  ['advance', ['先行赔付', 'Advance']],
  ['deposit_deduction', ['质保金扣除', 'Deposit deduction']],
  ['transfer', ['转账', 'Transfer']],
]);

/**
 * The recovery ledger (追偿台账, finance and executives): entries of one month, of one party, or of a party
 * in a month, with what was advanced, recovered and is still owed.
 */
export function Ledger({ headers, lang }: { headers: Record<string, string>; lang: Lang }) {
  const [month, setMonth] = useState(thisMonth);
  const [partyType, setPartyType] = useState('');
  const [partyName, setPartyName] = useState('');
  const [ledger, setLedger] = useState<z.infer<typeof LedgerSchema> | null>(null);
  const [error, setError] = useState('');
  const show = async (event: Event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    if (month) query.set('month', month);
    if (partyType) {
      query.set('partyType', partyType);
      query.set('partyName', partyName.trim());
    }
    const result = await request('GET', `/staff/ledger?${query}`, { headers });
    const parsed = LedgerSchema.safeParse(result.body);
    setLedger(result.status === 200 && parsed.success ? parsed.data : null);
    setError(result.status === 200 && parsed.success ? '' : problemMessage(result));
  };
  return html`<section>
    <form class="actions" onSubmit=${show} aria-label=${lt('filter', lang)}>
      <label for="ledger-month">${lt('month', lang)}</label>
      <input id="ledger-month" type="month" value=${month} onInput=${(e: Event) => setMonth(valueOf(e))} />
      <label for="ledger-party-type">${lt('partyType', lang)}</label>
      <select id="ledger-party-type" value=${partyType} onChange=${(e: Event) => setPartyType(valueOf(e))}>
        <option value="">${lt('any', lang)}</option>
        <option value="supplier">${lt('supplier', lang)}</option>
        <option value="franchisee">${lt('franchisee', lang)}</option>
      </select>
      <label for="ledger-party-name">${lt('partyName', lang)}</label>
      <input id="ledger-party-name" value=${partyName} onInput=${(e: Event) => setPartyName(valueOf(e))} />
      <button type="submit">${lt('show', lang)}</button>
    </form>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${
      ledger
        ? html`<p data-testid="ledger-totals">
              ${lt('advanced', lang)} <strong>${yuan(ledger.totals.advancedFen)}</strong> ·
              ${lt('recovered', lang)} <strong>${yuan(ledger.totals.recoveredFen)}</strong> ·
              ${lt('owed', lang)}
              <strong>${yuan(ledger.totals.netFen)}</strong>
            </p>
            <table data-testid="ledger">
              <caption>
                ${lt('caption', lang)}
              </caption>
              <thead>
                <tr>
                  <th>${lt('date', lang)}</th>
                  <th>${lt('claim', lang)}</th>
                  <th>${lt('party', lang)}</th>
                  <th>${lt('kind', lang)}</th>
                  <th>${lt('amount', lang)}</th>
                  <th>${lt('balance', lang)}</th>
                  <th>${lt('reference', lang)}</th>
                </tr>
              </thead>
              <tbody>
                ${ledger.entries.map(
                  (e) =>
                    html`<tr>
                      <td>${new Date(e.at).toLocaleDateString(lang, { timeZone: 'Asia/Shanghai' })}</td>
                      <td>${e.claimNumber}</td>
                      <td>${e.partyName}</td>
                      <td>${KIND_WORDS.get(e.kind)?.[lang === 'en' ? 1 : 0] ?? '—'}</td>
                      <td class="amount">${yuan(e.amountFen)}</td>
                      <td class="amount">${yuan(e.balanceAfterFen)}</td>
                      <td>${e.reference ?? '—'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            ${ledger.entries.length === 0 ? html`<p>${lt('none', lang)}</p>` : null}`
        : null
    }
  </section>`;
}
