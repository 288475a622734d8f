import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { RECOVERY_METHODS } from '../../../shared/domain/payout.js';
import { mayDo } from '../../../shared/domain/staff-permissions.js';
import { valueOf } from '../dom.js';
import { yuan } from '../i18n.js';
import type { Money } from './schemas.js';
import { usePost } from './use-post.js';
import { yuanToFen } from './yuan-input.js';

type Recovery = Money['recoveries'][number];

const METHOD_LABELS: Record<string, string> = {
  deposit_deduction: 'Deposit deduction 质保金扣除',
  transfer: 'Transfer 转账',
};

/** Finance records money recovered from the party on one open recovery; the amount is typed in yuan. */
function RecoveryEntryForm({
  recovery,
  headers,
  onDone,
}: {
  recovery: Recovery;
  headers: Record<string, string>;
  onDone: () => void;
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
      setError('Amount: yuan with at most two decimals, e.g. 20.50 金额：元，最多两位小数');
      return;
    }
    const body = { method, amountFen, reference: reference.trim(), expectedVersion: recovery.version };
    const path = `/staff/recoveries/${encodeURIComponent(recovery.id)}/entries`;
    if (await post(path, body)) {
      setAmount('');
      setReference('');
    }
  };
  return html`<form class="actions" onSubmit=${submit} aria-label=${`Record recovery ${recovery.partyName}`}>
    <label for=${id('method')}>Method 方式</label>
    <select id=${id('method')} value=${method} onChange=${(e: Event) => setMethod(valueOf(e))}>
      ${RECOVERY_METHODS.map((m) => html`<option value=${m}>${METHOD_LABELS[m] ?? m}</option>`)}
    </select>
    <label for=${id('amount')}>Amount in yuan 金额（元）</label>
    <input
      id=${id('amount')}
      required
      inputmode="decimal"
      value=${amount}
      onInput=${(e: Event) => setAmount(valueOf(e))}
    />
    <label for=${id('reference')}>Voucher or note 凭证号 / 备注</label>
    <input
      id=${id('reference')}
      required
      value=${reference}
      onInput=${(e: Event) => setReference(valueOf(e))}
    />
    <button type="submit">Record recovery 记录追偿</button>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
  </form>`;
}

/** What the claim's advance payments are owed back by the responsible party (追偿), and what came back. */
export function Recoveries({
  recoveries,
  roles,
  headers,
  onDone,
}: {
  recoveries: Money['recoveries'];
  roles: readonly string[];
  headers: Record<string, string>;
  onDone: () => void;
}) {
  const mayRecord = mayDo('recordMoney', roles);
  return html`<div class="card">
    <h3>Recoveries 追偿</h3>
    <table data-testid="recoveries">
      <thead>
        <tr>
          <th>Party 责任方</th>
          <th>Advanced 先行赔付</th>
          <th>Recovered 已追回</th>
          <th>Owed 待追回</th>
          <th>Due 到期</th>
          <th>Status 状态</th>
        </tr>
      </thead>
      <tbody>
        ${recoveries.map(
          (r) =>
            html`<tr>
              <td>${r.partyName} (${r.partyType})</td>
              <td class="amount">${yuan(r.amountFen)}</td>
              <td class="amount">${yuan(r.recoveredFen)}</td>
              <td class="amount" data-testid=${`owed-${r.id}`}>${yuan(r.amountFen - r.recoveredFen)}</td>
              <td>${r.dueOn}</td>
              <td>${r.status}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      mayRecord
        ? recoveries
            .filter((r) => r.status === 'open')
            .map((r) => html`<${RecoveryEntryForm} recovery=${r} headers=${headers} onDone=${onDone} />`)
        : null
    }
  </div>`;
}
