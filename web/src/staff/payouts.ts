import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { problemMessage, request } from '../api.js';
import { valueOf } from '../dom.js';
import { yuan } from '../i18n.js';
import type { Claim } from './schemas.js';

/** Payouts of the claim; finance (and admin) record the voucher of one the provider has not confirmed. */
export function Payouts({
  payouts,
  roles,
  headers,
  onDone,
}: {
  payouts: NonNullable<Claim['payouts']>;
  roles: readonly string[];
  headers: Record<string, string>;
  onDone: () => void;
}) {
  const [voucher, setVoucher] = useState('');
  const [error, setError] = useState('');
  const mayRecord = roles.includes('finance') || roles.includes('admin');
  const confirm = async (event: Event, payoutId: string) => {
    event.preventDefault();
    const result = await request('POST', `/staff/payouts/${encodeURIComponent(payoutId)}/confirm`, {
      body: { voucherNumber: voucher.trim() },
      headers,
    });
    if (result.status === 200) {
      setVoucher('');
      setError('');
      onDone();
      return;
    }
    setError(problemMessage(result));
  };
  return html`<div class="card">
    <h3>Payouts 付款</h3>
    <table data-testid="payouts">
      <thead>
        <tr>
          <th>Payout 付款单</th>
          <th>Amount 金额</th>
          <th>Status 状态</th>
          <th>Voucher 凭证</th>
        </tr>
      </thead>
      <tbody>
        ${payouts.map(
          (p) =>
            html`<tr>
              <td class="link">${p.id}</td>
              <td class="amount">${yuan(p.amountFen)}</td>
              <td>${p.status}</td>
              <td>
                ${
                  p.voucherNumber ??
                  (mayRecord && (p.status === 'requested' || p.status === 'submitting')
                    ? html`<form class="actions" onSubmit=${(e: Event) => confirm(e, p.id)}>
                        <label for=${`voucher-${p.id}`}>Voucher number 凭证号</label>
                        <input
                          id=${`voucher-${p.id}`}
                          required
                          value=${voucher}
                          onInput=${(e: Event) => setVoucher(valueOf(e))}
                        />
                        <button type="submit">Record voucher 记录凭证</button>
                      </form>`
                    : '—')
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
  </div>`;
}
