import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { ClaimAction } from '../../../shared/domain/lifecycle.js';
import {
  LEGAL_TRACKS,
  RESOLUTION_TYPES,
  RESPONSIBLE_PARTIES,
  ROOT_CAUSES,
} from '../../../shared/domain/resolution.js';
import { problemMessage, request } from '../api.js';
import { checkedOf, valueOf } from '../dom.js';
import { CLOCK_LABELS, STAFF_ACTION_LABELS, label } from '../i18n.js';
import type { Claim } from './schemas.js';
import { planItem } from './yuan-input.js';

interface Field {
  readonly name: string;
  readonly label: string;
  /** list: one per line; items: plan items "说明; 金额元"; number: a whole number; consent: a tick box sent as true; clock: a clock the claim may still extend. */
  readonly kind?: 'list' | 'select' | 'date' | 'items' | 'number' | 'consent' | 'clock';
  readonly options?: readonly string[];
}

/** Clocks still running or paused that were not extended yet: the API extends each clock once. */
export function extendableClocks(claim: Claim): string[] {
  return Object.entries(claim.clocks ?? {})
    .filter(([, c]) => c.state !== 'stopped' && !c.extension)
    .map(([name]) => name);
}

/**
 * The staff actions this console can take, with the fields each asks for and its route; `offered` hides an
 * action the claim's data rules out although its state allows it.
 */
export const FORMS: Partial<
  Record<ClaimAction, { path: string; fields: readonly Field[]; offered?: (claim: Claim) => boolean }>
> = {
  assign: {
    path: 'assign',
    fields: [
      { name: 'assigneeId', label: 'Assignee 处理人' },
      { name: 'unitId', label: 'Unit 单位' },
    ],
  },
  request_material: {
    path: 'request-material',
    fields: [
      { name: 'items', label: 'Material needed, one per line 需补充材料（每行一项）', kind: 'list' },
      { name: 'note', label: 'Note 说明' },
    ],
  },
  mark_material_complete: { path: 'material-complete', fields: [] },
  start_investigation: { path: 'start-investigation', fields: [] },
  not_admit: {
    path: 'not-admit',
    fields: [
      {
        name: 'reason',
        label: 'Reason 原因',
        kind: 'select',
        options: ['groundless', 'filing_window', 'out_of_scope', 'duplicate', 'other'],
      },
      { name: 'explanation', label: 'Explanation to the customer 对客户的说明' },
    ],
  },
  withdraw: { path: 'withdraw', fields: [{ name: 'reason', label: 'Reason 原因' }] },
  record_first_reply: { path: 'first-reply', fields: [] },
  record_findings: {
    path: 'findings',
    fields: [
      { name: 'summary', label: 'Findings 调查结论' },
      { name: 'rootCause', label: 'Root cause 原因', kind: 'select', options: ROOT_CAUSES },
      {
        name: 'responsibility',
        label: 'Responsible party 责任方',
        kind: 'select',
        options: [...RESPONSIBLE_PARTIES, 'unclear'],
      },
      { name: 'partyName', label: 'Party name (supplier, franchisee, third party) 责任方名称' },
      { name: 'evidenceRefs', label: 'Evidence, one per line 证据（每行一项）', kind: 'list' },
    ],
  },
  propose_resolution: {
    path: 'propose',
    fields: [
      { name: 'type', label: 'Resolution 处理方式', kind: 'select', options: RESOLUTION_TYPES },
      {
        name: 'items',
        label: 'Items, one per line: description; amount in yuan 明细（每行：说明; 金额元）',
        kind: 'items',
      },
      { name: 'executingDepartment', label: 'Executing department 执行部门' },
      { name: 'dueOn', label: 'Due on 完成日期', kind: 'date' },
      { name: 'note', label: 'Note 说明' },
    ],
  },
  clear_legal_review: { path: 'legal-clear', fields: [{ name: 'reason', label: 'Reason 理由' }] },
  approve: { path: 'approve', fields: [{ name: 'note', label: 'Note 说明' }] },
  reject_proposal: { path: 'reject', fields: [{ name: 'reason', label: 'Reason 原因' }] },
  send_back: { path: 'send-back', fields: [{ name: 'reason', label: 'Reason 原因' }] },
  hand_to_legal: {
    path: 'hand-to-legal',
    fields: [
      { name: 'track', label: 'Track 程序', kind: 'select', options: LEGAL_TRACKS },
      { name: 'reason', label: 'Reason 原因' },
    ],
  },
  record_execution: {
    path: 'record-execution',
    fields: [
      { name: 'kind', label: 'Kind 类型', kind: 'select', options: ['shipping', 'work_order', 'other'] },
      { name: 'reference', label: 'Shipping or work-order number 运单号 / 工单号' },
    ],
  },
  decide_reconsideration: {
    path: 'decide-reconsideration',
    fields: [
      { name: 'outcome', label: 'Outcome 复议结果', kind: 'select', options: ['upheld', 'amended'] },
      { name: 'reason', label: 'Reason 理由' },
      {
        name: 'items',
        label: 'Amended items (only when amended): description; amount in yuan 变更明细',
        kind: 'items',
      },
    ],
  },
  conclude_legal: { path: 'conclude-legal', fields: [{ name: 'reason', label: 'Outcome 结果' }] },
  extend_deadline: {
    path: 'extend-deadline',
    offered: (claim) => extendableClocks(claim).length > 0,
    fields: [
      { name: 'clock', label: 'Deadline 时限', kind: 'clock' },
      { name: 'days', label: 'Working days to add (1–60) 延长工作日数', kind: 'number' },
      { name: 'reason', label: 'Reason 原因' },
      { name: 'customerAgreed', label: 'The customer agreed 客户已同意', kind: 'consent' },
    ],
  },
};

