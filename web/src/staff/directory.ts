import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { STAFF_ROLE_LABELS, label } from '../../../shared/domain/labels.js';
import { STAFF_ROLES, type StaffRole } from '../../../shared/domain/lifecycle.js';
import { StaffMemberSchema, type StaffMember } from '../../../shared/domain/staff-directory.js';
import * as z from '../../../shared/zod.js';
import { ApiErrorSchema, request } from '../api.js';
import { checkedOf, valueOf } from '../dom.js';
import { yuan, type Lang } from '../i18n.js';
import { dt, refusalWords } from './directory-texts.js';
import { yuanToFen } from './yuan-input.js';

const ListSchema = z.object({ items: z.array(StaffMemberSchema) });
const ReasonSchema = z.object({ error: z.object({ reason: z.optional(z.string()) }) });

interface Draft {
  id: string;
  name: string;
  email: string;
  phone: string;
  unitId: string;
  roles: StaffRole[];
  limit: string;
  onLeave: boolean;
  deputyId: string;
}

const EMPTY: Draft = {
  id: '',
  name: '',
  email: '',
  phone: '',
  unitId: '',
  roles: ['agent'],
  limit: '',
  onLeave: false,
  deputyId: '',
};

function draftOf(m: StaffMember): Draft {
  return {
    id: m.id,
    name: m.name,
    email: m.email,
    phone: m.phone ?? '',
    unitId: m.unitId,
    roles: [...m.roles],
    limit: m.approvalLimitFen === undefined ? '' : (m.approvalLimitFen / 100).toFixed(2),
    onLeave: m.onLeave,
    deputyId: m.deputyId ?? '',
  };
}

/**
 * The staff directory for administrators (issue 15): search by name, email or id and by unit, add,
 * edit (roles, unit, limit, leave and deputy) and deactivate. Refusals are shown in the reader's words.
 */
