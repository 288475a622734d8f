import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { problemMessage, request } from '../api.js';
import { yuan, type Lang } from '../i18n.js';
import { ClaimLink } from './claim-link.js';
import { PlanSummary } from './plan-summary.js';
import { DetailSchema, PageSchema, type Detail, type QueueChoices } from './schemas.js';

/** The approvals section's words, [zh-CN, en]: one language at a time. */
const TEXT = {
  caption: ['待我审批', 'Awaiting my approval'],
  intro: [
    '以下方案在您的审批权限内，且不是您本人提出的。核对调查结论与方案后批准；需要修改或驳回的，请打开索赔处理。',
    'These plans are within your approval limit and were not proposed by you. Check the findings and the plan, then approve; to send one back or reject it, open the claim.',
  ],
  none: ['没有待您审批的方案。', 'Nothing awaits your approval.'],
  loading: ['正在加载…', 'Loading…'],
  approve: ['批准', 'Approve'],
  approveOne: ['批准 {n}', 'Approve {n}'],
  approved: ['已批准 {n}，方案已发给客户。', 'Approved {n}; the offer has gone to the customer.'],
  claimed: ['索赔金额 {amount}', 'Claimed {amount}'],
  total: ['共 {n} 件', '{n} claims'],
} as const;

function at(key: keyof typeof TEXT, lang: Lang, vars: Record<string, string> = {}): string {
  return TEXT[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

/** How often the list is read again while open (issue 17: views refresh by themselves). */
const POLL_MS = 30_000;

/**
 * A manager's approvals waiting (issue 17): the proposed plans the caller may approve (the API decides:
 * role, approval limit, not their own proposal), each with its findings and plan in full, approved here in
 * one click; the claim opens for anything else.
 */
export function Approvals({
  headers,
  lang,
  choices,
  onOpen,
}: {
  headers: Record<string, string>;
  lang: Lang;
  choices?: QueueChoices | undefined;
  onOpen: (number: string) => void;
}) {
  const [claims, setClaims] = useState<Detail['claim'][] | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const load = () => {
    void request('GET', '/staff/claims?approval=mine&limit=50', { headers }).then(async (r) => {
      const page = PageSchema.safeParse(r.body);
      if (r.status !== 200 || !page.success) {
        setError(problemMessage(r));
        return;
      }
      // The rows carry no plan: each claim is read for its findings and items (a handful, not a queue).
      const details = await Promise.all(
        page.data.items.map((row) =>
          request('GET', `/staff/claims/${encodeURIComponent(row.number)}`, { headers }).then((d) => {
            const parsed = DetailSchema.safeParse(d.body);
            return d.status === 200 && parsed.success ? [parsed.data.claim] : [];
          }),
        ),
      );
      setError('');
      setClaims(details.flat().filter((c) => c.status === 'proposed'));
    });
  };
  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [headers]);
  const approve = async (claim: Detail['claim']) => {
    const result = await request('POST', `/staff/claims/${encodeURIComponent(claim.number)}/approve`, {
      headers,
      body: { expectedVersion: claim.version },
    });
    if (result.status === 200) {
      setError('');
      setDone(at('approved', lang, { n: claim.number }));
    } else setError(problemMessage(result));
    load();
  };
  return html`<section class="card" aria-labelledby="approvals-caption" data-testid="approvals">
    <h2 id="approvals-caption">${at('caption', lang)}</h2>
    <p class="muted">${at('intro', lang)}</p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${done ? html`<p role="status">${done}</p>` : null}
    ${claims === null && !error ? html`<p>${at('loading', lang)}</p>` : null}
    ${claims !== null && claims.length === 0 ? html`<p data-testid="approvals-none">${at('none', lang)}</p>` : null}
    ${claims !== null && claims.length > 0 ? html`<p>${at('total', lang, { n: String(claims.length) })}</p>` : null}
    ${(claims ?? []).map(
      (claim) =>
        html`<article class="card" key=${claim.number} data-testid=${`approval-${claim.number}`}>
          <h3><${ClaimLink} number=${claim.number} onOpen=${onOpen} /></h3>
          <p>
            ${claim.claimant.name} ·
            ${claim.product.name}${claim.claimedAmountFen !== undefined ? ` · ${at('claimed', lang, { amount: yuan(claim.claimedAmountFen) })}` : ''}
          </p>
          <${PlanSummary} claim=${claim} choices=${choices} lang=${lang} />
          <p>
            <button
              type="button"
              aria-label=${at('approveOne', lang, { n: claim.number })}
              onClick=${() => void approve(claim)}
            >
              ${at('approve', lang)}
            </button>
          </p>
        </article>`,
    )}
  </section>`;
}
