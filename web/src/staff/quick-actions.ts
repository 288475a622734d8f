import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { ClaimAction } from '../../../shared/domain/lifecycle.js';
import { problemMessage, request } from '../api.js';
import { STAFF_ACTION_LABELS, label, type Lang } from '../i18n.js';
import { assigneesFor } from './assignees.js';
import type { Claim, QueueChoices } from './schemas.js';

/** Quick actions' own words, [zh-CN, en]. */
const TEXT = {
  assignToMe: ['分派给我', 'Assign to me'],
  completeAndInvestigate: ['材料齐全，开始调查', 'Material complete, start investigating'],
  working: ['正在保存…', 'Saving…'],
  notSaved: ['未能保存：{reason}', 'Not saved: {reason}'],
} as const;

function qt(key: keyof typeof TEXT, lang: Lang, reason = ''): string {
  return TEXT[key][lang === 'en' ? 1 : 0].replace('{reason}', reason);
}

/** One click, one or more requests in order: the steps of a quick action (its route and body). */
type Step = { readonly path: string; readonly body: Record<string, unknown> };
interface Quick {
  readonly key: string;
  readonly words: string;
  readonly steps: readonly Step[];
}

/**
 * The actions that need nothing typed, as one click each (issue 17): "assign to me" for whoever may take the
 * claim, "material complete" and "start investigation" (both at once when the material is in and the caller
 * may start), and any other action without fields. The API checks each request as always.
 */
export function quickActions(
  claim: Claim,
  actions: readonly ClaimAction[],
  fieldless: (a: ClaimAction) => boolean,
  pathOf: (a: ClaimAction) => string,
  choices: QueueChoices | undefined,
  meId: string | undefined,
  lang: Lang,
): Quick[] {
  const step = (a: ClaimAction, body: Record<string, unknown> = {}): Step => ({ path: pathOf(a), body });
  const quick: Quick[] = [];
  if (
    actions.includes('assign') &&
    meId !== undefined &&
    claim.assigneeId !== meId &&
    assigneesFor(choices, claim.unitId).some((c) => c.id === meId)
  )
    quick.push({
      key: 'assign-me',
      words: qt('assignToMe', lang),
      steps: [step('assign', { assigneeId: meId })],
    });
  const both =
    actions.includes('mark_material_complete') && claim.allowedActions.includes('start_investigation');
  if (both)
    quick.push({
      key: 'complete-investigate',
      words: qt('completeAndInvestigate', lang),
      steps: [step('mark_material_complete'), step('start_investigation')],
    });
  for (const a of actions.filter(fieldless))
    quick.push({ key: a, words: label(STAFF_ACTION_LABELS, a, lang), steps: [step(a)] });
  return quick;
}

/** The quick actions as buttons; a refusal shows in words and stops the steps after it. */
export function QuickActions({
  quick,
  number,
  headers,
  lang,
  onDone,
}: {
  quick: readonly Quick[];
  number: string;
  headers: Record<string, string>;
  lang: Lang;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const run = async (q: Quick) => {
    setBusy(q.key);
    setError('');
    for (const s of q.steps) {
      const result = await request('POST', `/staff/claims/${encodeURIComponent(number)}/${s.path}`, {
        body: s.body,
        headers,
      });
      if (result.status !== 200) {
        setError(qt('notSaved', lang, problemMessage(result)));
        break;
      }
    }
    setBusy('');
    onDone();
  };
  if (quick.length === 0) return null;
  return html`${quick.map(
    (q) =>
      html`<button
        type="button"
        disabled=${busy !== ''}
        aria-busy=${busy === q.key}
        onClick=${() => void run(q)}
      >
        ${busy === q.key ? qt('working', lang) : q.words}
      </button>`,
  )}
  ${error ? html`<p class="error" role="alert">${error}</p>` : null}`;
}