export function StaffDirectoryPage({ headers, lang }: { headers: Record<string, string>; lang: Lang }) {
  const [q, setQ] = useState('');
  const [unit, setUnit] = useState('');
  const [all, setAll] = useState(false);
  const [items, setItems] = useState<StaffMember[]>([]);
  const [everyone, setEveryone] = useState<StaffMember[]>([]);
  const [editing, setEditing] = useState<StaffMember | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  const load = async () => {
    const query = new URLSearchParams();
    if (q.trim()) query.set('q', q.trim());
    if (unit.trim()) query.set('unitId', unit.trim().toUpperCase());
    if (all) query.set('all', 'true');
    const [found, whole] = await Promise.all([
      request('GET', `/staff/admin/staff?${query}`, { headers }),
      request('GET', '/staff/admin/staff', { headers }),
    ]);
    const parsed = ListSchema.safeParse(found.body);
    const wholeParsed = ListSchema.safeParse(whole.body);
    setItems(parsed.success ? parsed.data.items : []);
    setEveryone(wholeParsed.success ? wholeParsed.data.items : []);
    setError(found.status === 200 && parsed.success ? '' : refusalWords(found.status, null, {}, lang));
  };
  useEffect(() => {
    void load();
  }, [headers]);

  const nameOf = (id: string | undefined) => everyone.find((m) => m.id === id)?.name ?? id ?? '';
  const statusOf = (m: StaffMember) =>
    !m.active
      ? dt('inactive', lang)
      : m.onLeave
        ? m.deputyId
          ? dt('onLeaveDeputy', lang, { deputy: nameOf(m.deputyId) })
          : dt('onLeave', lang)
        : dt('active', lang);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });

  const refused = (status: number, body: unknown, sent: Draft) => {
    const problem = ApiErrorSchema.safeParse(body);
    const reason = ReasonSchema.safeParse(body);
    setError(
      refusalWords(
        status,
        problem.success
          ? {
              reason: reason.success ? reason.data.error.reason : undefined,
              issues: problem.data.error.issues,
            }
          : null,
        sent,
        lang,
      ),
    );
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setDone('');
    const limitFen = draft.limit.trim() === '' ? null : yuanToFen(draft.limit);
    if (draft.limit.trim() !== '' && limitFen === null) {
      setError(dt('limitInvalid', lang));
      return;
    }
    if (draft.roles.length === 0) {
      setError(dt('pickRole', lang));
      return;
    }
    const fields = {
      name: draft.name,
      email: draft.email.trim(),
      unitId: draft.unitId.trim().toUpperCase(),
      roles: draft.roles,
      onLeave: draft.onLeave,
    };
    const result =
      editing === 'new'
        ? await request('POST', '/staff/admin/staff', {
            headers,
            body: {
              ...fields,
              ...(draft.id.trim() ? { id: draft.id.trim() } : {}),
              ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
              ...(limitFen !== null ? { approvalLimitFen: limitFen } : {}),
              ...(draft.deputyId ? { deputyId: draft.deputyId } : {}),
            },
          })
        : await request('PATCH', `/staff/admin/staff/${encodeURIComponent(editing?.id ?? '')}`, {
            headers,
            body: {
              ...fields,
              expectedVersion: editing?.version ?? 0,
              phone: draft.phone.trim() || null,
              approvalLimitFen: limitFen,
              deputyId: draft.deputyId || null,
            },
          });
    if (result.status !== 200 && result.status !== 201) {
      refused(result.status, result.body, { ...draft, unitId: fields.unitId });
      return;
    }
    setError('');
    setEditing(null);
    setDone(dt('saved', lang, { name: draft.name }));
    await load();
  };

  const deactivate = async (m: StaffMember) => {
    if (!confirm(dt('confirmDeactivate', lang, { name: m.name }))) return;
    const result = await request('POST', `/staff/admin/staff/${encodeURIComponent(m.id)}/deactivate`, {
      headers,
      body: { expectedVersion: m.version },
    });
    if (result.status !== 200) {
      refused(result.status, result.body, draftOf(m));
      return;
    }
    setError('');
    setDone(dt('deactivated', lang, { name: m.name }));
    await load();
  };

  const deputies = everyone.filter((m) => m.active && (editing === 'new' || m.id !== editing?.id));
  const form =
    editing === null
      ? null
      : html`<form class="card" onSubmit=${save} aria-labelledby="staff-form-title">
          <h3 id="staff-form-title">
            ${editing === 'new' ? dt('addTitle', lang) : dt('editTitle', lang, { name: editing.name })}
          </h3>
          ${
            editing === 'new'
              ? html`<label for="staff-id">${dt('id', lang)}</label>
                  <input id="staff-id" value=${draft.id} onInput=${(e: Event) => set('id', valueOf(e))} />
                  <p class="hint">${dt('idHint', lang)}</p>`
              : null
          }
          <label for="staff-name">${dt('name', lang)}</label>
          <input
            id="staff-name"
            required
            value=${draft.name}
            onInput=${(e: Event) => set('name', valueOf(e))}
          />
          <label for="staff-email">${dt('email', lang)}</label>
          <input
            id="staff-email"
            type="email"
            required
            value=${draft.email}
            onInput=${(e: Event) => set('email', valueOf(e))}
          />
          <label for="staff-phone">${dt('phone', lang)}</label>
          <input id="staff-phone" value=${draft.phone} onInput=${(e: Event) => set('phone', valueOf(e))} />
          <label for="staff-unit">${dt('unit', lang)}</label>
          <input
            id="staff-unit"
            required
            value=${draft.unitId}
            onInput=${(e: Event) => set('unitId', valueOf(e))}
          />
          <fieldset>
            <legend>${dt('roles', lang)}</legend>
            ${STAFF_ROLES.map(
              (role) =>
                html`<label class="choice"
                  ><input
                    type="checkbox"
                    checked=${draft.roles.includes(role)}
                    onChange=${(e: Event) =>
                      set(
                        'roles',
                        checkedOf(e) ? [...draft.roles, role] : draft.roles.filter((r) => r !== role),
                      )}
                  />
                  ${label(STAFF_ROLE_LABELS, role, lang)}</label
                >`,
            )}
          </fieldset>
          <label for="staff-limit">${dt('limit', lang)}</label>
          <input
            id="staff-limit"
            inputmode="decimal"
            value=${draft.limit}
            onInput=${(e: Event) => set('limit', valueOf(e))}
          />
          <p class="hint">${dt('limitHint', lang)}</p>
          <label class="choice"
            ><input
              type="checkbox"
              checked=${draft.onLeave}
              onChange=${(e: Event) => set('onLeave', checkedOf(e))}
            />
            ${dt('onLeave', lang)}</label
          >
          <label for="staff-deputy">${dt('deputy', lang)}</label>
          <select
            id="staff-deputy"
            value=${draft.deputyId}
            onChange=${(e: Event) => set('deputyId', valueOf(e))}
          >
            <option value="">${dt('noDeputy', lang)}</option>
            ${deputies.map((m) => html`<option value=${m.id}>${m.name} · ${m.unitId}</option>`)}
          </select>
          <div class="actions">
            <button type="submit">${dt('save', lang)}</button>
            <button type="button" class="secondary" onClick=${() => setEditing(null)}>
              ${dt('cancel', lang)}
            </button>
          </div>
        </form>`;

  return html`<section aria-labelledby="staff-directory-title">
    <h2 id="staff-directory-title">${dt('section', lang)}</h2>
    <form
      role="search"
      aria-label=${dt('find', lang)}
      onSubmit=${(e: Event) => {
        e.preventDefault();
        void load();
      }}
    >
      <div class="row">
        <div>
          <label for="staff-q">${dt('search', lang)}</label>
          <input id="staff-q" value=${q} onInput=${(e: Event) => setQ(valueOf(e))} />
        </div>
        <div>
          <label for="staff-unit-filter">${dt('unit', lang)}</label>
          <input id="staff-unit-filter" value=${unit} onInput=${(e: Event) => setUnit(valueOf(e))} />
        </div>
      </div>
      <div class="actions">
        <label class="choice"
          ><input type="checkbox" checked=${all} onChange=${(e: Event) => setAll(checkedOf(e))} />
          ${dt('showInactive', lang)}</label
        >
        <button type="submit">${dt('find', lang)}</button>
        <button
          type="button"
          class="secondary"
          onClick=${() => {
            setDraft(EMPTY);
            setError('');
            setEditing('new');
          }}
        >
          ${dt('add', lang)}
        </button>
      </div>
    </form>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${done ? html`<p role="status">${done}</p>` : null} ${form}
    <table data-testid="staff-directory">
      <caption>
        ${dt('caption', lang)}
      </caption>
      <thead>
        <tr>
          <th>${dt('name', lang)}</th>
          <th>${dt('email', lang)}</th>
          <th>${dt('phone', lang)}</th>
          <th>${dt('unit', lang)}</th>
          <th>${dt('roles', lang)}</th>
          <th>${dt('limit', lang)}</th>
          <th>${dt('status', lang)}</th>
          <th>${dt('actions', lang)}</th>
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (m) =>
            html`<tr data-testid=${`staff-${m.id}`}>
              <td>${m.name}</td>
              <td>${m.email}</td>
              <td>${m.phone ?? ''}</td>
              <td>${m.unitId}</td>
              <td>${m.roles.map((r) => label(STAFF_ROLE_LABELS, r, lang)).join('、')}</td>
              <td class="amount">
                ${m.approvalLimitFen === undefined ? dt('byRole', lang) : yuan(m.approvalLimitFen)}
              </td>
              <td>${statusOf(m)}</td>
              <td>
                <div class="actions">
                  <button
                    type="button"
                    class="secondary"
                    aria-label=${`${dt('edit', lang)} ${m.name}`}
                    onClick=${() => {
                      setDraft(draftOf(m));
                      setError('');
                      setEditing(m);
                    }}
                  >
                    ${dt('edit', lang)}
                  </button>
                  ${
                    m.active
                      ? html`<button
                          type="button"
                          class="secondary"
                          aria-label=${`${dt('deactivate', lang)} ${m.name}`}
                          onClick=${() => void deactivate(m)}
                        >
                          ${dt('deactivate', lang)}
                        </button>`
                      : null
                  }
                </div>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${items.length === 0 ? html`<p>${dt('none', lang)}</p>` : null}
  </section>`;
}
