import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { COMMITMENT_TYPES } from '../../../shared/domain/commitments.js';
import { mayDo } from '../../../shared/domain/staff-permissions.js';
import { problemMessage, request } from '../api.js';
import { valueOf } from '../dom.js';
import type { Lang } from '../i18n.js';
import { CommitmentListSchema, CommitmentOverviewSchema, type Commitment } from './schemas.js';
import { usePost } from './use-post.js';

/** The commitments registry's words, [zh-CN, en] (issue 17): one language at a time. */
const TEXT = {
  title: ['承诺', 'Commitments'],
  customer: ['客户', 'Customer'],
  customerOf: ['{name}（{code}）', '{name} ({code})'],
  subject: ['对象', 'Subject'],
  type: ['类型', 'Type'],
  promise: ['承诺内容', 'Promise'],
  valid: ['有效期', 'Valid'],
  owner: ['负责人', 'Owner'],
  status: ['状态', 'Status'],
  action: ['操作', 'Action'],
  breachedN: ['违约 {n} 次', '{n} breached'],
  reason: ['原因', 'Reason'],
  expire: ['终止', 'Expire'],
  expireAsk: ['终止…', 'Expire…'],
  none: ['无。', 'None.'],
  register: ['登记承诺', 'Register a commitment'],
  customerCode: ['客户编码', 'Customer code'],
  customerName: ['客户名称', 'Customer name'],
  product: ['产品', 'Product'],
  service: ['服务', 'Service'],
  subjectName: ['产品 / 服务名称', 'Product or service name'],
  model: ['型号（选填）', 'Model (optional)'],
  content: ['承诺内容', 'What is promised'],
  responseHours: [
    '响应时限（工作小时，仅服务响应）',
    'Response within working hours (service response only)',
  ],
  validFrom: ['生效日期', 'Valid from'],
  validUntil: ['截止日期', 'Valid until'],
  registered: ['已为 {code} 登记。', 'Registered for {code}.'],
  registerButton: ['登记', 'Register'],
  expiring: ['30 天内到期', 'Expiring within 30 days'],
  breached: ['已违约', 'Breached'],
  find: ['查找承诺', 'Find commitments'],
  foundOf: ['{code} 的承诺', 'Commitments of {code}'],
  active: ['有效', 'Active'],
  expired: ['已终止', 'Expired'],
  quality: ['质量', 'Quality'],
  service_response: ['服务响应', 'Service response'],
  delivery: ['交付', 'Delivery'],
} as const;

type TextKey = keyof typeof TEXT;

