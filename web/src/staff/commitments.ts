import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { COMMITMENT_TYPES } from '../../../shared/domain/commitments.js';
import { mayDo } from '../../../shared/domain/staff-permissions.js';
import { problemMessage, request } from '../api.js';
import { valueOf } from '../dom.js';
import { currentLang } from '../i18n.js';
import { CommitmentListSchema, CommitmentOverviewSchema, type Commitment } from './schemas.js';
import { usePost } from './use-post.js';

const TYPE_LABELS: Record<string, string> = {
  quality: 'Quality 质量',
  service_response: 'Service response 服务响应',
  delivery: 'Delivery 交付',
};

/** Commitments as rows; managers (and admins) may expire an active one, with a reason. */
function CommitmentTable({
  caption,
  testId,
  items,
  mayManage,
  headers,
  onDone,
}: {
  caption: string;
  testId: string;
  items: readonly Commitment[];
  mayManage: boolean;
  headers: Record<string, string>;
  onDone: () => void;
}) {
  const [expiring, setExpiring] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const { error, post } = usePost(headers, onDone);
  const expire = async (event: Event, c: Commitment) => {
    event.preventDefault();
    const path = `/staff/commitments/${encodeURIComponent(c.id)}/expire`;
    if (await post(path, { reason: reason.trim(), expectedVersion: c.version })) {
      setExpiring(null);
      setReason('');
    }
  };
  return html`<table data-testid=${testId}>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th>Customer 客户</th>
          <th>Subject 对象</th>
          <th>Type 类型</th>
          <th>Promise 承诺内容</th>
          <th>Valid 有效期</th>
          <th>Owner 负责人</th>
          <th>Status 状态</th>
          ${mayManage ? html`<th>Action 操作</th>` : null}
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (c) =>
            html`<tr>
              <td>${c.customerName} (${c.customerId})</td>
              <td>${c.subject.name}${c.subject.model ? ` ${c.subject.model}` : ''}</td>
              <td>${TYPE_LABELS[c.type] ?? c.type}</td>
              <td>${c.content}</td>
              <td>${c.validFrom} – ${c.validUntil}</td>
              <td>${c.ownerId}</td>
              <td>
                ${c.status}${c.breaches.length ? html` · <span class="badge sla breached">${c.breaches.length} breached 违约</span>` : null}
              </td>
              ${
                mayManage
                  ? html`<td>
                      ${
                        c.status !== 'active'
                          ? '—'
                          : expiring === c.id
                            ? html`<form class="actions" onSubmit=${(e: Event) => expire(e, c)}>
                                <label for=${`expire-${testId}-${c.id}`}>Reason 原因</label>
                                <input
                                  id=${`expire-${testId}-${c.id}`}
                                  required
                                  value=${reason}
                                  onInput=${(e: Event) => setReason(valueOf(e))}
                                />
                                <button type="submit">Expire 终止</button>
                              </form>`
                            : html`<button type="button" class="secondary" onClick=${() => setExpiring(c.id)}>
                                Expire… 终止…
                              </button>`
                      }
                    </td>`
                  : null
              }
            </tr>`,
        )}
      </tbody>
    </table>
    ${items.length === 0 ? html`<p>None. 无。</p>` : null}
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}`;
}

const EMPTY_FORM = {
  customerId: '',
  customerName: '',
  subjectKind: 'product',
  subjectName: '',
  model: '',
  type: 'quality',
  content: '',
  responseHours: '',
  validFrom: '',
  validUntil: '',
  ownerId: '',
};
type FormValues = typeof EMPTY_FORM;

