import { ReplyTemplateFields } from './reply-template-fields.js';
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import * as z from '../../../shared/zod.js';
import { PolicyVersionSchema, type PolicyVersion } from '../../../shared/domain/policy-document.js';
import type { PolicySettings } from '../../../shared/domain/settings.js';
import { mayDo } from '../../../shared/domain/staff-permissions.js';
import { problemMessage, request } from '../api.js';
import { valueOf } from '../dom.js';
import { yuan, type Lang } from '../i18n.js';
import { forgetCategories } from './categories.js';
import { StatutoryRuleFields } from './statutory-rules.js';
import { statutoryPathWords } from './statutory-words.js';
import { yuanToFen } from './yuan-input.js';

/** Page words, [zh-CN, en]. */
const T = {
  title: ['运行策略', 'Runtime policy'],
  inForce: ['当前生效：策略版本 v{n}', 'In force: Policy version {n}'],
  savedBy: ['由 {who} 于 {at} 保存', 'saved by {who} at {at}'],
  readOnly: ['只有管理员可以修改策略；您可以查看。', 'Only an admin may change the policy; you may read it.'],
  tiers: ['审批层级（含上限）', 'Approval tiers (inclusive upper bounds)'],
  agentMaxFen: ['坐席审批上限（元）', 'Agent tier up to (CNY)'],
  areaManagerMaxFen: ['区域经理审批上限（元）', 'Area manager tier up to (CNY)'],
  departmentHeadMaxFen: ['部门负责人审批上限（元）', 'Department head tier up to (CNY)'],
  legalReviewAboveFen: ['超过此金额须法务审核（元）', 'Legal review above (CNY)'],
  timing: ['时限与期限', 'Deadlines and windows'],
  filingWindowDays: ['受理时效（发现问题后天数）', 'Filing window (days after the problem was found)'],
  autoClose: ['执行后无异议自动关闭', 'Close automatically when quiet after execution'],
  autoCloseQuietDays: ['执行后无异议自动关闭（天）', 'Auto-close after quiet days (after execution)'],
  sla: ['时限目标', 'SLA targets'],
  firstReply: ['首次答复', 'First reply'],
  firstReplyUrgent: ['加急首次答复', 'Urgent first reply'],
  decision: ['处理决定', 'Decision'],
  decisionUrgent: ['加急处理决定', 'Urgent decision'],
  reconsideration: ['复议', 'Reconsideration'],
  onSiteVisit: ['上门核查', 'On-site visit'],
  workingDays: ['工作日', 'working days'],
  workingHours: ['工作小时', 'working hours'],
  calendarHours: ['自然小时', 'calendar hours'],
  timeUnit: ['计时单位', 'unit of time'],
  categories: ['问题类别', 'Categories'],
  categoryCode: ['代码', 'Code'],
  department: ['负责部门', 'Department'],
  onSite: ['须上门核查', 'On-site visit'],
  qualityCase: ['质量类（默认按产品价值赔偿、回访）', 'Quality case (default compensation, revisit)'],
  active: ['启用', 'Offered'],
  addCategory: ['添加类别', 'Add a category'],
  newCategory: ['新类别 {n}', 'New category {n}'],
  retireHint: [
    '已保存的类别不能删除，只能停用：停用后不再出现在表单中，旧索赔仍显示其名称。',
    'A saved category cannot be removed, only retired: no longer offered, still named on older claims.',
  ],
  units: ['组织单位（总部 → 大区 → 门店）', 'Organisation units (HQ → region → store)'],
  unitId: ['编号', 'Id'],
  nameZh: ['中文名称', 'Name in Chinese'],
  nameEn: ['英文名称', 'Name in English'],
  parent: ['上级单位', 'Parent unit'],
  noParent: ['无（总部）', 'None (head office)'],
  addUnit: ['添加单位', 'Add a unit'],
  removeUnit: ['移除', 'Remove'],
  note: ['修改说明', 'What changed and why'],
  save: ['保存为新版本', 'Save as a new version'],
  saved: ['已保存：策略版本 v{n}，即时生效', 'Saved: Policy version {n}, in force now'],
  badAmount: ['请输入金额，例如 200 或 200.50', 'Enter an amount such as 200 or 200.50'],
  history: ['版本历史', 'Version history'],
  version: ['策略版本 v{n}', 'Policy version {n}'],
  seed: ['初始版本（部署配置）', 'First version (from the deployment settings)'],
  show: ['查看', 'Show'],
  shown: ['策略版本 v{n} 的审批层级', 'Approval tiers of Policy version {n}'],
  noChanges: ['无改动记录', 'No changes recorded'],
  unset: ['（无）', '(none)'],
  yes: ['是', 'yes'],
  no: ['否', 'no'],
  replyTemplates: ['常用回复', 'Saved replies'],
  rowActions: ['操作', 'Actions'],
  replyTitle: ['名称', 'Name'],
  replyBody: ['内容', 'Text'],
  inChinese: ['中文', 'Chinese'],
  inEnglish: ['英文', 'English'],
} as const;

