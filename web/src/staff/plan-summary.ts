import { html } from 'htm/preact';
import {
  PLAN_STATUS_LABELS,
  departmentWords,
  RESOLUTION_TYPE_LABELS,
  RESPONSIBLE_PARTY_LABELS,
  ROOT_CAUSE_LABELS,
  SETTLEMENT_LABELS,
  type Words,
} from '../../../shared/domain/labels.js';
import { settlementOf } from '../../../shared/domain/resolution.js';
import { formatDate } from '../../../shared/domain/shanghai-time.js';
import { label, yuan, type Lang } from '../i18n.js';
import type { Detail, QueueChoices } from './schemas.js';

const TEXT = {
  findings: ['调查结论：', 'Findings: '],
  cause: ['原因', 'Root cause'],
  party: ['责任方', 'Responsible'],
  plan: ['方案：', 'Plan: '],
  department: ['执行部门', 'Executed by'],
  due: ['完成日期', 'Due on'],
  proposedBy: ['提出人', 'Proposed by'],
  advance: ['先行赔付，向 {party} 追偿，期限 {due}', 'Paid first, recovered from {party} by {due}'],
} as const satisfies Record<string, Words>;

function st(key: keyof typeof TEXT, lang: Lang, vars: Record<string, string> = {}): string {
  return TEXT[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

type Claim = Detail['claim'];

/**
 * What was found and what is proposed (issue 17), as the approver needs it: the findings (cause, who is
 * responsible), the plan's type, total and status, each item marked 现金 / 实物 / 服务 (only cash is paid
 * out), the executing department, the due date, who proposed it and any advance payment.
 */
export function PlanSummary({
  claim,
  choices,
  lang,
}: {
  claim: Claim;
  choices?: QueueChoices | undefined;
  lang: Lang;
}) {
  const { findings, resolution: plan } = claim;
  const sep = lang === 'en' ? ' · ' : ' · ';
  const colon = lang === 'en' ? ': ' : '：';
  const person = (id: string) => choices?.colleagues.find((c) => c.id === id)?.name ?? id;
  return html`${
    findings
      ? html`<p data-testid="findings">
          ${st('findings', lang)}${findings.summary}${sep}${st('cause', lang)}${colon}${label(ROOT_CAUSE_LABELS, findings.rootCause, lang)}${sep}${st('party', lang)}${colon}${label(RESPONSIBLE_PARTY_LABELS, findings.responsibility, lang)}${findings.partyName ? `（${findings.partyName}）` : ''}
        </p>`
      : null
  }
  ${
    plan
      ? html`<p data-testid="plan">
            ${st('plan', lang)}${label(RESOLUTION_TYPE_LABELS, plan.type, lang)} ·
            <strong>${yuan(plan.totalFen)}</strong> · ${label(PLAN_STATUS_LABELS, plan.status, lang)}
          </p>
          ${
            plan.items.length
              ? html`<ul class="plan-items" data-testid="plan-items">
                  ${plan.items.map(
                    (item) =>
                      html`<li>
                        ${[label(SETTLEMENT_LABELS, settlementOf(item, plan.type), lang), item.description, yuan(item.amountFen)].join(' · ')}
                      </li>`,
                  )}
                </ul>`
              : null
          }
          <p data-testid="plan-terms">
            ${[
              plan.executingDepartment
                ? `${st('department', lang)}${colon}${departmentWords(plan.executingDepartment, lang)}`
                : '',
              plan.dueOn ? `${st('due', lang)}${colon}${formatDate(plan.dueOn, lang)}` : '',
              plan.proposedBy ? `${st('proposedBy', lang)}${colon}${person(plan.proposedBy)}` : '',
            ]
              .filter(Boolean)
              .join(sep)}
          </p>
          ${
            plan.advancePayment
              ? html`<p>
                  ${st('advance', lang, { party: plan.advancePayment.partyName, due: formatDate(plan.advancePayment.dueOn, lang) })}
                </p>`
              : null
          }`
      : null
  }`;
}
