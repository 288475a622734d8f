import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { PAYOUT_STATUSES } from '../../../shared/domain/resolution.js';
import { mayDo } from '../../../shared/domain/staff-permissions.js';
import { valueOf } from '../dom.js';
import { yuan, type Lang } from '../i18n.js';
import type { Money } from './schemas.js';
import { usePost } from './use-post.js';
import * as z from '../../../shared/zod.js';
import { PAYEE_METHOD_WORDS } from '../../../shared/domain/payee.js';
import { problemMessage, request } from '../api.js';

/** The payouts panel's words, [zh-CN, en] (issue 17): one language at a time. */
const TEXT = {
  title: ['付款', 'Payouts'],
  payout: ['付款单', 'Payout'],
  amount: ['金额', 'Amount'],
  status: ['状态', 'Status'],
  voucher: ['凭证', 'Voucher'],
  voucherNumber: ['凭证号', 'Voucher number'],
  recordVoucher: ['记录凭证', 'Record voucher'],
  failureReason: ['失败原因', 'Failure reason'],
  markFailed: ['标记失败', 'Mark failed'],
  retry: ['重新付款', 'Retry payout'],
  payee: ['收款方式', 'Payee'],
  reveal: ['显示完整账号', 'Show full account'],
} as const;

const STATUS_WORDS: Readonly<Record<(typeof PAYOUT_STATUSES)[number], readonly [string, string]>> = {
  requested: ['待付款', 'Requested'],
  submitting: ['付款中', 'Submitting'],
  paid: ['已付款', 'Paid'],
  failed: ['付款失败', 'Failed'],
};
const STATUS_BY_CODE = new Map<string, readonly [string, string]>(Object.entries(STATUS_WORDS));

function pt(key: keyof typeof TEXT, lang: Lang): string {
  return TEXT[key][lang === 'en' ? 1 : 0];
}

/** A payout status in words; an unknown code (a newer API) shows as a dash, never raw. */
export function statusWords(status: string, lang: Lang): string {
  return STATUS_BY_CODE.get(status)?.[lang === 'en' ? 1 : 0] ?? '—';
}

const payoutPath = (id: string, step: string) => `/staff/payouts/${encodeURIComponent(id)}/${step}`;

type PayoutRow = Money['payouts'][number];

/**
 * What finance may do to one payout: record the voucher of a payout the provider has not confirmed, or mark
 * it failed with a reason; the latest payout, once failed, is retried as a new payout while its claim is
 * executing. Nothing for other roles (the API refuses them anyway). Each payout keeps what was typed for it.
 */
export function PayoutControls({
  payout: p,
  latest,
  claimStatus,
  roles,
  headers,
  onDone,
  lang,
}: {
  payout: PayoutRow;
  /** Whether this is the claim's latest payout (only that one is retried). */
  latest: boolean;
  claimStatus: string;
  roles: readonly string[];
  headers: Record<string, string>;
  onDone: () => void;
  lang: Lang;
}) {
  const [voucher, setVoucher] = useState('');
  const [reason, setReason] = useState('');
  const { error, post } = usePost(headers, onDone);
  const submit = (event: Event, path: string, body: unknown, clear: () => void) => {
    event.preventDefault();
    void post(path, body).then((ok) => ok && clear());
  };
  if (!mayDo('recordMoney', roles)) return null;
  const failure = error ? html`<p class="error" role="alert">${error}</p>` : null;
  if (p.status === 'requested' || p.status === 'submitting')
    return html`<form
        class="actions"
        onSubmit=${(e: Event) =>
          submit(e, payoutPath(p.id, 'confirm'), { voucherNumber: voucher.trim() }, () => setVoucher(''))}
      >
        <label for=${`voucher-${p.id}`}>${pt('voucherNumber', lang)}</label>
        <input
          id=${`voucher-${p.id}`}
          required
          value=${voucher}
          onInput=${(e: Event) => setVoucher(valueOf(e))}
        />
        <button type="submit">${pt('recordVoucher', lang)}</button>
      </form>
      <form
        class="actions"
        onSubmit=${(e: Event) => submit(e, payoutPath(p.id, 'fail'), { reason: reason.trim() }, () => setReason(''))}
      >
        <label for=${`fail-${p.id}`}>${pt('failureReason', lang)}</label>
        <input id=${`fail-${p.id}`} required value=${reason} onInput=${(e: Event) => setReason(valueOf(e))} />
        <button type="submit" class="secondary">${pt('markFailed', lang)}</button>
      </form>
      ${failure}`;
  if (p.status === 'failed' && latest && claimStatus === 'executing')
    return html`<button type="button" onClick=${() => void post(payoutPath(p.id, 'retry'), {})}>
        ${pt('retry', lang)}
      </button>
      ${failure}`;
  return null;
}