function mt(key: TextKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  const text: string = TEXT[key][lang === 'en' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

const CODE_WORDS = new Map<string, readonly [string, string]>(
  (['active', 'expired', ...COMMITMENT_TYPES] as const).map((code) => [code, TEXT[code]]),
);

/** A commitment type or status in words; an unknown code (a newer API) shows as a dash, never raw. */
function codeWords(code: string, lang: Lang): string {
  return CODE_WORDS.get(code)?.[lang === 'en' ? 1 : 0] ?? '—';
}

/** Commitments as rows; managers (and admins) may expire an active one, with a reason. */
function CommitmentTable({
  caption,
  testId,
  items,
  mayManage,
  headers,
  onDone,
  lang,
}: {
  caption: string;
  testId: string;
  items: readonly Commitment[];
  mayManage: boolean;
  headers: Record<string, string>;
  onDone: () => void;
  lang: Lang;
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
          <th>${mt('customer', lang)}</th>
          <th>${mt('subject', lang)}</th>
          <th>${mt('type', lang)}</th>
          <th>${mt('promise', lang)}</th>
          <th>${mt('valid', lang)}</th>
          <th>${mt('owner', lang)}</th>
          <th>${mt('status', lang)}</th>
          ${mayManage ? html`<th>${mt('action', lang)}</th>` : null}
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (c) =>
            html`<tr>
              <td>${mt('customerOf', lang, { name: c.customerName, code: c.customerId })}</td>
              <td>${c.subject.name}${c.subject.model ? ` ${c.subject.model}` : ''}</td>
              <td>${codeWords(c.type, lang)}</td>
              <td>${c.content}</td>
              <td>${c.validFrom} – ${c.validUntil}</td>
              <td>${c.ownerId}</td>
              <td>
                ${codeWords(c.status, lang)}${c.breaches.length ? html` · <span class="badge sla breached">${mt('breachedN', lang, { n: c.breaches.length })}</span>` : null}
              </td>
              ${
                mayManage
                  ? html`<td>
                      ${
                        c.status !== 'active'
                          ? '—'
                          : expiring === c.id
                            ? html`<form class="actions" onSubmit=${(e: Event) => expire(e, c)}>
                                <label for=${`expire-${testId}-${c.id}`}>${mt('reason', lang)}</label>
                                <input
                                  id=${`expire-${testId}-${c.id}`}
                                  required
                                  value=${reason}
                                  onInput=${(e: Event) => setReason(valueOf(e))}
                                />
                                <button type="submit">${mt('expire', lang)}</button>
                              </form>`
                            : html`<button type="button" class="secondary" onClick=${() => setExpiring(c.id)}>
                                ${mt('expireAsk', lang)}
                              </button>`
                      }
                    </td>`
                  : null
              }
            </tr>`,
        )}
      </tbody>
    </table>
    ${items.length === 0 ? html`<p>${mt('none', lang)}</p>` : null}
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
  lang,
}: {
  headers: Record<string, string>;
  onRegistered: (customerId: string) => void;
  lang: Lang;
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
  return html`<form class="card" onSubmit=${submit} aria-label=${mt('register', lang)}>
    <h3>${mt('register', lang)}</h3>
    ${field('customerId', mt('customerCode', lang))} ${field('customerName', mt('customerName', lang))}
    ${choice('subjectKind', mt('subject', lang), [
      ['product', mt('product', lang)],
      ['service', mt('service', lang)],
    ])}
    ${field('subjectName', mt('subjectName', lang))} ${field('model', mt('model', lang), 'text', false)}
    ${choice(
      'type',
      mt('type', lang),
      COMMITMENT_TYPES.map((t) => [t, mt(t, lang)] as const),
    )}
    ${field('content', mt('content', lang))}
    ${field('responseHours', mt('responseHours', lang), 'number', false)}
    ${field('validFrom', mt('validFrom', lang), 'date')}
    ${field('validUntil', mt('validUntil', lang), 'date')} ${field('ownerId', mt('owner', lang))}
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${registered ? html`<p class="notice" role="status">${mt('registered', lang, { code: registered })}</p>` : null}
    <p><button type="submit">${mt('registerButton', lang)}</button></p>
  </form>`;
}

/**
 * The commitments registry (承诺): what is expiring within 30 days or breached, a customer's commitments,
 * and for managers the forms to register and expire them.
 */
export function Commitments({
  roles,
  headers,
  lang,
}: {
  roles: readonly string[];
  headers: Record<string, string>;
  lang: Lang;
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
      <h2>${mt('title', lang)}</h2>
      ${
        overview
          ? (
              [
                [mt('expiring', lang), 'commitments-expiring', overview.expiring],
                [mt('breached', lang), 'commitments-breached', overview.breached],
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
                  lang=${lang}
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
        <label for="commitment-customer">${mt('customerCode', lang)}</label>
        <input id="commitment-customer" value=${customer} onInput=${(e: Event) => setCustomer(valueOf(e))} />
        <button type="submit">${mt('find', lang)}</button>
      </form>
      ${error ? html`<p class="error" role="alert">${error}</p>` : null}
      ${
        found
          ? html`<${CommitmentTable}
              caption=${mt('foundOf', lang, { code: customer.trim().toUpperCase() })}
              testId="commitments-found"
              items=${found}
              mayManage=${mayManage}
              headers=${headers}
              onDone=${reload}
              lang=${lang}
            />`
          : null
      }
    </div>
    ${
      mayManage
        ? html`<${RegisterCommitment}
            headers=${headers}
            lang=${lang}
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
