import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { request, type ApiResult } from '../api.js';
import { checkedOf, valueOf } from '../dom.js';
import { CLOCK_LABELS, STATUS_LABELS, label, shortDate, yuan, type Lang } from '../i18n.js';
import { PageSchema, type QueueChoices, type Row } from './schemas.js';
import { qt, type QueueTextKey } from './queue-texts.js';
import { ClaimLink } from './claim-link.js';
import { useCategories } from './categories.js';
import { CUSTOMER_RESPONSE_LABELS } from '../../../shared/domain/labels.js';

type Page = {
  items: Row[];
  cursor?: string | undefined;
  total?: number | undefined;
  capped?: boolean | undefined;
};

/** How often the queue asks whether its first page changed (issue 17: about every 30 s). */
const POLL_MS = 30_000;
const PAGE_SIZE = '50';
const SLA_FILTERS = ['breached', 'due_soon', 'paused'] as const;
const SLA_STATES = ['breached', 'due_soon', 'paused', 'on_time'] as const;
/** The sort select's choices: the API's `sort`, with received time split into its two orders. */
const SORTS = ['deadline', 'severity', 'newest', 'oldest'] as const;
type SortChoice = (typeof SORTS)[number];
const SORT_WORDS: Record<SortChoice, QueueTextKey> = {
  deadline: 'byDeadline',
  severity: 'bySeverity',
  newest: 'newest',
  oldest: 'oldest',
};
const DAY_MS = 86_400_000;

/** The queue's filters as the URL's query holds them, so Back, reload, bookmarks and new tabs keep them. */
interface QueueFilters {
  readonly status: string;
  readonly unit: string;
  /** '', 'me', 'none' or a staff id. */
  readonly assignee: string;
  readonly sla: string;
  readonly category: string;
  /** 'true': only claims the customer responded on (not opened since). */
  readonly responded: string;
  /** 'mine': only plans the caller may approve. */
  readonly approval: string;
  readonly sort: SortChoice;
  /** A search term (number, phone, email or order); while set, the filters do not apply. */
  readonly q: string;
}

const FILTER_KEYS = ['status', 'unit', 'assignee', 'sla', 'category', 'responded', 'approval', 'q'] as const;

function filtersFromUrl(search: string): QueueFilters {
  const p = new URLSearchParams(search);
  const get = (k: string) => p.get(k)?.trim() ?? '';
  const sla = get('sla');
  // As the API says it (sort=received&order=…); a bookmark from before sorts (order=oldest) by received time.
  const sortParam = get('sort') || (get('order') ? 'received' : 'deadline');
  const sort: SortChoice =
    sortParam === 'received'
      ? get('order') === 'oldest'
        ? 'oldest'
        : 'newest'
      : sortParam === 'severity'
        ? 'severity'
        : 'deadline';
  return {
    status: get('status') in STATUS_LABELS ? get('status') : '',
    unit: get('unit'),
    assignee: get('assignee'),
    sla: SLA_FILTERS.some((s) => s === sla) ? sla : '',
    category: get('category'),
    responded: get('responded') === 'true' ? 'true' : '',
    approval: get('approval') === 'mine' ? 'mine' : '',
    sort,
    q: get('q'),
  };
}

/** The API's sort parameters for a choice (the default, next deadline, left out). */
function sortParams(sort: SortChoice): Record<string, string> {
  if (sort === 'deadline') return {};
  return sort === 'severity' ? { sort } : { sort: 'received', order: sort };
}

/** The URL's query with these filters (defaults left out), keeping what else it holds (the language). */
function urlWithFilters(filters: QueueFilters): string {
  const p = new URLSearchParams(location.search);
  for (const k of [...FILTER_KEYS, 'sort', 'order']) p.delete(k);
  for (const k of FILTER_KEYS) if (filters[k] !== '') p.set(k, filters[k]);
  for (const [k, v] of Object.entries(sortParams(filters.sort))) p.set(k, v);
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
  const filters = (
    ['status', 'unit', 'assignee', 'sla', 'category', 'responded', 'approval'] as const
  ).filter((k) => f[k] !== '');
  const query: Record<string, string> = f.q
    ? { ...searchParams(f.q), limit: PAGE_SIZE }
    : { limit: PAGE_SIZE, ...sortParams(f.sort), ...Object.fromEntries(filters.map((k) => [k, f[k]])) };
  return `/staff/${f.q ? 'search' : 'claims'}?${new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) })}`;
}

