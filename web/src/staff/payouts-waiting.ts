import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import * as z from '../../../shared/zod.js';
import { formatInstant } from '../../../shared/domain/shanghai-time.js';
import { problemMessage, request } from '../api.js';
import { yuan, type Lang } from '../i18n.js';
import { PayoutRowSchema } from './schemas.js';
import { ClaimLink } from './claim-link.js';
import { PayeeCell, PayoutControls, payoutName, statusWords } from './payouts.js';

/** The payouts-waiting section's words, [zh-CN, en]: one language at a time. */
const TEXT = {
  caption: ['待付款', 'Payouts waiting'],
  intro: [
    '以下付款尚未完成：按付款凭证记录已付款项，或标记失败并重新付款。最早申请的排在最前。',
    'These payouts are not done yet: record the voucher of a payment made, or mark it failed and retry. The oldest request comes first.',
  ],
  claim: ['索赔编号', 'Claim'],
  claimant: ['客户', 'Customer'],
  product: ['产品', 'Product'],
  payout: ['付款单', 'Payout'],
  amount: ['金额', 'Amount'],
  status: ['状态', 'Status'],
  requested: ['申请时间', 'Requested'],
  payee: ['收款方式', 'Payee'],
  act: ['处理', 'Action'],
  none: ['没有待处理的付款。', 'No payouts are waiting.'],
  truncated: [
    '执行中的索赔较多，这里只列出最早的 200 件；处理后刷新可看到其余的。',
    'Many claims are executing: only the oldest 200 are listed; the rest appear as these are done.',
  ],
  loading: ['正在加载…', 'Loading…'],
  total: ['共 {n} 笔，合计 {sum}', '{n} payouts, {sum} in all'],
} as const;

function wt(key: keyof typeof TEXT, lang: Lang, vars: Record<string, string> = {}): string {
  let text: string = TEXT[key][lang === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(vars)) text = text.replace(`{${k}}`, v);
  return text;
}

const WaitingSchema = z.object({
  items: z.array(
    z.object({
      claimNumber: z.string(),
      claimantName: z.string(),
      productName: z.string(),
      payout: PayoutRowSchema,
    }),
  ),
  truncated: z.boolean(),
});
type Waiting = z.infer<typeof WaitingSchema>;

/** How often the list is read again while open, so a payout the worker settled leaves it by itself. */
const POLL_MS = 30_000;

/**
 * Finance's payouts waiting (issue 17): every payout still to pay, confirm or retry in the caller's units,
 * with the claim it pays, the payee (account masked; finance shows it in full, audited) and the same
 * controls as on the claim view, so a day's payments are made from one list.
 */
export function PayoutsWaiting({
  headers,
  roles,
  lang,
  onOpen,
}: {
  headers: Record<string, string>;
  roles: readonly string[];
  lang: Lang;
  onOpen: (number: string) => void;
}) {
  const [list, setList] = useState<Waiting | null>(null);
  const [error, setError] = useState('');
  const load = () => {
    void request('GET', '/staff/payouts', { headers }).then((r) => {
      const parsed = WaitingSchema.safeParse(r.body);
      if (r.status === 200 && parsed.success) {
        setError('');
        setList(parsed.data);
      } else setError(problemMessage(r));
    });
  };
  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [headers]);
  const items = list?.items ?? [];
  const sum = items.reduce((s, i) => s + i.payout.amountFen, 0);
  return html`<section class="card" aria-labelledby="payouts-waiting-caption">
    <h2 id="payouts-waiting-caption">${wt('caption', lang)}</h2>
    <p class="muted">${wt('intro', lang)}</p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${list === null && !error ? html`<p>${wt('loading', lang)}</p>` : null}
    ${list !== null && items.length === 0 ? html`<p data-testid="payouts-none">${wt('none', lang)}</p>` : null}
    ${
      items.length > 0
        ? html`<p data-testid="payouts-total">
              ${wt('total', lang, { n: String(items.length), sum: yuan(sum) })}
            </p>
            <table data-testid="payouts-waiting">
              <thead>
                <tr>
                  <th scope="col">${wt('claim', lang)}</th>
                  <th scope="col">${wt('claimant', lang)}</th>
                  <th scope="col">${wt('product', lang)}</th>
                  <th scope="col">${wt('payout', lang)}</th>
                  <th scope="col">${wt('amount', lang)}</th>
                  <th scope="col">${wt('status', lang)}</th>
                  <th scope="col">${wt('requested', lang)}</th>
                  <th scope="col">${wt('payee', lang)}</th>
                  <th scope="col">${wt('act', lang)}</th>
                </tr>
              </thead>
              <tbody>
                ${items.map(
                  ({ claimNumber, claimantName, productName, payout: p }) =>
                    html`<tr key=${p.id}>
                      <td>
                        <${ClaimLink} number=${claimNumber} onOpen=${onOpen} />
                      </td>
                      <td>${claimantName}</td>
                      <td>${productName}</td>
                      <td>${payoutName(p, lang)}</td>
                      <td class="amount">${yuan(p.amountFen)}</td>
                      <td>
                        ${statusWords(p.status, lang)}${p.failureReason ? html`<br />${p.failureReason}` : null}
                      </td>
                      <td>${p.requestedAt ? formatInstant(p.requestedAt, lang) : null}</td>
                      <td><${PayeeCell} payout=${p} roles=${roles} headers=${headers} lang=${lang} /></td>
                      <td>
                        <${PayoutControls}
                          payout=${p}
                          latest=${true}
                          claimStatus="executing"
                          roles=${roles}
                          headers=${headers}
                          onDone=${load}
                          lang=${lang}
                        />
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : null
    }
    ${list?.truncated ? html`<p class="muted">${wt('truncated', lang)}</p>` : null}
  </section>`;
}
