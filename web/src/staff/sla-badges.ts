import { html } from 'htm/preact';
import type { Words } from '../../../shared/domain/labels.js';
import { elapsedWords } from '../../../shared/domain/elapsed-words.js';
import { CLOCK_LABELS, label, shortDate, type Lang } from '../i18n.js';
import type { Clocks } from './schemas.js';

export type SlaState = 'breached' | 'warning' | 'paused' | 'on_time';
type ClockView = NonNullable<Clocks>[string];

const SLA_WORDS: Record<SlaState, Words> = {
  breached: ['已超时', 'breached'],
  warning: ['即将到期', 'due soon'],
  paused: ['暂停', 'paused'],
  on_time: ['正常', 'on time'],
};

/** Where a clock stands now: breached (recorded, or past due), due soon (past its warning), paused, on time. */
export function slaState(clock: ClockView, now: number): SlaState {
  if (clock.breachedAt !== null || Date.parse(clock.dueAt) <= now) return 'breached';
  if (Date.parse(clock.warningAt) <= now) return 'warning';
  return clock.state === 'paused' ? 'paused' : 'on_time';
}

/** SLA badges from claim.clocks as the API computed them: due time, warning, breached. */
export function SlaBadges({ clocks, lang, testId = 'sla' }: { clocks: Clocks; lang: Lang; testId?: string }) {
  const now = Date.now();
  const en = lang === 'en';
  const entries = Object.entries(clocks ?? {}).filter(([, c]) => c.state !== 'stopped');
  if (entries.length === 0) return null;
  return html`<p data-testid=${testId}>
    ${testId === 'sla' ? (en ? 'Deadlines: ' : '处理时限：') : null}
    ${entries.map(([name, c]) => {
      const state = slaState(c, now);
      const cls = state === 'breached' || state === 'warning' ? state : 'ok';
      const word = SLA_WORDS[state][en ? 1 : 0];
      const clock = label(CLOCK_LABELS, name, lang);
      const due = shortDate(c.dueAt, lang);
      // A paused clock says how long it has waited (for the customer's material), not a due time.
      const since = c.state === 'paused' ? c.pauses?.at(-1)?.at : undefined;
      const text =
        since !== undefined && state === 'paused'
          ? en
            ? `${clock}: paused for ${elapsedWords(since, now, lang)}`
            : `${clock}：已暂停 ${elapsedWords(since, now, lang)}`
          : en
            ? `${clock}: ${word} · due ${due}`
            : `${clock}：${word} · ${due} 截止`;
      return html`<span class=${`badge sla ${cls}`}>${text}</span> `;
    })}
  </p>`;
}
