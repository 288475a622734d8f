import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as z from '../../../shared/zod.js';
import { problemMessage, request } from '../api.js';
import { checkedOf, valueOf } from '../dom.js';
import { STATUS_LABELS, label, type Lang } from '../i18n.js';
import { categoryLabel, useCategories } from './categories.js';
import { DetailSchema, PageSchema, type Clocks } from './schemas.js';
import { SlaBadges, worstSlaState } from './sla-badges.js';

type Page = z.infer<typeof PageSchema>;
type SlaFilter = '' | 'attention' | 'breached';

/** Which search a term is: a claim number, an email, a phone number, else an order number. */
function searchParams(term: string): Record<string, string> {
  if (/^CLM-/i.test(term)) return { number: term };
  if (/@/.test(term)) return { email: term };
  if (/^[+\d][\d\s-]{5,}$/.test(term)) return { phone: term };
  return { order: term };
}

/**
 * The queue's summaries carry no clocks, so the page reads each listed claim's clocks (one GET per row, at
 * most 50 a page; the API computes them in working time, the page only formats and filters them).
 */
function useRowClocks(items: Page['items'], headers: Record<string, string>) {
  const [clocks, setClocks] = useState<Record<string, Clocks>>({});
  useEffect(() => {
    for (const { number } of items) {
      if (clocks[number] !== undefined) continue;
      void request('GET', `/staff/claims/${encodeURIComponent(number)}`, { headers }).then((r) => {
        const parsed = DetailSchema.safeParse(r.body);
        const found = parsed.success ? (parsed.data.claim.clocks ?? {}) : {};
        setClocks((known) => ({ ...known, [number]: found }));
      });
    }
  }, [items, headers]);
  return clocks;
}

/**
 * The work queue with the API's filters (status, unit and below, assigned to me, oldest or newest first,
 * more pages by cursor), search by number, phone, email or order, and an SLA filter over the listed rows.
 */
export function Queue({
  headers,
  lang,
  onOpen,
}: {
  headers: Record<string, string>;
  lang: Lang;
  onOpen: (number: string) => void;
}) {
  const [status, setStatus] = useState('');
  const [unit, setUnit] = useState('');
  const [mine, setMine] = useState(false);
  const [order, setOrder] = useState('newest');
  const [sla, setSla] = useState<SlaFilter>('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState('');
  const clocks = useRowClocks(page?.items ?? [], headers);
  const categories = useCategories(headers);
  const latest = useRef(0);
  /** The query as the filters stand; with a cursor, the next page of the same query is appended. */
  const load = (cursor?: string) => {
    const term = search.trim();
    const query: Record<string, string> = term
      ? searchParams(term)
      : {
          limit: '50',
          order,
          // The API reads assigned claims from their own index, which ignores status and unit.
          ...(mine ? { assignee: 'me' } : {}),
          ...(!mine && status ? { status } : {}),
          ...(!mine && unit.trim() ? { unit: unit.trim() } : {}),
        };
    const path = `/staff/${term ? 'search' : 'claims'}?${new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) })}`;
    const sent = ++latest.current;
    void request('GET', path, { headers }).then((r) => {
      // Filters changed quickly: only the answer to the last query may fill the table.
      if (sent !== latest.current) return;
      const parsed = PageSchema.safeParse(r.body);
      if (r.status !== 200 || !parsed.success) {
        setError(problemMessage(r));
        if (!cursor) setPage({ items: [] });
        return;
      }
      setError('');
      setPage((before) =>
        cursor && before ? { ...parsed.data, items: [...before.items, ...parsed.data.items] } : parsed.data,
      );
    });
  };
  useEffect(() => load(), [status, mine, order]);
  const now = Date.now();
  const rows = (page?.items ?? []).filter((c) => {
    if (sla === '') return true;
    const row = clocks[c.number];
    const worst = row === undefined ? null : worstSlaState(row, now);
    return sla === 'breached' ? worst === 'breached' : worst === 'breached' || worst === 'warning';
  });
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
      <select
        id="status-filter"
        value=${status}
        disabled=${mine}
        onChange=${(e: Event) => setStatus(valueOf(e))}
      >
        <option value="">All open 全部未结</option>
        ${Object.keys(STATUS_LABELS).map((s) => html`<option value=${s}>${label(STATUS_LABELS, s, lang)}</option>`)}
      </select>
      <label for="unit-filter">Unit and below 单位及下级</label>
      <input
        id="unit-filter"
        placeholder="HQ / EAST / …"
        size="10"
        value=${unit}
        disabled=${mine}
        onInput=${(e: Event) => setUnit(valueOf(e))}
      />
      <label class="choice"
        ><input type="checkbox" checked=${mine} onChange=${(e: Event) => setMine(checkedOf(e))} /> Assigned to
        me 分派给我</label
      >
      <label for="order-filter">Order 排序</label>
      <select id="order-filter" value=${order} onChange=${(e: Event) => setOrder(valueOf(e))}>
        <option value="newest">Newest first 最新</option>
        <option value="oldest">Oldest first 最早</option>
      </select>
      <label for="sla-filter">SLA 时限</label>
      <select
        id="sla-filter"
        value=${sla}
        onChange=${(e: Event) => {
          const v = valueOf(e);
          setSla(v === 'attention' || v === 'breached' ? v : '');
        }}
      >
        <option value="">All 全部</option>
        <option value="attention">Due soon or breached 即将到期或超时</option>
        <option value="breached">Breached 已超时</option>
      </select>
      <label for="search">Search 搜索</label>
      <input
        id="search"
        placeholder="CLM-… / phone / email / order"
        value=${search}
        onInput=${(e: Event) => setSearch(valueOf(e))}
      />
      <button type="submit">Apply 查询</button>
    </form>
    <table>
      <caption>
        ${lang === 'en' ? 'Work queue' : '工作队列'}
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
        ${rows.map(
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
              <td>
                ${
                  clocks[c.number] === undefined
                    ? html`<span aria-busy="true">…</span>`
                    : html`<${SlaBadges}
                        clocks=${clocks[c.number]}
                        lang=${lang}
                        testId=${`sla-${c.number}`}
                      />`
                }
              </td>
              <td>${c.claimantName}</td>
              <td>${c.productName}</td>
              <td>${categoryLabel(categories, c.category, lang)}</td>
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
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${page && rows.length === 0 ? html`<p>No claims here. 暂无索赔。</p>` : null}
    ${page?.cursor ? html`<p><button type="button" class="secondary" onClick=${() => load(page.cursor)}>More 更多</button></p>` : null}
  </section>`;
}