/** The caption's count: the total of matching rows (and how many are shown), or a search's rows. */
function countWords(page: Page, lang: Lang): string {
  const n = page.items.length;
  if (page.total === undefined) return page.cursor ? qt('shownMore', lang, { n }) : qt('shown', lang, { n });
  return n < page.total
    ? qt('shownOf', lang, { n, total: page.total })
    : qt('shown', lang, { n: page.total });
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

/** One select of the filter bar with its label; `off` while a search is shown (filters do not apply). */
function Filter(props: {
  id: string;
  text: string;
  value: string;
  off: boolean;
  options: readonly (readonly [string, string])[];
  onPick: (value: string) => void;
}) {
  return html`<label for=${props.id}>${props.text}</label>
    <select
      id=${props.id}
      value=${props.value}
      disabled=${props.off}
      onChange=${(e: Event) => props.onPick(valueOf(e))}
    >
      ${props.options.map(([value, words]) => html`<option value=${value}>${words}</option>`)}
    </select>`;
}

/** A filter that is on or off: its box and words as one control of the bar. */
function Toggle(props: {
  id: string;
  text: string;
  on: boolean;
  off: boolean;
  onFlip: (on: boolean) => void;
}) {
  return html`<label class="toggle"
    ><input
      type="checkbox"
      id=${props.id}
      checked=${props.on}
      disabled=${props.off}
      onChange=${(e: Event) => props.onFlip(checkedOf(e))}
    />${props.text}</label
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
  approves = true,
  onOpen,
}: {
  headers: Record<string, string>;
  lang: Lang;
  choices?: QueueChoices | undefined;
  /** Whether the caller's roles may approve at all: the "awaiting my approval" switch only for them. */
  approves?: boolean;
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

  const categories = useCategories(headers);
  const searching = filters.q !== '';
  const units = choices?.units ?? [];
  const colleagues = choices?.colleagues ?? [];
  const rows = page?.items ?? [];
  const now = Date.now();
  /** The bar's selects: what each says, its choices ([value, words]) and what picking one changes. */
  const selects: {
    id: string;
    text: string;
    value: string;
    options: readonly (readonly [string, string])[];
    pick: (value: string) => void;
  }[] = [
    {
      id: 'status',
      text: qt('status', lang),
      value: filters.status,
      options: [
        ['', qt('allOpen', lang)],
        ...Object.keys(STATUS_LABELS).map((s) => [s, label(STATUS_LABELS, s, lang)] as const),
      ],
      pick: (v) => change({ status: v }),
    },
    {
      id: 'unit',
      text: qt('unit', lang),
      value: filters.unit,
      // The caller's own unit is the default (''); the units below it indented by depth.
      options:
        units.length === 0
          ? [['', qt('anyone', lang)]]
          : units.map((u, i) => [i === 0 ? '' : u.id, `${'\u3000'.repeat(u.depth)}${u.name[lang]}`] as const),
      pick: (v) => change({ unit: v }),
    },
    {
      id: 'assignee',
      text: qt('assignee', lang),
      value: filters.assignee,
      options: [
        ['', qt('anyone', lang)],
        ['me', qt('me', lang)],
        ['none', qt('unassigned', lang)],
        ...colleagues.map((c) => [c.id, c.name] as const),
      ],
      pick: (v) => change({ assignee: v }),
    },
    {
      id: 'sla',
      text: qt('sla', lang),
      value: filters.sla,
      options: [['', qt('slaAll', lang)], ...SLA_FILTERS.map((s) => [s, qt(s, lang)] as const)],
      pick: (v) => change({ sla: v }),
    },
    {
      id: 'category',
      text: qt('category', lang),
      value: filters.category,
      options: [
        ['', qt('allCategories', lang)],
        ...(categories ?? []).map((c) => [c.code, c.name[lang]] as const),
      ],
      pick: (v) => change({ category: v }),
    },
    {
      id: 'sort',
      text: qt('sort', lang),
      value: filters.sort,
      options: SORTS.map((s) => [s, qt(SORT_WORDS[s], lang)] as const),
      pick: (v) => change({ sort: SORTS.find((s) => s === v) ?? 'deadline' }),
    },
  ];
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
      ${selects.map(
        (f) =>
          html`<${Filter}
            key=${f.id}
            id=${`${f.id}-filter`}
            text=${f.text}
            value=${f.value}
            off=${searching}
            options=${f.options}
            onPick=${f.pick}
          />`,
      )}
      <${Toggle}
        id="responded-filter"
        text=${qt('responded', lang)}
        on=${filters.responded === 'true'}
        off=${searching}
        onFlip=${(on: boolean) => change({ responded: on ? 'true' : '' })}
      />
      ${
        approves
          ? html`<${Toggle}
              id="approval-filter"
              text=${qt('awaitingMe', lang)}
              on=${filters.approval === 'mine'}
              off=${searching}
              onFlip=${(on: boolean) => change({ approval: on ? 'mine' : '' })}
            />`
          : null
      }
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
            ? html`<span class="count" data-testid="queue-count"
                >${'\u00a0· '}${countWords(page, lang)}</span
              >`
            : null
        }
        ${
          page?.capped && page.total !== undefined
            ? html`<span class="muted" data-testid="queue-capped"
                >${'\u00a0· '}${qt('capped', lang, { total: page.total })}</span
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
