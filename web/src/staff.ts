import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { CLAIM_ACTIONS, TRANSITIONS, type ClaimAction } from '../../shared/domain/lifecycle.js';
import {
  LEGAL_TRACKS,
  RESOLUTION_TYPES,
  RESPONSIBLE_PARTIES,
  ROOT_CAUSES,
} from '../../shared/domain/resolution.js';
import { ApiErrorSchema, request } from './api.js';
import { SignInCard, useStaffSession } from './auth.js';
import { valueOf } from './dom.js';
import {
  ACTION_LABELS,
  CATEGORY_LABELS,
  STAFF_ACTION_LABELS,
  CLOCK_LABELS,
  REMEDY_LABELS,
  STATUS_LABELS,
  yuan,
  currentLang,
  label,
  shortDate,
  switchLangHref,
  type Lang,
} from './i18n.js';

/** Staff read the timeline in staff wording, falling back to the customer's. */
const TIMELINE_LABELS = {
  ...ACTION_LABELS,
  ...STAFF_ACTION_LABELS,
  file_claim: ['收到索赔', 'Claim filed'] as const,
};

const SummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  category: z.string(),
  severity: z.number(),
  urgency: z.string(),
  unitId: z.string(),
  assigneeId: z.string().optional(),
  claimantName: z.string(),
  productName: z.string(),
  receivedAt: z.string(),
  possibleDuplicate: z.boolean(),
});
const PageSchema = z.object({ items: z.array(SummarySchema), cursor: z.string().optional() });
const DetailSchema = z.object({
  claim: z
    .object({
      id: z.string(),
      number: z.string(),
      status: z.string(),
      version: z.number(),
      description: z.string(),
      claimant: z
        .object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() })
        .loose(),
      product: z.object({ name: z.string(), orderNumber: z.string().optional() }).loose(),
      unitId: z.string(),
      assigneeId: z.string().optional(),
      severity: z.number(),
      severityReasons: z.array(z.string()),
      urgency: z.string(),
      possibleDuplicateOf: z.array(z.string()),
      allowedActions: z.array(z.string()),
      resolution: z
        .object({ type: z.string(), totalFen: z.number().int(), status: z.string() })
        .loose()
        .optional(),
      payouts: z
        .array(
          z.object({
            id: z.string(),
            amountFen: z.number().int(),
            status: z.string(),
            voucherNumber: z.string().optional(),
          }),
        )
        .optional(),
      clocks: z
        .record(
          z.string(),
          z
            .object({
              state: z.string(),
              dueAt: z.string(),
              warningAt: z.string(),
              breachedAt: z.string().nullable(),
            })
            .loose(),
        )
        .optional(),
    })
    .loose(),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      note: z.string().optional(),
      actor: z.object({ type: z.string(), id: z.string().optional() }).loose(),
    }),
  ),
});
type Detail = z.infer<typeof DetailSchema>;

/** The staff actions this console can take, with the fields each asks for and its route. */
const FORMS: Partial<
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

