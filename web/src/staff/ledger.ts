import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type * as z from '../../../shared/zod.js';
import { problemMessage, request } from '../api.js';
import { valueOf } from '../dom.js';
import { thisMonth, yuan, type Lang } from '../i18n.js';
import { LedgerSchema } from './schemas.js';

const KIND_LABELS: Record<string, string> = {
  advance: 'Advance 先行赔付',
  deposit_deduction: 'Deposit deduction 质保金扣除',
  transfer: 'Transfer 转账',
};

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
    <form class="actions" onSubmit=${show} aria-label="Ledger filter 台账筛选">
      <label for="ledger-month">Month 月份</label>
      <input id="ledger-month" type="month" value=${month} onInput=${(e: Event) => setMonth(valueOf(e))} />
      <label for="ledger-party-type">Party 责任方类型</label>
      <select id="ledger-party-type" value=${partyType} onChange=${(e: Event) => setPartyType(valueOf(e))}>
        <option value="">Any 全部</option>
        <option value="supplier">Supplier 供应商</option>
        <option value="franchisee">Franchisee 加盟商</option>
      </select>
      <label for="ledger-party-name">Party name 责任方名称</label>
      <input id="ledger-party-name" value=${partyName} onInput=${(e: Event) => setPartyName(valueOf(e))} />
      <button type="submit">Show ledger 查看台账</button>
    </form>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${
      ledger
        ? html`<p data-testid="ledger-totals">
              Advanced 先行赔付 <strong>${yuan(ledger.totals.advancedFen)}</strong> · Recovered 已追回
              <strong>${yuan(ledger.totals.recoveredFen)}</strong> · Owed 待追回
              <strong>${yuan(ledger.totals.netFen)}</strong>
            </p>
            <table data-testid="ledger">
              <caption>
                ${lang === 'en' ? 'Recovery ledger' : '追偿台账'}
              </caption>
              <thead>
                <tr>
                  <th>Date 日期</th>
                  <th>Claim 索赔</th>
                  <th>Party 责任方</th>
                  <th>Kind 类型</th>
                  <th>Amount 金额</th>
                  <th>Balance 余额</th>
                  <th>Reference 凭证</th>
                </tr>
              </thead>
              <tbody>
                ${ledger.entries.map(
                  (e) =>
                    html`<tr>
                      <td>${new Date(e.at).toLocaleDateString(lang, { timeZone: 'Asia/Shanghai' })}</td>
                      <td>${e.claimNumber}</td>
                      <td>${e.partyName}</td>
                      <td>${KIND_LABELS[e.kind] ?? e.kind}</td>
                      <td class="amount">${yuan(e.amountFen)}</td>
                      <td class="amount">${yuan(e.balanceAfterFen)}</td>
                      <td>${e.reference ?? '—'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            ${ledger.entries.length === 0 ? html`<p>No entries. 暂无记录。</p>` : null}`
        : null
    }
  </section>`;
}
