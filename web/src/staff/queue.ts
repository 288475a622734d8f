import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { request, type ApiResult } from '../api.js';
import { valueOf } from '../dom.js';
import { CLOCK_LABELS, STATUS_LABELS, label, shortDate, yuan, type Lang } from '../i18n.js';
import { PageSchema, type QueueChoices, type Row } from './schemas.js';
import { qt, type QueueTextKey } from './queue-texts.js';
import { ClaimLink } from './claim-link.js';
import { CUSTOMER_RESPONSE_LABELS } from '../../../shared/domain/labels.js';

type Page = { items: Row[]; cursor?: string | undefined };

/** How often the queue asks whether its first page changed (issue 17: about every 30 s). */
const POLL_MS = 30_000;
const PAGE_SIZE = '50';
const SLA_FILTERS = ['breached', 'due_soon', 'paused'] as const;
const SLA_STATES = ['breached', 'due_soon', 'paused', 'on_time'] as const;
const DAY_MS = 86_400_000;

/** The queue's filters as the URL's query holds them, so Back, reload, bookmarks and new tabs keep them. */
interface QueueFilters {
  readonly status: string;
  readonly unit: string;
  /** '', 'me', 'none' or a staff id. */
  readonly assignee: string;
  readonly sla: string;
  readonly order: 'newest' | 'oldest';
  /** A search term (number, phone, email or order); while set, the filters do not apply. */
  readonly q: string;
}

const FILTER_KEYS = ['status', 'unit', 'assignee', 'sla', 'order', 'q'] as const;

function filtersFromUrl(search: string): QueueFilters {
  const p = new URLSearchParams(search);
  const get = (k: string) => p.get(k)?.trim() ?? '';
  const sla = get('sla');
  return {
    status: get('status') in STATUS_LABELS ? get('status') : '',
    unit: get('unit'),
    assignee: get('assignee'),
    sla: SLA_FILTERS.some((s) => s === sla) ? sla : '',
    order: get('order') === 'oldest' ? 'oldest' : 'newest',
    q: get('q'),
  };
}

/** The URL's query with these filters (defaults left out), keeping what else it holds (the language). */
function urlWithFilters(filters: QueueFilters): string {
  const p = new URLSearchParams(location.search);
  for (const k of FILTER_KEYS) p.delete(k);
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (v !== '' && !(k === 'order' && v === 'newest')) p.set(k, v);
  }
  const query = p.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

/** Which search a term is: a claim number, an email, a phone number, else an order number. */
function searchParams(term: string): Record<string, string> {
  if (/^CLM-/i.test(term)) return { number: term };
  if (/@/.test(term)) return { email: term };
  if (/^[+\d][\d\s-]{5,}$/.test(term)) return { phone: term };
  return { order: term };
}

function pathOf(f: QueueFilters, cursor?: string): string {
  const query: Record<string, string> = f.q
    ? { ...searchParams(f.q), limit: PAGE_SIZE }
    : {
        limit: PAGE_SIZE,
        order: f.order,
        ...(f.status ? { status: f.status } : {}),
        ...(f.unit ? { unit: f.unit } : {}),
        ...(f.assignee ? { assignee: f.assignee } : {}),
        ...(f.sla ? { sla: f.sla } : {}),
      };
  return `/staff/${f.q ? 'search' : 'claims'}?${new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) })}`;
}

/** The error in words of the language (the API's own message is English). */
function failure(r: ApiResult, lang: Lang): string {
  const why: QueueTextKey = r.status === 403 ? 'forbidden' : r.status === 400 ? 'invalid' : 'tryLater';
  return qt('failed', lang, { why: qt(why, lang) });
}

/** What, of a row, makes it "updated" for the refresh notice. */
function signature(r: Row): string {
  return [r.status, r.slaState, r.assigneeId, r.severity, r.urgency, r.unitId].join('|');
}

/** Rows of `fresh` that are new, or changed, against what is shown. */
function changedCount(shown: readonly Row[], fresh: readonly Row[]): number {
  const known = new Map(shown.map((r) => [r.id, signature(r)]));
  return fresh.filter((r) => known.get(r.id) !== signature(r)).length;
}

function age(receivedAt: string, lang: Lang, now: number): string {
  const days = Math.floor((now - Date.parse(receivedAt)) / DAY_MS);
  if (days <= 0) return qt('today', lang);
  return days === 1 ? qt('oneDay', lang) : qt('days', lang, { n: days });
}