type Key = keyof typeof T;
const isKey = (value: string): value is Key => value in T;

function t(key: Key, lang: Lang, vars: Record<string, string | number> = {}): string {
  return T[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

const VersionsSchema = z.object({
  versions: z.array(z.omit(PolicyVersionSchema, { settings: true })),
});
type Summary = z.infer<typeof VersionsSchema>['versions'][number];

const SLA_KEYS = [
  'firstReply',
  'firstReplyUrgent',
  'decision',
  'decisionUrgent',
  'reconsideration',
  'onSiteVisit',
] as const;
type SlaKey = (typeof SLA_KEYS)[number];
type Target = PolicySettings['sla']['firstReply'];
const TARGET_UNITS = ['workingDays', 'workingHours', 'calendarHours'] as const;
type TargetUnit = (typeof TARGET_UNITS)[number];

function targetParts(target: Target): { unit: TargetUnit; amount: number } {
  if ('workingDays' in target) return { unit: 'workingDays', amount: target.workingDays };
  if ('workingHours' in target) return { unit: 'workingHours', amount: target.workingHours };
  return { unit: 'calendarHours', amount: target.calendarHours };
}

function targetOf(unit: TargetUnit, amount: number): Target {
  if (unit === 'workingDays') return { workingDays: amount };
  if (unit === 'workingHours') return { workingHours: amount };
  return { calendarHours: amount };
}

const MONEY_KEYS = [
  'agentMaxFen',
  'areaManagerMaxFen',
  'departmentHeadMaxFen',
  'legalReviewAboveFen',
] as const;
type MoneyKey = (typeof MONEY_KEYS)[number];

const isTargetUnit = (value: string): value is TargetUnit => TARGET_UNITS.some((u) => u === value);

const NamedSchema = z.object({ name: z.object({ 'zh-CN': z.string(), en: z.string() }) });

/** A changed value in words: amounts (paths ending in Fen) in yuan, named rows by name, the rest as JSON. */
function valueWords(path: string, value: unknown, lang: Lang): string {
  if (value === undefined) return t('unset', lang);
  if (path.endsWith('Fen') && typeof value === 'number') return yuan(value);
  if (typeof value === 'boolean') return t(value ? 'yes' : 'no', lang);
  // A category or unit added or removed whole: its name in the page's language rather than its JSON.
  const named = NamedSchema.safeParse(value);
  if (named.success) return named.data.name[lang];
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function when(at: string, lang: Lang): string {
  return new Date(at).toLocaleString(lang, { timeZone: 'Asia/Shanghai' });
}

/** A whole-number input that keeps its text while typed and reports numbers. */
function NumberField(props: { id: string; text: string; value: number; onChange: (value: number) => void }) {
  return html`<label for=${props.id}>${props.text}</label>
    <input
      id=${props.id}
      type="number"
      min="0"
      step="1"
      value=${String(props.value)}
      onInput=${(e: Event) => {
        const n = Number(valueOf(e));
        if (Number.isFinite(n)) props.onChange(n);
      }}
    />`;
}

/** The tier amounts in yuan, with a message when one does not read as an amount. */
function MoneyFields(props: {
  draft: PolicySettings;
  lang: Lang;
  disabled: boolean;
  onChange: (money: PolicySettings['money']) => void;
}) {
  const [texts, setTexts] = useState<Record<string, string>>({});
  const { draft, lang } = props;
  return html`<fieldset disabled=${props.disabled}>
    <legend>${t('tiers', lang)}</legend>
    ${MONEY_KEYS.map((key: MoneyKey) => {
      const text = texts[key] ?? (draft.money[key] / 100).toFixed(2);
      const bad = yuanToFen(text) === null;
      return html`<label for=${`policy-${key}`}>${t(key, lang)}</label>
        <input
          id=${`policy-${key}`}
          inputmode="decimal"
          value=${text}
          aria-invalid=${bad ? 'true' : 'false'}
          onInput=${(e: Event) => {
            const next = valueOf(e);
            setTexts({ ...texts, [key]: next });
            const fen = yuanToFen(next);
            if (fen !== null) props.onChange({ ...draft.money, [key]: fen });
          }}
        />
        ${bad ? html`<small class="error">${t('badAmount', lang)}</small>` : null}`;
    })}
  </fieldset>`;
}

function SlaFields(props: {
  draft: PolicySettings;
  lang: Lang;
  disabled: boolean;
  onChange: (sla: PolicySettings['sla']) => void;
}) {
  const { draft, lang } = props;
  const set = (key: SlaKey, target: Target) => props.onChange({ ...draft.sla, [key]: target });
  return html`<fieldset disabled=${props.disabled}>
    <legend>${t('sla', lang)}</legend>
    ${SLA_KEYS.map((key) => {
      const { unit, amount } = targetParts(draft.sla[key]);
      return html`<div class="actions">
        <${NumberField}
          id=${`policy-sla-${key}`}
          text=${t(key, lang)}
          value=${amount}
          onChange=${(n: number) => set(key, targetOf(unit, n))}
        />

        <select
          id=${`policy-sla-${key}-unit`}
          aria-label=${`${t(key, lang)} · ${t('timeUnit', lang)}`}
          value=${unit}
          onChange=${(e: Event) => {
            const next = valueOf(e);
            if (isTargetUnit(next)) set(key, targetOf(next, amount));
          }}
        >
          ${TARGET_UNITS.map((u) => html`<option value=${u}>${t(u, lang)}</option>`)}
        </select>
      </div>`;
    })}
  </fieldset>`;
}

type CategoryRow = PolicySettings['categories'][number];

/**
 * The categories (issue 15): add one, rename it in either language, route it, flag on-site and quality
 * cases, retire it. A saved category cannot be removed (the API refuses: claims carry its code), only
 * retired; a row added in this edit may be dropped again before saving.
 */
function CategoryFields(props: {
  draft: PolicySettings;
  saved: readonly CategoryRow[];
  lang: Lang;
  disabled: boolean;
  onChange: (categories: CategoryRow[]) => void;
}) {
  const { draft, lang } = props;
  const rows = draft.categories;
  const savedCodes = new Set(props.saved.map((c) => c.code));
  const update = (index: number, row: CategoryRow) =>
    props.onChange(rows.map((c, i) => (i === index ? row : c)));
  const checked = (e: Event) => e.currentTarget instanceof HTMLInputElement && e.currentTarget.checked;
  return html`<fieldset disabled=${props.disabled}>
    <legend>${t('categories', lang)}</legend>
    <table data-testid="policy-categories">
      <thead>
        <tr>
          <th>${t('categoryCode', lang)}</th>
          <th>${t('nameZh', lang)}</th>
          <th>${t('nameEn', lang)}</th>
          <th>${t('department', lang)}</th>
          <th>${t('onSite', lang)}</th>
          <th>${t('qualityCase', lang)}</th>
          <th>${t('active', lang)}</th>
          <th><span class="sr-only">${t('rowActions', lang)}</span></th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((c, i) => {
          const isNew = !savedCodes.has(c.code) || rows.findIndex((r) => r.code === c.code) !== i;
          // Labels that stay put while typing: a saved category by its saved name, a new one by its row.
          const named = isNew
            ? t('newCategory', lang, { n: i + 1 })
            : (props.saved.find((s) => s.code === c.code)?.name[lang] ?? c.code);
          return html`<tr data-testid=${`policy-category-${i}`}>
            <td>
              ${
                isNew
                  ? html`<input
                      aria-label=${`${t('categoryCode', lang)} ${named}`}
                      value=${c.code}
                      onInput=${(e: Event) => update(i, { ...c, code: valueOf(e).trim().toLowerCase() })}
                    />`
                  : html`<code>${c.code}</code>`
              }
            </td>
            <td>
              <input
                aria-label=${`${t('nameZh', lang)} ${named}`}
                value=${c.name['zh-CN']}
                onInput=${(e: Event) => update(i, { ...c, name: { ...c.name, 'zh-CN': valueOf(e) } })}
              />
            </td>
            <td>
              <input
                aria-label=${`${t('nameEn', lang)} ${named}`}
                value=${c.name.en}
                onInput=${(e: Event) => update(i, { ...c, name: { ...c.name, en: valueOf(e) } })}
              />
            </td>
            <td>
              <input
                aria-label=${`${t('department', lang)} ${named}`}
                value=${c.department}
                onInput=${(e: Event) => update(i, { ...c, department: valueOf(e) })}
              />
            </td>
            <td>
              <input
                type="checkbox"
                aria-label=${`${t('onSite', lang)} ${named}`}
                checked=${c.onSiteVisit}
                onChange=${(e: Event) => update(i, { ...c, onSiteVisit: checked(e) })}
              />
            </td>
            <td>
              <input
                type="checkbox"
                aria-label=${`${t('qualityCase', lang)} ${named}`}
                checked=${c.qualityCase}
                onChange=${(e: Event) => update(i, { ...c, qualityCase: checked(e) })}
              />
            </td>
            <td>
              <input
                type="checkbox"
                aria-label=${`${t('active', lang)} ${named}`}
                checked=${c.active}
                onChange=${(e: Event) => update(i, { ...c, active: checked(e) })}
              />
            </td>
            <td>
              ${
                isNew
                  ? html`<button
                      type="button"
                      class="secondary"
                      onClick=${() => props.onChange(rows.filter((_, j) => j !== i))}
                    >
                      ${t('removeUnit', lang)}
                    </button>`
                  : null
              }
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
    <p class="hint">${t('retireHint', lang)}</p>
    <button
      type="button"
      class="secondary"
      onClick=${() =>
        props.onChange([
          ...rows,
          {
            code: '',
            name: { 'zh-CN': '', en: '' },
            department: '',
            onSiteVisit: false,
            qualityCase: false,
            active: true,
          },
        ])}
    >
      ${t('addCategory', lang)}
    </button>
  </fieldset>`;
}

type UnitRow = PolicySettings['units'][number];

function UnitFields(props: {
  draft: PolicySettings;
  lang: Lang;
  disabled: boolean;
  onChange: (units: UnitRow[]) => void;
}) {
  const { draft, lang } = props;
  const units = draft.units;
  const update = (index: number, row: UnitRow) =>
    props.onChange(units.map((u, i) => (i === index ? row : u)));
  return html`<fieldset disabled=${props.disabled}>
    <legend>${t('units', lang)}</legend>
    <table data-testid="policy-units">
      <thead>
        <tr>
          <th>${t('unitId', lang)}</th>
          <th>${t('nameZh', lang)}</th>
          <th>${t('nameEn', lang)}</th>
          <th>${t('parent', lang)}</th>
          <th><span class="sr-only">${t('rowActions', lang)}</span></th>
        </tr>
      </thead>
      <tbody>
        ${units.map(
          (u, i) =>
            html`<tr>
              <td>
                <input
                  aria-label=${`${t('unitId', lang)} ${i + 1}`}
                  value=${u.id}
                  onInput=${(e: Event) => update(i, { ...u, id: valueOf(e).toUpperCase() })}
                />
              </td>
              <td>
                <input
                  aria-label=${`${t('nameZh', lang)} ${u.id}`}
                  value=${u.name['zh-CN']}
                  onInput=${(e: Event) => update(i, { ...u, name: { ...u.name, 'zh-CN': valueOf(e) } })}
                />
              </td>
              <td>
                <input
                  aria-label=${`${t('nameEn', lang)} ${u.id}`}
                  value=${u.name.en}
                  onInput=${(e: Event) => update(i, { ...u, name: { ...u.name, en: valueOf(e) } })}
                />
              </td>
              <td>
                <select
                  aria-label=${`${t('parent', lang)} ${u.id}`}
                  value=${u.parentId ?? ''}
                  onChange=${(e: Event) => {
                    const parentId = valueOf(e);
                    const { parentId: _old, ...rest } = u;
                    update(i, parentId ? { ...rest, parentId } : rest);
                  }}
                >
                  <option value="">${t('noParent', lang)}</option>
                  ${units
                    .filter((p) => p.id !== u.id)
                    .map((p) => html`<option value=${p.id}>${p.id} · ${p.name[lang]}</option>`)}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  class="secondary"
                  onClick=${() => props.onChange(units.filter((_, j) => j !== i))}
                >
                  ${t('removeUnit', lang)}
                </button>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    <button
      type="button"
      class="secondary"
      onClick=${() =>
        props.onChange([...units, { id: '', name: { 'zh-CN': '', en: '' }, parentId: units[0]?.id ?? 'HQ' }])}
    >
      ${t('addUnit', lang)}
    </button>
  </fieldset>`;
}

/** Path segments that name no field of their own (containers, a name's wrapper): left out of the words. */
const SILENT_SEGMENTS = new Set(['money', 'name']);
const SEGMENT_WORDS: Readonly<Record<string, Key | undefined>> = {
  'zh-CN': 'nameZh',
  en: 'nameEn',
  parentId: 'parent',
  code: 'categoryCode',
  id: 'unitId',
  onSiteVisit: 'onSite',
  title: 'replyTitle',
  body: 'replyBody',
};

/**
 * A changed path in words: each field by the label the form gives it, a unit or category row by its name in
 * the current policy (else its position). "units.2.name.zh-CN" reads 组织单位… · 上海一店 · 中文名称.
 */
function pathWords(path: string, lang: Lang, current: PolicySettings): string {
  const statutory = statutoryPathWords(path, lang, current);
  if (statutory !== null) return statutory;
  const segments = path.split('.');
  const words: string[] = [];
  segments.forEach((segment, i) => {
    const list = segments[i - 1];
    if (/^\d+$/.test(segment) && list === 'replyTemplates') {
      const row = current.replyTemplates[Number(segment)];
      words.push(row ? row.title[lang] : `#${Number(segment) + 1}`);
      return;
    }
    if ((list === 'title' || list === 'body') && (segment === 'zh-CN' || segment === 'en')) {
      words.push(t(segment === 'en' ? 'inEnglish' : 'inChinese', lang));
      return;
    }
    if (/^\d+$/.test(segment) && (list === 'units' || list === 'categories')) {
      const row = (list === 'units' ? current.units : (current.categories ?? []))[Number(segment)];
      words.push(row ? row.name[lang] : `#${Number(segment) + 1}`);
      return;
    }
    if (SILENT_SEGMENTS.has(segment)) return;
    const key = SEGMENT_WORDS[segment] ?? segment;
    words.push(isKey(key) ? t(key, lang) : segment);
  });
  return words.length > 0 ? words.join(' · ') : path;
}

/** One version of the history: who, when, and each changed field before → after, in words. */
function HistoryItem(props: {
  v: Summary;
  lang: Lang;
  current: PolicySettings;
  onShow: (n: number) => void;
}) {
  const { v, lang } = props;
  return html`<li data-testid=${`policy-version-${v.version}`}>
    <strong>${t('version', lang, { n: v.version })}</strong> ·
    ${
      v.savedBy === 'POLICY_SETTINGS'
        ? t('seed', lang)
        : t('savedBy', lang, { who: v.savedBy, at: when(v.savedAt, lang) })
    }
    ${v.note ? html` · ${v.note}` : null}
    <button type="button" class="secondary" onClick=${() => props.onShow(v.version)}>
      ${t('show', lang)} ${t('version', lang, { n: v.version })}
    </button>
    <ul>
      ${
        v.changes.length === 0 && v.savedBy !== 'POLICY_SETTINGS'
          ? html`<li>${t('noChanges', lang)}</li>`
          : v.changes.map(
              (c) =>
                html`<li>
                  ${`${pathWords(c.path, lang, props.current)}${lang === 'en' ? ': ' : '：'}${valueWords(c.path, c.before, lang)} → ${valueWords(c.path, c.after, lang)}`}
                </li>`,
            )
      }
    </ul>
  </li>`;
}

/** The tiers of a version picked from the history (an old version stays readable). */
function ShownVersion({ version, lang }: { version: PolicyVersion; lang: Lang }) {
  return html`<div class="card" data-testid="policy-shown">
    <h3>${t('shown', lang, { n: version.version })}</h3>
    <ul>
      ${MONEY_KEYS.map((key) => html`<li>${t(key, lang)}：${yuan(version.settings.money[key])}</li>`)}
    </ul>
  </div>`;
}

/**
 * The runtime policy (issue 15): the version in force as a form (tiers, deadlines, SLA targets, categories and
 * units) that an admin saves as a new version, and the history with each version's changes. Managers and
 * executives read it. The API validates again and refuses with field paths, which the page shows.
 */
export function Policy({
  roles,
  headers,
  lang,
}: {
  roles: readonly string[];
  headers: Record<string, string>;
  lang: Lang;
}) {
  const [current, setCurrent] = useState<PolicyVersion | null>(null);
  const [draft, setDraft] = useState<PolicySettings | null>(null);
  const [versions, setVersions] = useState<Summary[]>([]);
  const [shown, setShown] = useState<PolicyVersion | null>(null);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [formKey, setFormKey] = useState(0);
  const mayEdit = mayDo('managePolicy', roles);

  const load = () => {
    void request('GET', '/staff/admin/policy', { headers }).then((r) => {
      const parsed = PolicyVersionSchema.safeParse(r.body);
      if (!parsed.success) {
        setError(problemMessage(r));
        return;
      }
      setCurrent(parsed.data);
      setDraft(parsed.data.settings);
      setFormKey((k) => k + 1);
    });
    void request('GET', '/staff/admin/policy/versions', { headers }).then((r) => {
      const parsed = VersionsSchema.safeParse(r.body);
      if (parsed.success) setVersions(parsed.data.versions);
    });
  };
  useEffect(load, [headers]);

  const show = (n: number) => {
    void request('GET', `/staff/admin/policy/versions/${n}`, { headers }).then((r) => {
      const parsed = PolicyVersionSchema.safeParse(r.body);
      if (parsed.success) setShown(parsed.data);
      else setError(problemMessage(r));
    });
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (!current || !draft) return;
    setMessage('');
    const result = await request('PUT', '/staff/admin/policy', {
      headers,
      body: { expectedVersion: current.version, settings: draft, ...(note.trim() ? { note } : {}) },
    });
    const saved = PolicyVersionSchema.safeParse(result.body);
    if (result.status !== 200 || !saved.success) {
      setError(problemMessage(result));
      return;
    }
    setError('');
    setNote('');
    setMessage(t('saved', lang, { n: saved.data.version }));
    forgetCategories(); // the console's names follow the new version
    load();
  };

  if (!current || !draft)
    return error ? html`<p class="error" role="alert">${error}</p>` : html`<p aria-busy="true">…</p>`;
  const disabled = !mayEdit;
  return html`<section data-testid="policy">
    <div class="card">
      <h2>${t('title', lang)}</h2>
      <p data-testid="policy-current">
        <strong>${t('inForce', lang, { n: current.version })}</strong> ·
        ${
          current.savedBy === 'POLICY_SETTINGS'
            ? t('seed', lang)
            : t('savedBy', lang, { who: current.savedBy, at: when(current.savedAt, lang) })
        }
      </p>
      ${mayEdit ? null : html`<p>${t('readOnly', lang)}</p>`}
    </div>
    <form class="card" key=${formKey} onSubmit=${save}>
      <${MoneyFields}
        draft=${draft}
        lang=${lang}
        disabled=${disabled}
        onChange=${(money: PolicySettings['money']) => setDraft({ ...draft, money })}
      />
      <fieldset disabled=${disabled}>
        <legend>${t('timing', lang)}</legend>
        <${NumberField}
          id="policy-filingWindowDays"
          text=${t('filingWindowDays', lang)}
          value=${draft.filingWindowDays}
          onChange=${(n: number) => setDraft({ ...draft, filingWindowDays: n })}
        />
        <label class="inline">
          <input
            type="checkbox"
            id="policy-autoClose"
            checked=${draft.money.autoCloseQuietDays !== null}
            onChange=${(e: Event) =>
              setDraft({
                ...draft,
                money: {
                  ...draft.money,
                  autoCloseQuietDays:
                    e.currentTarget instanceof HTMLInputElement && e.currentTarget.checked ? 7 : null,
                },
              })}
          />
          ${t('autoClose', lang)}
        </label>
        ${
          draft.money.autoCloseQuietDays === null
            ? null
            : html`<${NumberField}
                id="policy-autoCloseQuietDays"
                text=${t('autoCloseQuietDays', lang)}
                value=${draft.money.autoCloseQuietDays}
                onChange=${(n: number) =>
                  setDraft({ ...draft, money: { ...draft.money, autoCloseQuietDays: n } })}
              />`
        }
      </fieldset>
      <${SlaFields}
        draft=${draft}
        lang=${lang}
        disabled=${disabled}
        onChange=${(sla: PolicySettings['sla']) => setDraft({ ...draft, sla })}
      />
      <${CategoryFields}
        draft=${draft}
        saved=${current.settings.categories}
        lang=${lang}
        disabled=${disabled}
        onChange=${(categories: CategoryRow[]) => setDraft({ ...draft, categories })}
      />
      <${UnitFields}
        draft=${draft}
        lang=${lang}
        disabled=${disabled}
        onChange=${(units: UnitRow[]) => setDraft({ ...draft, units })}
      />
      <${StatutoryRuleFields}
        draft=${draft}
        lang=${lang}
        disabled=${disabled}
        onChange=${(statutory: PolicySettings['statutory']) => setDraft({ ...draft, statutory })}
      />
      <${ReplyTemplateFields}
        draft=${draft}
        lang=${lang}
        disabled=${disabled}
        onChange=${(replyTemplates: PolicySettings['replyTemplates']) => setDraft({ ...draft, replyTemplates })}
      />
      ${
        mayEdit
          ? html`<label for="policy-note">${t('note', lang)}</label>
              <input id="policy-note" value=${note} onInput=${(e: Event) => setNote(valueOf(e))} />
              <button type="submit">${t('save', lang)}</button>`
          : null
      }
      ${error ? html`<p class="error" role="alert" data-testid="policy-error">${error}</p>` : null}
      ${message ? html`<p role="status" data-testid="policy-saved">${message}</p>` : null}
    </form>
    <div class="card">
      <h3>${t('history', lang)}</h3>
      <ol class="timeline" data-testid="policy-history">
        ${versions.map(
          (v) => html`<${HistoryItem} v=${v} lang=${lang} current=${current.settings} onShow=${show} />`,
        )}
      </ol>
    </div>
    ${shown ? html`<${ShownVersion} version=${shown} lang=${lang} />` : null}
  </section>`;
}
