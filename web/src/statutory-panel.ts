import { html } from 'htm/preact';
import * as z from '../../shared/zod.js';
import type { Language as Lang } from '../../shared/domain/categories.js';
import { StatutoryReviewSchema } from '../../shared/domain/statutory/plan-flag.js';

/**
 * The statutory remedies on a claim (issue 24): on the console, every entitlement with its reason and source,
 * the facts still needed and the rules ruled out, and a plan's statutory flags with the proposer's reason;
 * on the tracking page, the entitlements alone. Words come from the API in both languages.
 */
const Words = z.object({ 'zh-CN': z.string(), en: z.string() });
const Explained = z.object({ words: Words, reason: Words, source: Words });

/** The staff API's `statutory` (GET /staff/claims/{ref}). */
export const AssessmentViewSchema = z.object({
  entitlements: z.array(Explained),
  factsNeeded: z.array(z.object({ words: Words })),
  ruledOut: z.array(Explained),
});
export type AssessmentView = z.infer<typeof AssessmentViewSchema>;

/** The customer view's `entitlements` (GET /claims/{number}). */
export const CustomerEntitlementsSchema = z.array(Explained);
export type CustomerEntitlementsView = z.infer<typeof CustomerEntitlementsSchema>;

const T = {
  title: ['法定权利', 'Statutory rights'],
  staffHint: [
    '依据所引法律条文计算，供客服、审批人和法务参考，并非法律意见。',
    'Computed from the cited law, as guidance for agents, approvers and legal; not legal advice.',
  ],
  customerHint: [
    '根据您提供的购买信息，法律规定您可以享有以下权利（仅供参考，以处理结果为准）：',
    'From the purchase details you gave, the law entitles you to the following (for your information; our decision follows):',
  ],
  reason: ['理由', 'Why'],
  source: ['依据', 'Source'],
  needed: ['尚需确认', 'Still to confirm'],
  ruledOut: ['不适用', 'Does not apply'],
  none: ['按目前的事实，没有适用的法定权利。', 'On the facts known, no statutory right applies.'],
  flagged: ['方案低于法定标准，须经法务审核', 'The plan falls short of the law and needs legal review'],
  proposerReason: ['提出人说明的理由', "The proposer's reason"],
} as const;

function t(key: keyof typeof T, lang: Lang): string {
  return T[key][lang === 'en' ? 1 : 0];
}

const colon = (lang: Lang) => (lang === 'en' ? ': ' : '：');

function ExplainedItem({ item, lang }: { item: z.infer<typeof Explained>; lang: Lang }) {
  return html`<li>
    <strong>${item.words[lang]}</strong>
    <br /><small>${t('reason', lang)}${colon(lang)}${item.reason[lang]}</small> <br /><small
      >${t('source', lang)}${colon(lang)}${item.source[lang]}</small
    >
  </li>`;
}

/** A plan's statutory flags and the proposer's reason, for the approver and legal. */
export function PlanStatutoryFlags({ plan, lang }: { plan: unknown; lang: Lang }) {
  const parsed = z.object({ statutoryReview: StatutoryReviewSchema }).safeParse(plan);
  if (!parsed.success) return null;
  const review = parsed.data.statutoryReview;
  return html`<div class="notice" role="note" data-testid="plan-statutory-flags">
    <p><strong>${t('flagged', lang)}</strong></p>
    <ul>
      ${review.flags.map((f) => html`<li>${f.words[lang]}</li>`)}
    </ul>
    <p>${t('proposerReason', lang)}${colon(lang)}${review.reason}</p>
  </div>`;
}

/** The console's panel: entitlements, facts still needed, rules ruled out. */
export function StaffStatutoryPanel({ assessment, lang }: { assessment: unknown; lang: Lang }) {
  const parsed = AssessmentViewSchema.safeParse(assessment);
  if (!parsed.success) return null;
  const a = parsed.data;
  return html`<section class="card" data-testid="statutory" aria-labelledby="statutory-heading">
    <h3 id="statutory-heading">${t('title', lang)}</h3>
    <p class="hint">${t('staffHint', lang)}</p>
    ${
      a.entitlements.length > 0
        ? html`<ul data-testid="statutory-entitlements">
            ${a.entitlements.map((e) => html`<${ExplainedItem} item=${e} lang=${lang} />`)}
          </ul>`
        : html`<p>${t('none', lang)}</p>`
    }
    ${
      a.factsNeeded.length > 0
        ? html`<h4>${t('needed', lang)}</h4>
            <ul data-testid="statutory-needed">
              ${a.factsNeeded.map((f) => html`<li>${f.words[lang]}</li>`)}
            </ul>`
        : null
    }
    ${
      a.ruledOut.length > 0
        ? html`<h4>${t('ruledOut', lang)}</h4>
            <ul data-testid="statutory-ruled-out">
              ${a.ruledOut.map((r) => html`<${ExplainedItem} item=${r} lang=${lang} />`)}
            </ul>`
        : null
    }
  </section>`;
}

/** The tracking page's panel: what the law entitles the customer to, with reason and source. */
export function CustomerEntitlements({ entitlements, lang }: { entitlements: unknown; lang: Lang }) {
  const parsed = CustomerEntitlementsSchema.safeParse(entitlements);
  if (!parsed.success || parsed.data.length === 0) return null;
  return html`<section class="card" data-testid="entitlements" aria-labelledby="entitlements-heading">
    <h2 id="entitlements-heading">${t('title', lang)}</h2>
    <p>${t('customerHint', lang)}</p>
    <ul>
      ${parsed.data.map((e) => html`<${ExplainedItem} item=${e} lang=${lang} />`)}
    </ul>
  </section>`;
}