function SlaCell({ row, lang }: { row: Row; lang: Lang }) {
  const state = SLA_STATES.find((s) => s === row.slaState);
  if (state === undefined) return html`<span class="muted">${qt('slaNone', lang)}</span>`;
  const cls = state === 'breached' ? 'breached' : state === 'due_soon' ? 'warning' : 'ok';
  const due = row.sla?.dueAt;
  // Which clock is due first, for the curious (hover); the row stays one line.
  const clock = row.sla?.clock === undefined ? undefined : label(CLOCK_LABELS, row.sla.clock, lang);
  return html`<span class=${`badge sla ${cls}`} data-testid=${`sla-${row.number}`} title=${clock}
    >${qt(state, lang)}${due && state !== 'paused' ? ` · ${qt('dueBy', lang, { at: shortDate(due, lang) })}` : ''}</span
  >`;
}

/**
 * The work queue (issue 17): one language at a time; each row with its SLA state, unit, assignee, age and
 * claimed amount as the API sends them (one request a page); filters and sort done by the API and kept in
 * the URL; the first page re-read every 30 s, changes announced rather than shuffled in under the cursor.
 */
export function Queue({
  headers,
  lang,
  choices,
  onOpen,
}: {
  headers: Record<string, string>;
  lang: Lang;
  choices?: QueueChoices | undefined;
  onOpen: (number: string) => void;
}) {
  const [filters, setFilters] = useState<QueueFilters>(() => filtersFromUrl(location.search));
  const [term, setTerm] = useState(filters.q);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState('');
  const [fresh, setFresh] = useState<{ page: Page; count: number } | null>(null);
  const latest = useRef(0);
  const shown = useRef<Page | null>(null);
  shown.current = page;

  const change = (next: Partial<QueueFilters>) => {
    const f = { ...filters, ...next };
    // Replaced, not pushed: Back leaves the queue rather than stepping through every filter tried.
    history.replaceState(history.state, '', urlWithFilters(f));
    setFilters(f);
  };

  /** The first page of the query (or, with a cursor, the next page appended). */
  const load = (cursor?: string) => {
    const sent = ++latest.current;
    void request('GET', pathOf(filters, cursor), { headers }).then((r) => {
      // Filters changed quickly: only the answer to the last query may fill the table.
      if (sent !== latest.current) return;
      const parsed = PageSchema.safeParse(r.body);
      if (r.status !== 200 || !parsed.success) {
        setError(failure(r, lang));
        if (!cursor) setPage({ items: [] });
        return;
      }
      setError('');
      setFresh(null);
      setPage((before) =>
        cursor && before ? { ...parsed.data, items: [...before.items, ...parsed.data.items] } : parsed.data,
      );
    });
  };
  useEffect(() => load(), [filters, headers]);

  useEffect(() => {
    const timer = setInterval(() => {
      const sent = latest.current;
      void request('GET', pathOf(filters), { headers }).then((r) => {
        const parsed = PageSchema.safeParse(r.body);
        if (sent !== latest.current || r.status !== 200 || !parsed.success) return;
        const count = changedCount(shown.current?.items ?? [], parsed.data.items);
        setFresh(count > 0 ? { page: parsed.data, count } : null);
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [filters, headers]);

  const searching = filters.q !== '';
  const units = choices?.units ?? [];
  const colleagues = choices?.colleagues ?? [];
  const rows = page?.items ?? [];
  const now = Date.now();
  return html`<section class="queue">
    <form
      class="queue-filters"
      aria-label=${qt('filters', lang)}
      role="search"
      onSubmit=${(e: Event) => {
        e.preventDefault();
        change({ q: term.trim() });
      }}
    >
      <label for="status-filter">${qt('status', lang)}</label>
      <select
        id="status-filter"
        value=${filters.status}
        disabled=${searching}
        onChange=${(e: Event) => change({ status: valueOf(e) })}
      >
        <option value="">${qt('allOpen', lang)}</option>
        ${Object.keys(STATUS_LABELS).map((s) => html`<option value=${s}>${label(STATUS_LABELS, s, lang)}</option>`)}
      </select>
      <label for="unit-filter">${qt('unit', lang)}</label>
      <select
        id="unit-filter"
        value=${filters.unit}
        disabled=${searching}
        onChange=${(e: Event) => change({ unit: valueOf(e) })}
      >
        ${units.length === 0 ? html`<option value="">${qt('anyone', lang)}</option>` : null}
        ${units.map(
          (u, i) =>
            html`<option value=${i === 0 ? '' : u.id}>${'\u3000'.repeat(u.depth)}${u.name[lang]}</option>`,
        )}
      </select>
      <label for="assignee-filter">${qt('assignee', lang)}</label>
      <select
        id="assignee-filter"
        value=${filters.assignee}
        disabled=${searching}
        onChange=${(e: Event) => change({ assignee: valueOf(e) })}
      >
        <option value="">${qt('anyone', lang)}</option>
        <option value="me">${qt('me', lang)}</option>
        <option value="none">${qt('unassigned', lang)}</option>
        ${colleagues.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
      </select>
      <label for="sla-filter">${qt('sla', lang)}</label>
      <select
        id="sla-filter"
        value=${filters.sla}
        disabled=${searching}
        onChange=${(e: Event) => change({ sla: valueOf(e) })}
      >
        <option value="">${qt('slaAll', lang)}</option>
        ${SLA_FILTERS.map((s) => html`<option value=${s}>${qt(s, lang)}</option>`)}
      </select>
      <label for="order-filter">${qt('sort', lang)}</label>
      <select
        id="order-filter"
        value=${filters.order}
        disabled=${searching}
        title=${qt('byDeadlineWhy', lang)}
        onChange=${(e: Event) => change({ order: valueOf(e) === 'oldest' ? 'oldest' : 'newest' })}
      >
        <option value="newest">${qt('newest', lang)}</option>
        <option value="oldest">${qt('oldest', lang)}</option>
        <option value="deadline" disabled>${qt('byDeadline', lang)}</option>
      </select>
      <label for="search" class="sr-only">${qt('search', lang)}</label>
      <input
        id="search"
        type="search"
        placeholder=${qt('searchHint', lang)}
        value=${term}
        onInput=${(e: Event) => setTerm(valueOf(e))}
      />
      <button type="submit">${qt('apply', lang)}</button>
      ${
        searching
          ? html`<button
              type="button"
              class="secondary"
              onClick=${() => {
                setTerm('');
                change({ q: '' });
              }}
            >
              ${qt('clear', lang)}
            </button>`
          : null
      }
    </form>
    ${
      fresh
        ? html`<p role="status">
            <button
              type="button"
              class="secondary"
              onClick=${() => {
                setPage(fresh.page);
                setFresh(null);
              }}
            >
              ${qt('fresh', lang, { n: fresh.count })}
            </button>
          </p>`
        : null
    }
    <table class="compact" data-testid="queue">
      <caption>
        <span>${searching ? qt('searching', lang, { term: filters.q }) : qt('caption', lang)}</span>
        ${
          page
            ? html`<span class="count" data-testid="queue-count">
                ${'\u00a0· '}${page.cursor ? qt('shownMore', lang, { n: rows.length }) : qt('shown', lang, { n: rows.length })}</span
              >`
            : null
        }
        ${searching ? html`<span class="muted">${'\u00a0· '}${qt('searchIgnoresFilters', lang)}</span>` : null}
      </caption>
      <thead>
        <tr>
          <th>${qt('number', lang)}</th>
          <th>${qt('status', lang)}</th>
          <th>${qt('sla', lang)}</th>
          <th>${qt('customer', lang)}</th>
          <th>${qt('product', lang)}</th>
          <th>${qt('level', lang)}</th>
          <th class="amount">${qt('amount', lang)}</th>
          <th>${qt('unit', lang)}</th>
          <th>${qt('assignee', lang)}</th>
          <th>${qt('age', lang)}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (c) =>
            html`<tr>
              <td>
                <${ClaimLink} number=${c.number} onOpen=${onOpen} />
                ${c.customerResponse ? html` <span class="badge responded" data-testid=${`responded-${c.number}`}>${label(CUSTOMER_RESPONSE_LABELS, c.customerResponse.what, lang)}</span>` : null}
              </td>
              <td>${label(STATUS_LABELS, c.status, lang)}</td>
              <td><${SlaCell} row=${c} lang=${lang} /></td>
              <td>${c.claimantName}</td>
              <td class="clip" title=${c.productName}>${c.productName}</td>
              <td>
                <span class=${`badge level${c.severity}`}>${qt('levelN', lang, { n: c.severity })}</span>
                ${c.urgency === 'urgent' ? html` <span class="badge urgent">${qt('urgent', lang)}</span>` : null}
              </td>
              <td class="amount">${c.claimedAmountFen === undefined ? '' : yuan(c.claimedAmountFen)}</td>
              <td>${c.unitName?.[lang] ?? c.unitId}</td>
              <td>${c.assigneeName ?? c.assigneeId ?? qt('nobody', lang)}</td>
              <td title=${qt('receivedAt', lang, { at: shortDate(c.receivedAt, lang) })}>
                ${age(c.receivedAt, lang, now)}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${page === null ? html`<p aria-busy="true">${qt('loading', lang)}</p>` : null}
    ${page && rows.length === 0 && !error ? html`<p>${qt('empty', lang)}</p>` : null}
    ${page?.cursor ? html`<p><button type="button" class="secondary" onClick=${() => load(page.cursor)}>${qt('more', lang)}</button></p>` : null}
  </section>`;
}
