import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { request } from '../api.js';
import { valueOf } from '../dom.js';
import { CATEGORY_LABELS, STATUS_LABELS, label, type Lang } from '../i18n.js';
import { DetailSchema, PageSchema, type Clocks } from './schemas.js';
import { SlaBadges } from './sla-badges.js';

/**
 * The queue's summaries carry no clocks, so each row reads its claim's clocks (one GET per visible row; the
 * API computes them in working time, the page only formats them).
 */
function QueueSla({
  number,
  headers,
  lang,
}: {
  number: string;
  headers: Record<string, string>;
  lang: Lang;
}) {
  const [clocks, setClocks] = useState<Clocks | null>(null);
  useEffect(() => {
    void request('GET', `/staff/claims/${encodeURIComponent(number)}`, { headers }).then((r) => {
      const parsed = DetailSchema.safeParse(r.body);
      setClocks(parsed.success ? (parsed.data.claim.clocks ?? {}) : {});
    });
  }, [number, headers]);
  if (clocks === null) return html`<span aria-busy="true">…</span>`;
  return html`<${SlaBadges} clocks=${clocks} lang=${lang} testId=${`sla-${number}`} />`;
}

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
  const [search, setSearch] = useState('');
  const [page, setPage] = useState<z.infer<typeof PageSchema> | null>(null);
  const load = () => {
    const term = search.trim();
    const path = term
      ? `/staff/search?${new URLSearchParams(/^CLM-/i.test(term) ? { number: term } : /@/.test(term) ? { email: term } : /^[+\d][\d\s-]{5,}$/.test(term) ? { phone: term } : { order: term })}`
      : `/staff/claims?${new URLSearchParams(status ? { status, limit: '50' } : { limit: '50' })}`;
    void request('GET', path, { headers }).then((r) => {
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
              <td><${QueueSla} number=${c.number} headers=${headers} lang=${lang} /></td>
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
