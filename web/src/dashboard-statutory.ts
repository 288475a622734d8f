import { html } from 'htm/preact';
import { DEFAULT_STATUTORY_RULES } from '../../shared/domain/statutory/remedy-rules.js';
import { BarTable, percent } from './bar-table.js';
import type { Lang } from './i18n.js';
import type { Stats } from './stats-csv.js';

/** Words of the statutory remedies card (issue 24), [zh-CN, en]. */
const T = {
  title: ['法定权利与方案', 'Statutory rights and plans'],
  plans: [
    '本月提出的方案中，{n} 个方案的客户享有法定权利；其中 {flagged} 个低于法定标准（{rate}），已转法务审核并记录理由。',
    'Of the plans proposed this month, {n} were for customers with a statutory right; {flagged} of them offered less ({rate}), went to legal review and recorded why.',
  ],
  byRule: ['适用的法定规则', 'Statutory rules that applied'],
  rule: ['规则', 'Rule'],
  why: ['低于法定标准的原因', 'Why plans fell short'],
  kind: ['原因', 'Reason'],
  belowMinimum: ['现金低于法定金额', 'Cash below the statutory amount'],
  lacksChoice: ['未提供客户依法可选的处理方式', 'Not the remedy the law lets the customer choose'],
  none: [
    '本月没有为享有法定权利的客户提出的方案。',
    'No plan was proposed this month for a customer with a statutory right.',
  ],
} as const;

function t(key: keyof typeof T, lang: Lang, vars: Record<string, string> = {}): string {
  return T[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

/** A rule code by the shipped rule's name (the dashboard reads no policy). */
function ruleName(code: string, lang: Lang): string {
  return DEFAULT_STATUTORY_RULES.rules.find((r) => r.code === code)?.name[lang] ?? code;
}

/** Plans where a statutory entitlement applied, by rule, and those offering less, by why. */
export function StatutoryPanel({ stats, lang }: { stats: Stats['statutory']; lang: Lang }) {
  if (!stats) return null;
  if (stats.plans === 0)
    return html`<div class="card" data-testid="statutory-stats">
      <h2>${t('title', lang)}</h2>
      <p>${t('none', lang)}</p>
    </div>`;
  const rate = percent(stats.flagged / stats.plans);
  return html`<div class="card" data-testid="statutory-stats">
    <h2>${t('title', lang)}</h2>
    <p>${t('plans', lang, { n: String(stats.plans), flagged: String(stats.flagged), rate })}</p>
    <${BarTable}
      caption=${t('byRule', lang)}
      keyLabel=${t('rule', lang)}
      rows=${Object.entries(stats.byRule)
        .sort((a, b) => b[1] - a[1])
        .map(([code, value]) => ({ key: ruleName(code, lang), value }))}
      lang=${lang}
      testId="statutory-rules"
    />
    <${BarTable}
      caption=${t('why', lang)}
      keyLabel=${t('kind', lang)}
      rows=${[
        { key: t('belowMinimum', lang), value: stats.belowMinimum },
        { key: t('lacksChoice', lang), value: stats.lacksChoice },
      ].filter((r) => r.value > 0)}
      lang=${lang}
      testId="statutory-why"
    />
  </div>`;
}
