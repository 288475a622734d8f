import { html } from 'htm/preact';
import { CLOCK_LABELS, label, shortDate, type Lang } from '../i18n.js';
import type { Clocks } from './schemas.js';

/** SLA badges from claim.clocks as the API computed them: due time, warning, breached. */
export function SlaBadges({ clocks, lang, testId = 'sla' }: { clocks: Clocks; lang: Lang; testId?: string }) {
  const now = Date.now();
  const entries = Object.entries(clocks ?? {}).filter(([, c]) => c.state !== 'stopped');
  if (entries.length === 0) return null;
  return html`<p data-testid=${testId}>
    ${testId === 'sla' ? 'SLA: ' : null}
    ${entries.map(([name, c]) => {
      const breached = c.breachedAt !== null || Date.parse(c.dueAt) <= now;
      const warning = !breached && Date.parse(c.warningAt) <= now;
      const cls = breached ? 'breached' : warning ? 'warning' : 'ok';
      const word = breached
        ? 'breached 已超时'
        : warning
          ? 'due soon 即将到期'
          : c.state === 'paused'
            ? 'paused 暂停'
            : 'on time 正常';
      return html`<span class=${`badge sla ${cls}`}
        >${label(CLOCK_LABELS, name, lang)}: ${word} · due 截止 ${shortDate(c.dueAt, lang)}</span
      > `;
    })}
  </p>`;
}
