import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { mayDo } from '../../../shared/domain/staff-permissions.js';
import { valueOf } from '../dom.js';
import { yuan } from '../i18n.js';
import type { Money } from './schemas.js';
import { usePost } from './use-post.js';

const payoutPath = (id: string, step: string) => `/staff/payouts/${encodeURIComponent(id)}/${step}`;

/**
 * Payouts of the claim. Finance (and admin) record the voucher of a payout the provider has not confirmed,
 * or mark it failed with a reason; the latest payout, once failed, is retried as a new payout while the claim
 * is executing. Other roles see the table without these controls; the API refuses them anyway.
 */
export function Payouts({
  payouts,
  claimStatus,
  roles,
  headers,
  onDone,
}: {
  payouts: Money['payouts'];
  claimStatus: string;
  roles: readonly string[];
  headers: Record<string, string>;
  onDone: () => void;
}) {
  const [voucher, setVoucher] = useState('');
  const [reason, setReason] = useState('');
  const { error, post } = usePost(headers, onDone);
  const mayRecord = mayDo('recordMoney', roles);
  const latest = payouts.at(-1)?.id;
  const submit = (event: Event, path: string, body: unknown, clear: () => void) => {
    event.preventDefault();
    void post(path, body).then((ok) => ok && clear());
  };
  const controls = (p: Money['payouts'][number]) => {
    if (!mayRecord) return null;
    if (p.status === 'requested' || p.status === 'submitting')
      return html`<form
          class="actions"
          onSubmit=${(e: Event) =>
            submit(e, payoutPath(p.id, 'confirm'), { voucherNumber: voucher.trim() }, () => setVoucher(''))}
        >
          <label for=${`voucher-${p.id}`}>Voucher number 凭证号</label>
          <input
            id=${`voucher-${p.id}`}
            required
            value=${voucher}
            onInput=${(e: Event) => setVoucher(valueOf(e))}
          />
          <button type="submit">Record voucher 记录凭证</button>
        </form>
        <form
          class="actions"
          onSubmit=${(e: Event) => submit(e, payoutPath(p.id, 'fail'), { reason: reason.trim() }, () => setReason(''))}
        >
          <label for=${`fail-${p.id}`}>Failure reason 失败原因</label>
          <input
            id=${`fail-${p.id}`}
            required
            value=${reason}
            onInput=${(e: Event) => setReason(valueOf(e))}
          />
          <button type="submit" class="secondary">Mark failed 标记失败</button>
        </form>`;
    if (p.status === 'failed' && p.id === latest && claimStatus === 'executing')
      return html`<button type="button" onClick=${() => void post(payoutPath(p.id, 'retry'), {})}>
        Retry payout 重新付款
      </button>`;
    return null;
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
              <td>${p.status}${p.failureReason ? html`<br />${p.failureReason}` : null}</td>
              <td>${p.voucherNumber ?? controls(p) ?? '—'}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
  </div>`;
}
