import {
  PLAN_STATUS_LABELS,
  RESOLUTION_TYPE_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
  label,
  type Words,
} from '../../../shared/domain/labels.js';
import type { Language as Lang } from '../../../shared/domain/categories.js';
import { formatFen as yuan } from '../../../shared/domain/money.js';

/** The parts of a claim (schemas.ts's Claim) whose change the view names. */
export interface ClaimFacts {
  readonly status: string;
  readonly version: number;
  readonly assigneeId?: string | undefined;
  readonly severity: number;
  readonly resolution?:
    { readonly type: string; readonly totalFen: number; readonly status: string } | undefined;
}

/** The words of a claim changed under an open form (issue 17: a 409 reloads and says what changed). */
const TEXT = {
  intro: ['此索赔已被他人更新：', 'Someone else updated this claim: '],
  status: ['状态', 'status'],
  assignee: ['处理人', 'assignee'],
  severity: ['严重等级', 'severity'],
  plan: ['方案', 'plan'],
  version: ['版本', 'version'],
  none: ['无', 'none'],
  unassigned: ['未分派', 'unassigned'],
  separator: ['；', '; '],
  end: ['。', '.'],
  check: ['请核对后再提交，已填写的内容仍保留。', ' Check it and submit again; what you typed is kept.'],
  gone: [
    '“{action}”已不适用于此索赔的当前状态。',
    ' "{action}" no longer applies to the claim as it is now.',
  ],
} as const satisfies Record<string, Words>;

function w(key: keyof typeof TEXT, lang: Lang): string {
  return TEXT[key][lang === 'en' ? 1 : 0];
}

/** The plan as one phrase: its kind, amount and state. */
function planWords(claim: ClaimFacts, lang: Lang): string {
  const plan = claim.resolution;
  if (plan === undefined) return w('none', lang);
  return [
    label(RESOLUTION_TYPE_LABELS, plan.type, lang),
    yuan(plan.totalFen),
    label(PLAN_STATUS_LABELS, plan.status, lang),
  ].join(' · ');
}

/**
 * What changed between the claim an action was written against and the claim as it is now, in words:
 * "此索赔已被他人更新：状态 调查中 → 待审批；处理人 王芳 → 李雷。…"; the version when nothing shown changed.
 * `nameOf` words an assignee id; `closedAction` is the open form's action, worded, when it no longer
 * applies (else null).
 */
export function claimChangeWords(
  before: ClaimFacts,
  after: ClaimFacts,
  lang: Lang,
  nameOf: (id: string) => string,
  closedAction: string | null,
): string {
  const parts: string[] = [];
  const change = (what: keyof typeof TEXT, from: string, to: string) => {
    if (from !== to) parts.push(`${w(what, lang)} ${from} → ${to}`);
  };
  change('status', label(STATUS_LABELS, before.status, lang), label(STATUS_LABELS, after.status, lang));
  const assignee = (claim: ClaimFacts) =>
    claim.assigneeId === undefined ? w('unassigned', lang) : nameOf(claim.assigneeId);
  change('assignee', assignee(before), assignee(after));
  change(
    'severity',
    label(SEVERITY_LABELS, String(before.severity), lang),
    label(SEVERITY_LABELS, String(after.severity), lang),
  );
  change('plan', planWords(before, lang), planWords(after, lang));
  if (parts.length === 0) change('version', String(before.version), String(after.version));
  const gone = closedAction === null ? '' : w('gone', lang).replace('{action}', closedAction);
  return `${w('intro', lang)}${parts.join(w('separator', lang))}${w('end', lang)}${gone}${closedAction === null ? w('check', lang) : ''}`;
}