/** SLA badges from claim.clocks as the API computed them: due time, warning, breached. */
function SlaBadges({
  clocks,
  lang,
  testId = 'sla',
}: {
  clocks: Detail['claim']['clocks'];
  lang: Lang;
  testId?: string;
}) {
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

function auth(token: string) {
  return { authorization: `Bearer ${token}` };
}

function ActionForm({
  action,
  claim,
  token,
  onDone,
}: {
  action: ClaimAction;
  claim: Detail['claim'];
  token: string;
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
      headers: auth(token),
    });
    if (result.status === 200) {
      setValues({});
      setError('');
      onDone();
      return;
    }
    const parsed = ApiErrorSchema.safeParse(result.body);
    setError(parsed.success ? parsed.data.error.message : `HTTP ${result.status}`);
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

const MeSchema = z.object({ id: z.string(), roles: z.array(z.string()) }).loose();

/** Payouts of the claim; finance (and admin) record the voucher of one the provider has not confirmed. */
function Payouts({
  payouts,
  roles,
  token,
  onDone,
}: {
  payouts: NonNullable<Detail['claim']['payouts']>;
  roles: readonly string[];
  token: string;
  onDone: () => void;
}) {
  const [voucher, setVoucher] = useState('');
  const [error, setError] = useState('');
  const mayRecord = roles.includes('finance') || roles.includes('admin');
  const confirm = async (event: Event, payoutId: string) => {
    event.preventDefault();
    const result = await request('POST', `/staff/payouts/${encodeURIComponent(payoutId)}/confirm`, {
      body: { voucherNumber: voucher.trim() },
      headers: auth(token),
    });
    if (result.status === 200) {
      setVoucher('');
      setError('');
      onDone();
      return;
    }
    const parsed = ApiErrorSchema.safeParse(result.body);
    setError(parsed.success ? parsed.data.error.message : `HTTP ${result.status}`);
  };
  return html`<div class="card">
    <h3>Payouts 付款</h3>
    <table data-testid="payouts">
      <thead>
        <tr>
          <th>Payout 付款单</th>
          <th>Amount 金额</th>
          <th>Status 状态</th>
          <th>Voucher 凭证</th>
        </tr>
      </thead>
      <tbody>
        ${payouts.map(
          (p) =>
            html`<tr>
              <td class="link">${p.id}</td>
              <td class="amount">${yuan(p.amountFen)}</td>
              <td>${p.status}</td>
              <td>
                ${
                  p.voucherNumber ??
                  (mayRecord && (p.status === 'requested' || p.status === 'submitting')
                    ? html`<form class="actions" onSubmit=${(e: Event) => confirm(e, p.id)}>
                        <label for=${`voucher-${p.id}`}>Voucher number 凭证号</label>
                        <input
                          id=${`voucher-${p.id}`}
                          required
                          value=${voucher}
                          onInput=${(e: Event) => setVoucher(valueOf(e))}
                        />
                        <button type="submit">Record voucher 记录凭证</button>
                      </form>`
                    : '—')
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
  </div>`;
}

function ClaimDetail({
  number,
  token,
  lang,
  onBack,
}: {
  number: string;
  token: string;
  lang: Lang;
  onBack: () => void;
}) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [open, setOpen] = useState<ClaimAction | null>(null);
  const [roles, setRoles] = useState<readonly string[]>([]);
  useEffect(() => {
    void request('GET', '/staff/me', { headers: auth(token) }).then((r) => {
      const parsed = MeSchema.safeParse(r.body);
      if (parsed.success) setRoles(parsed.data.roles);
    });
  }, [token]);
  const load = () => {
    void request('GET', `/staff/claims/${encodeURIComponent(number)}`, { headers: auth(token) }).then((r) => {
      const parsed = DetailSchema.safeParse(r.body);
      if (parsed.success) setDetail(parsed.data);
    });
  };
  useEffect(load, [number]);
  if (!detail) return html`<p aria-busy="true">…</p>`;
  const { claim } = detail;
  // A button only for actions the caller's roles allow and the claim's state permits; the API checks again.
  const actions = CLAIM_ACTIONS.filter(
    (a) =>
      FORMS[a] !== undefined &&
      claim.allowedActions.includes(a) &&
      TRANSITIONS[a].from.some((s) => s === claim.status),
  );
  return html`<section>
    <p><button class="secondary" onClick=${onBack}>← Queue 返回</button></p>
    <div class="card">
      <h2 class="number">${claim.number}</h2>
      <p>
        Status 状态:
        <strong data-testid="detail-status">${label(STATUS_LABELS, claim.status, lang)}</strong> ·
        v${claim.version}
      </p>
      <p>${claim.claimant.name} · ${claim.claimant.phone ?? ''} ${claim.claimant.email ?? ''}</p>
      <p>${claim.product.name} ${claim.product.orderNumber ? `(${claim.product.orderNumber})` : ''}</p>
      <p>${claim.description}</p>
      <p>Severity 等级 ${claim.severity} (${claim.severityReasons.join('; ')}) · ${claim.urgency}</p>
      <${SlaBadges} clocks=${claim.clocks} lang=${lang} />
      ${claim.resolution ? html`<p data-testid="plan">Plan 方案: ${label(REMEDY_LABELS, claim.resolution.type, lang)} · <strong>${yuan(claim.resolution.totalFen)}</strong> · ${claim.resolution.status}</p>` : null}
      <p>Unit 单位 ${claim.unitId} · Assignee 处理人 ${claim.assigneeId ?? '—'}</p>
      ${claim.possibleDuplicateOf.length ? html`<p class="error">Possible duplicate of 可能重复: ${claim.possibleDuplicateOf.join(', ')}</p>` : null}
    </div>
    <div class="actions" role="group" aria-label="Actions">
      ${actions.map((a) => html`<button class="secondary" aria-pressed=${open === a} onClick=${() => setOpen(open === a ? null : a)}>${label(STAFF_ACTION_LABELS, a, 'en')}</button>`)}
    </div>
    ${
      open
        ? html`<${ActionForm}
            action=${open}
            claim=${claim}
            token=${token}
            onDone=${() => {
              setOpen(null);
              load();
            }}
          />`
        : null
    }
    ${claim.payouts?.length ? html`<${Payouts} payouts=${claim.payouts} roles=${roles} token=${token} onDone=${load} />` : null}
    <div class="card">
      <h3>Timeline 处理记录</h3>
      <ol class="timeline">
        ${detail.timeline.map((e) => html`<li>${new Date(e.at).toLocaleString(lang, { timeZone: 'Asia/Shanghai' })} — ${label(TIMELINE_LABELS, e.action, lang)} (${e.actor.id ?? e.actor.type})${e.note ? `: ${e.note}` : ''}</li>`)}
      </ol>
    </div>
  </section>`;
}

/**
 * The queue's summaries carry no clocks, so each row reads its claim's clocks (one GET per visible row; the
 * API computes them in working time, the page only formats them).
 */
function QueueSla({ number, token, lang }: { number: string; token: string; lang: Lang }) {
  const [clocks, setClocks] = useState<Detail['claim']['clocks'] | null>(null);
  useEffect(() => {
    void request('GET', `/staff/claims/${encodeURIComponent(number)}`, { headers: auth(token) }).then((r) => {
      const parsed = DetailSchema.safeParse(r.body);
      setClocks(parsed.success ? (parsed.data.claim.clocks ?? {}) : {});
    });
  }, [number, token]);
  if (clocks === null) return html`<span aria-busy="true">…</span>`;
  return html`<${SlaBadges} clocks=${clocks} lang=${lang} testId=${`sla-${number}`} />`;
}

function Queue({ token, lang, onOpen }: { token: string; lang: Lang; onOpen: (number: string) => void }) {
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState<z.infer<typeof PageSchema> | null>(null);
  const load = () => {
    const term = search.trim();
    const path = term
      ? `/staff/search?${new URLSearchParams(/^CLM-/i.test(term) ? { number: term } : /@/.test(term) ? { email: term } : /^[+\d][\d\s-]{5,}$/.test(term) ? { phone: term } : { order: term })}`
      : `/staff/claims?${new URLSearchParams(status ? { status, limit: '50' } : { limit: '50' })}`;
    void request('GET', path, { headers: auth(token) }).then((r) => {
      const parsed = PageSchema.safeParse(r.body);
      setPage(parsed.success ? parsed.data : { items: [] });
    });
  };
  useEffect(load, [status]);
  return html`<section>
    <form
      class="actions"
      onSubmit=${(e: Event) => {
        e.preventDefault();
        load();
      }}
      role="search"
    >
      <label for="status-filter">Status 状态</label>
      <select id="status-filter" value=${status} onChange=${(e: Event) => setStatus(valueOf(e))}>
        <option value="">All open 全部未结</option>
        ${Object.keys(STATUS_LABELS).map((s) => html`<option value=${s}>${label(STATUS_LABELS, s, lang)}</option>`)}
      </select>
      <label for="search">Search 搜索</label>
      <input
        id="search"
        placeholder="CLM-… / phone / email / order"
        value=${search}
        onInput=${(e: Event) => setSearch(valueOf(e))}
      />
      <button type="submit">Search 搜索</button>
    </form>
    <table>
      <caption>
        Work queue 工作队列
      </caption>
      <thead>
        <tr>
          <th>Number 编号</th>
          <th>Status 状态</th>
          <th>SLA 时限</th>
          <th>Customer 客户</th>
          <th>Product 产品</th>
          <th>Category 类别</th>
          <th>Level 等级</th>
          <th>Received 受理时间</th>
        </tr>
      </thead>
      <tbody>
        ${(page?.items ?? []).map(
          (c) =>
            html`<tr>
              <td>
                <a
                  href=${`#${c.number}`}
                  onClick=${(e: Event) => {
                    e.preventDefault();
                    onOpen(c.number);
                  }}
                  >${c.number}</a
                >
              </td>
              <td>${label(STATUS_LABELS, c.status, lang)}</td>
              <td><${QueueSla} number=${c.number} token=${token} lang=${lang} /></td>
              <td>${c.claimantName}</td>
              <td>${c.productName}</td>
              <td>${label(CATEGORY_LABELS, c.category, lang)}</td>
              <td>
                <span class=${`badge level${c.severity}`}>${c.severity}</span>
                ${c.urgency === 'urgent' ? html`<span class="badge urgent">urgent 紧急</span>` : null}
              </td>
              <td>
                ${new Date(c.receivedAt).toLocaleString(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' })}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${page && page.items.length === 0 ? html`<p>No claims here. 暂无索赔。</p>` : null}
  </section>`;
}

function Console() {
  const lang = currentLang();
  document.documentElement.lang = lang;
  const session = useStaffSession();
  const token = session.token;
  const [open, setOpen] = useState(location.hash.replace(/^#/, ''));
  return html`<main class="wide">
    <header class="bar">
      <h1>Claims console 索赔工作台</h1>
      <nav class="actions">
        ${token ? html`<a href=${`/dashboard.html${lang === 'en' ? '?lang=en' : ''}`}>Dashboard 月度统计</a>` : null}
        <a href=${switchLangHref(lang === 'en' ? 'zh-CN' : 'en')}>${lang === 'en' ? '中文' : 'English'}</a>
        ${token ? html`<button class="secondary" onClick=${session.signOut}>Sign out 退出</button>` : null}
      </nav>
    </header>
    ${
      !token
        ? html`<${SignInCard} session=${session} />`
        : open
          ? html`<${ClaimDetail}
              number=${open}
              token=${token}
              lang=${lang}
              onBack=${() => {
                history.replaceState(null, '', location.pathname + location.search);
                setOpen('');
              }}
            />`
          : html`<${Queue}
              token=${token}
              lang=${lang}
              onOpen=${(n: string) => {
                location.hash = n;
                setOpen(n);
              }}
            />`
    }
  </main>`;
}

const root = document.getElementById('app');
if (root) render(html`<${Console} />`, root);