/** A payout's name for people: "第 2 笔" / "No. 2" (its id is the provider's key, not for reading). */
export function payoutName(p: PayoutRow, lang: Lang): string {
  const n = p.sequence;
  if (n === undefined) return pt('payout', lang);
  return lang === 'en' ? `No. ${n}` : `第 ${n} 笔`;
}

/** Payouts of the claim, each with its payee and, for finance, what may be done to it. */
export function Payouts({
  payouts,
  claimStatus,
  roles,
  headers,
  onDone,
  lang,
}: {
  payouts: Money['payouts'];
  claimStatus: string;
  roles: readonly string[];
  headers: Record<string, string>;
  onDone: () => void;
  lang: Lang;
}) {
  const latest = payouts.at(-1)?.id;
  return html`<div class="card">
    <h3>${pt('title', lang)}</h3>
    <table data-testid="payouts">
      <thead>
        <tr>
          <th>${pt('payout', lang)}</th>
          <th>${pt('amount', lang)}</th>
          <th>${pt('status', lang)}</th>
          <th>${pt('payee', lang)}</th>
          <th>${pt('voucher', lang)}</th>
        </tr>
      </thead>
      <tbody>
        ${payouts.map(
          (p) =>
            html`<tr>
              <td>${payoutName(p, lang)}</td>
              <td class="amount">${yuan(p.amountFen)}</td>
              <td>
                ${statusWords(p.status, lang)}${p.failureReason ? html`<br />${p.failureReason}` : null}
              </td>
              <td><${PayeeCell} payout=${p} roles=${roles} headers=${headers} lang=${lang} /></td>
              <td>
                ${
                  p.voucherNumber ??
                  html`<${PayoutControls}
                    payout=${p}
                    latest=${p.id === latest}
                    claimStatus=${claimStatus}
                    roles=${roles}
                    headers=${headers}
                    onDone=${onDone}
                    lang=${lang}
                  />`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

const RevealedSchema = z.object({ account: z.optional(z.string()) });

/**
 * The payee of a payout (issue 18): method, name, bank and the account masked; finance, paying it, may
 * show the full account (GET /staff/payouts/{id}/payee, finance only).
 */
export function PayeeCell({
  payout,
  roles,
  headers,
  lang,
}: {
  payout: Money['payouts'][number];
  roles: readonly string[];
  headers: Record<string, string>;
  lang: Lang;
}) {
  const [full, setFull] = useState<string | null>(null);
  const [error, setError] = useState('');
  const payee = payout.payee;
  if (!payee) return html`<span>${PAYEE_METHOD_WORDS.original_route[lang]}</span>`;
  const reveal = async () => {
    const result = await request('GET', payoutPath(payout.id, 'payee'), { headers });
    const parsed = RevealedSchema.safeParse(result.body);
    if (result.status === 200 && parsed.success) setFull(parsed.data.account ?? null);
    else setError(problemMessage(result));
  };
  const parts = [PAYEE_METHOD_WORDS[payee.method][lang], payee.holderName, payee.bank].filter(Boolean);
  return html`<span data-testid="payee">
    ${parts.join(' · ')}
    ${payee.accountMasked ? html`<br /><span class="number" data-testid="payee-account">${full ?? payee.accountMasked}</span>` : null}
    ${
      payee.accountMasked && full === null && roles.includes('finance')
        ? html`<br /><button type="button" class="secondary" onClick=${() => void reveal()}>
              ${pt('reveal', lang)}
            </button>`
        : null
    }
    ${error ? html`<span class="error" role="alert">${error}</span>` : null}
  </span>`;
}
