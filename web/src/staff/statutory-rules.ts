import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { PolicySettings } from '../../../shared/domain/settings.js';
import { formatDate } from '../../../shared/domain/shanghai-time.js';
import {
  StatutoryRuleSchema,
  ruleEnabled,
  type StatutoryRule,
} from '../../../shared/domain/statutory/remedy-rules.js';
import { sourceWords } from '../../../shared/domain/statutory/remedy-words.js';
import { checkedOf, valueOf } from '../dom.js';
import type { Lang } from '../i18n.js';
import { t, type Figure } from './statutory-words.js';
import { yuanToFen } from './yuan-input.js';

/** The figures a rule's form shows, in order: whole numbers, and amounts (ending in Fen) in yuan. */
const FIGURES: readonly Figure[] = [
  'returnDays',
  'replaceDays',
  'repairsBeforeReplacement',
  'priceMultiplier',
  'lossMultiplier',
  'minimumFen',
];

function figuresOf(rule: StatutoryRule): [Figure, number][] {
  const params: Readonly<Record<string, unknown>> = rule.params;
  return FIGURES.flatMap((key): [Figure, number][] => {
    const value = params[key];
    return typeof value === 'number' ? [[key, value]] : [];
  });
}

/** The rule with one figure or its switch changed, validated again; the zod refusal's words otherwise. */
function changed(rule: StatutoryRule, change: { figure?: [Figure, number]; enabled?: boolean }, lang: Lang) {
  const params = change.figure ? { ...rule.params, [change.figure[0]]: change.figure[1] } : rule.params;
  const next = StatutoryRuleSchema.safeParse({
    ...rule,
    params,
    ...(change.enabled === undefined ? {} : { enabled: change.enabled }),
  });
  if (next.success) return { rule: next.data };
  const replace = next.error.issues.some((i) => i.path.join('.') === 'params.replaceDays');
  return { error: t('badRule', lang, { why: replace ? t('replaceShorter', lang) : t('badNumber', lang) }) };
}

function FigureInput(props: {
  id: string;
  figure: Figure;
  value: number;
  lang: Lang;
  onChange: (value: number) => string | null;
}) {
  const { figure, lang } = props;
  const money = figure.endsWith('Fen');
  const [text, setText] = useState(money ? (props.value / 100).toFixed(2) : String(props.value));
  const [error, setError] = useState('');
  return html`<label for=${props.id}>${t(figure, lang)}</label>
    <input
      id=${props.id}
      inputmode=${money ? 'decimal' : 'numeric'}
      value=${text}
      aria-invalid=${error ? 'true' : 'false'}
      onInput=${(e: Event) => {
        const next = valueOf(e);
        setText(next);
        const value = money ? yuanToFen(next) : /^\d+$/.test(next.trim()) ? Number(next) : null;
        if (value === null || (!money && value < 1)) {
          setError(t(money ? 'badAmount' : 'badNumber', lang));
          return;
        }
        setError(props.onChange(value) ?? '');
      }}
    />
    ${error ? html`<small class="error">${error}</small>` : null}`;
}

/**
 * The statutory remedy rules of the policy (issue 24): each rule with its name, source and date of effect,
 * a switch, and its figures (day limits, multiples, minimum amounts) an admin may change when the law does.
 */
export function StatutoryRuleFields(props: {
  draft: PolicySettings;
  lang: Lang;
  disabled: boolean;
  onChange: (statutory: PolicySettings['statutory']) => void;
}) {
  const { draft, lang } = props;
  const rules = draft.statutory.rules;
  const [errors, setErrors] = useState<Record<number, string>>({});
  const update = (index: number, result: { rule?: StatutoryRule; error?: string }): string | null => {
    setErrors({ ...errors, [index]: result.error ?? '' });
    const rule = result.rule;
    if (rule) props.onChange({ ...draft.statutory, rules: rules.map((r, i) => (i === index ? rule : r)) });
    return result.error ?? null;
  };
  return html`<fieldset disabled=${props.disabled} data-testid="policy-statutory">
    <legend>${t('legend', lang)}</legend>
    <p class="hint">${t('hint', lang)} ${t('ruleSetVersion', lang, { n: draft.statutory.version })}</p>
    ${rules.map((rule, i) => {
      const name = rule.name[lang];
      return html`<div class="card" data-testid=${`statutory-rule-${rule.code}`}>
        <h3>${name}</h3>
        <p>
          ${t('source', lang)}${lang === 'en' ? ': ' : '：'}${sourceWords(rule.source)[lang]} ·
          ${t('from', lang)} ${formatDate(rule.effectiveFrom, lang)}
        </p>
        <label class="inline">
          <input
            type="checkbox"
            aria-label=${`${t('enabled', lang)} · ${name}`}
            checked=${ruleEnabled(rule)}
            onChange=${(e: Event) => update(i, changed(rule, { enabled: checkedOf(e) }, lang))}
          />
          ${t('enabled', lang)}
        </label>
        ${figuresOf(rule).map(
          ([figure, value]) =>
            html`<${FigureInput}
              id=${`statutory-${i}-${figure}`}
              figure=${figure}
              value=${value}
              lang=${lang}
              onChange=${(n: number) => update(i, changed(rule, { figure: [figure, n] }, lang))}
            />`,
        )}
        ${errors[i] ? html`<p class="error" role="alert">${errors[i]}</p>` : null}
      </div>`;
    })}
  </fieldset>`;
}