/** Register a commitment (managers and admins; the API records the caller as its approver). */
function RegisterCommitment({
  headers,
  onRegistered,
}: {
  headers: Record<string, string>;
  onRegistered: (customerId: string) => void;
}) {
  const [values, setValues] = useState<FormValues>(EMPTY_FORM);
  const [registered, setRegistered] = useState('');
  const { error, post } = usePost(headers, () => undefined);
  const field = (name: keyof FormValues, text: string, type = 'text', required = true) =>
    html`<div>
      <label for=${`commitment-${name}`}>${text}</label>
      <input
        id=${`commitment-${name}`}
        type=${type}
        required=${required}
        value=${values[name]}
        onInput=${(e: Event) => setValues({ ...values, [name]: valueOf(e) })}
      />
    </div>`;
  const choice = (name: keyof FormValues, text: string, options: readonly (readonly [string, string])[]) =>
    html`<div>
      <label for=${`commitment-${name}`}>${text}</label>
      <select
        id=${`commitment-${name}`}
        value=${values[name]}
        onChange=${(e: Event) => setValues({ ...values, [name]: valueOf(e) })}
      >
        ${options.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
      </select>
    </div>`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const hours = values.responseHours.trim();
    const body = {
      customerId: values.customerId.trim(),
      customerName: values.customerName.trim(),
      subject: {
        kind: values.subjectKind,
        name: values.subjectName.trim(),
        ...(values.model.trim() ? { model: values.model.trim() } : {}),
      },
      type: values.type,
      content: values.content.trim(),
      // A whole number of hours; anything else goes to the API as typed, and its refusal names the field.
      ...(hours ? { responseTarget: { workingHours: /^\d+$/.test(hours) ? Number(hours) : hours } } : {}),
      validFrom: values.validFrom,
      validUntil: values.validUntil,
      ownerId: values.ownerId.trim(),
    };
    if (await post('/staff/commitments', body)) {
      setRegistered(body.customerId.toUpperCase());
      setValues(EMPTY_FORM);
      onRegistered(body.customerId);
    }
  };
  return html`<form class="card" onSubmit=${submit} aria-label="Register a commitment 登记承诺">
    <h3>Register a commitment 登记承诺</h3>
    ${field('customerId', 'Customer code 客户编码')} ${field('customerName', 'Customer name 客户名称')}
    ${choice('subjectKind', 'Subject 对象', [
      ['product', 'Product 产品'],
      ['service', 'Service 服务'],
    ])}
    ${field('subjectName', 'Product or service name 产品 / 服务名称')}
    ${field('model', 'Model (optional) 型号（选填）', 'text', false)}
    ${choice(
      'type',
      'Type 类型',
      COMMITMENT_TYPES.map((t) => [t, TYPE_LABELS[t] ?? t] as const),
    )}
    ${field('content', 'What is promised 承诺内容')}
    ${field('responseHours', 'Response within working hours (service response only) 响应时限（工作小时，仅服务响应）', 'number', false)}
    ${field('validFrom', 'Valid from 生效日期', 'date')}
    ${field('validUntil', 'Valid until 截止日期', 'date')} ${field('ownerId', 'Owner 负责人')}
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${registered ? html`<p class="notice" role="status">Registered for ${registered}. 已登记。</p>` : null}
    <p><button type="submit">Register 登记</button></p>
  </form>`;
}

/**
 * The commitments registry (承诺): what is expiring within 30 days or breached, a customer's commitments,
 * and for managers the forms to register and expire them.
 */
export function Commitments({
  roles,
  headers,
}: {
  roles: readonly string[];
  headers: Record<string, string>;
}) {
  const mayManage = mayDo('manageCommitments', roles);
  const [overview, setOverview] = useState<{ expiring: Commitment[]; breached: Commitment[] } | null>(null);
  const [customer, setCustomer] = useState('');
  const [found, setFound] = useState<Commitment[] | null>(null);
  const [error, setError] = useState('');
  const loadOverview = () => {
    void request('GET', '/staff/commitments/overview', { headers }).then((r) => {
      const parsed = CommitmentOverviewSchema.safeParse(r.body);
      if (parsed.success) setOverview(parsed.data);
    });
  };
  const lookUp = (code: string) => {
    if (!code.trim()) return;
    void request('GET', `/staff/commitments?${new URLSearchParams({ customer: code.trim() })}`, {
      headers,
    }).then((r) => {
      const parsed = CommitmentListSchema.safeParse(r.body);
      setFound(r.status === 200 && parsed.success ? parsed.data.items : null);
      setError(r.status === 200 && parsed.success ? '' : problemMessage(r));
    });
  };
  const reload = () => {
    loadOverview();
    lookUp(customer);
  };
  useEffect(loadOverview, [headers]);
  return html`<section>
    <div class="card">
      <h2>${currentLang() === 'en' ? 'Commitments' : '承诺'}</h2>
      ${
        overview
          ? (
              [
                ['Expiring within 30 days 30 天内到期', 'commitments-expiring', overview.expiring],
                ['Breached 已违约', 'commitments-breached', overview.breached],
              ] as const
            ).map(
              ([caption, testId, items]) =>
                html`<${CommitmentTable}
                  caption=${caption}
                  testId=${testId}
                  items=${items}
                  mayManage=${mayManage}
                  headers=${headers}
                  onDone=${reload}
                />`,
            )
          : html`<p aria-busy="true">…</p>`
      }
    </div>
    <div class="card">
      <form
        class="actions"
        role="search"
        onSubmit=${(e: Event) => {
          e.preventDefault();
          lookUp(customer);
        }}
      >
        <label for="commitment-customer">Customer code 客户编码</label>
        <input id="commitment-customer" value=${customer} onInput=${(e: Event) => setCustomer(valueOf(e))} />
        <button type="submit">Find commitments 查找承诺</button>
      </form>
      ${error ? html`<p class="error" role="alert">${error}</p>` : null}
      ${
        found
          ? html`<${CommitmentTable}
              caption=${`Commitments of ${customer.trim().toUpperCase()} 客户承诺`}
              testId="commitments-found"
              items=${found}
              mayManage=${mayManage}
              headers=${headers}
              onDone=${reload}
            />`
          : null
      }
    </div>
    ${
      mayManage
        ? html`<${RegisterCommitment}
            headers=${headers}
            onRegistered=${(code: string) => {
              setCustomer(code);
              lookUp(code);
              loadOverview();
            }}
          />`
        : null
    }
  </section>`;
}
