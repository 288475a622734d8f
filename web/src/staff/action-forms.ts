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
import { valueOf } from '../dom.js';
import { STAFF_ACTION_LABELS, label } from '../i18n.js';
import type { Claim } from './schemas.js';

/** The staff actions this console can take, with the fields each asks for and its route. */
export const FORMS: Partial<
  Record<
    ClaimAction,
    {
      path: string;
      fields: readonly {
        name: string;
        label: string;
        kind?: 'list' | 'select' | 'date' | 'items';
        options?: readonly string[];
      }[];
    }
  >
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
};

/** "内胆更换费; 60.50" → a plan item in integer fen (no floating point); null when the line does not parse. */
function planItem(line: string): { kind: 'direct_loss'; description: string; amountFen: number } | null {
  const match = /^(.+?)[;；]\s*¥?\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(line.trim());
  if (!match?.[1] || !match[2]) return null;
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return { kind: 'direct_loss', description: match[1].trim(), amountFen: fen };
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
      const value = (values[f.name] ?? f.options?.[0] ?? '').trim();
      if (value === '') continue;
      if (f.kind === 'items') {
        const items = value
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map(planItem);
        if (items.some((i) => i === null)) {
          setError(`${f.label}: ?`);
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
        <label for=${id}>${f.label}</label>
        ${
          f.kind === 'select'
            ? html`<select id=${id} onChange=${set}>
                ${(f.options ?? []).map((o) => html`<option value=${o}>${o}</option>`)}
              </select>`
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