/** A field's choices: fixed, or for a clock field the claim's clocks that may still be extended. */
function optionsOf(field: Field, claim: Claim): readonly string[] {
  return field.kind === 'clock' ? extendableClocks(claim) : (field.options ?? []);
}

export function ActionForm({
  action,
  claim,
  headers,
  onDone,
}: {
  action: ClaimAction;
  claim: Claim;
  headers: Record<string, string>;
  onDone: () => void;
}) {
  const spec = FORMS[action];
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  if (!spec) return null;
  const submit = async (event: Event) => {
    event.preventDefault();
    const body: Record<string, unknown> = { expectedVersion: claim.version };
    for (const f of spec.fields) {
      const value = (values[f.name] ?? optionsOf(f, claim)[0] ?? '').trim();
      if (value === '') continue;
      if (f.kind === 'consent') {
        body[f.name] = true;
        continue;
      }
      if (f.kind === 'number') {
        if (!/^\d+$/.test(value)) {
          setError(`${f.label}: a whole number 请填整数`);
          return;
        }
        body[f.name] = Number(value);
        continue;
      }
      if (f.kind === 'items') {
        const items = value
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map(planItem);
        if (items.some((i) => i === null)) {
          setError(`${f.label}: "description; amount", e.g. 运费; 12.50 格式：说明; 金额`);
          return;
        }
        body[f.name] = items;
        continue;
      }
      body[f.name] =
        f.kind === 'list'
          ? value
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean)
          : value;
    }
    const result = await request('POST', `/staff/claims/${encodeURIComponent(claim.number)}/${spec.path}`, {
      body,
      headers,
    });
    if (result.status === 200) {
      setValues({});
      setError('');
      onDone();
      return;
    }
    setError(problemMessage(result));
  };
  return html`<form class="card" onSubmit=${submit} aria-label=${action}>
    <h3>${label(STAFF_ACTION_LABELS, action, 'en')} · ${label(STAFF_ACTION_LABELS, action, 'zh-CN')}</h3>
    ${spec.fields.map((f) => {
      const id = `${action}-${f.name}`;
      const set = (e: Event) => setValues({ ...values, [f.name]: valueOf(e) });
      return html`<div>
        ${f.kind === 'consent' ? null : html`<label for=${id}>${f.label}</label>`}
        ${
          f.kind === 'select' || f.kind === 'clock'
            ? html`<select id=${id} onChange=${set}>
                ${optionsOf(f, claim).map(
                  (o) =>
                    html`<option value=${o}>
                      ${f.kind === 'clock' ? label(CLOCK_LABELS, o, 'en') + ' ' + label(CLOCK_LABELS, o, 'zh-CN') : o}
                    </option>`,
                )}
              </select>`
            : f.kind === 'consent'
              ? html`<label class="choice"
                  ><input
                    type="checkbox"
                    id=${id}
                    checked=${values[f.name] === 'yes'}
                    onChange=${(e: Event) => setValues({ ...values, [f.name]: checkedOf(e) ? 'yes' : '' })}
                  />
                  ${f.label}</label
                >`
              : f.kind === 'number'
                ? html`<input
                    type="number"
                    min="1"
                    step="1"
                    id=${id}
                    value=${values[f.name] ?? ''}
                    onInput=${set}
                  />`
                : f.kind === 'date'
                  ? html`<input type="date" id=${id} value=${values[f.name] ?? ''} onInput=${set} />`
                  : f.kind === 'list' || f.kind === 'items'
                    ? html`<textarea id=${id} value=${values[f.name] ?? ''} onInput=${set}></textarea>`
                    : html`<input id=${id} value=${values[f.name] ?? ''} onInput=${set} />`
        }
      </div>`;
    })}
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <p>
      <button type="submit">
        ${label(STAFF_ACTION_LABELS, action, 'en')} · ${label(STAFF_ACTION_LABELS, action, 'zh-CN')}
      </button>
    </p>
  </form>`;
}
