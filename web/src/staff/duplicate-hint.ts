import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../api.js';
import { STATUS_LABELS, label, type Lang } from '../i18n.js';
import { PageSchema, type Row } from './schemas.js';

const TEXT = {
  byOrder: ['该订单号已有索赔：', 'This order already has claims: '],
  byPhone: ['该手机号已有索赔：', 'This phone number already has claims: '],
  hint: ['（在新标签页打开，本页已填内容保留）', '(opens in a new tab; what you typed here stays)'],
} as const;

function dt(key: keyof typeof TEXT, lang: Lang): string {
  return TEXT[key][lang === 'en' ? 1 : 0];
}

/** Typing pauses this long before a lookup, so each keystroke does not ask the API. */
const PAUSE_MS = 600;

/** Claims found by one search key while the value is long enough to mean something; [] otherwise. */
function useMatches(
  headers: Record<string, string>,
  key: 'order' | 'phone',
  value: string,
  min: number,
): Row[] {
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    const term = value.trim();
    if (term.length < min) {
      setRows([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void request('GET', `/staff/search?${new URLSearchParams({ [key]: term, limit: '5' })}`, {
        headers,
      }).then((r) => {
        const page = PageSchema.safeParse(r.body);
        if (live) setRows(r.status === 200 && page.success ? page.data.items : []);
      });
    }, PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [headers, key, value, min]);
  return rows;
}

/**
 * "Possible duplicate" while a phone or walk-in claim is typed (issue 17): claims already filed under the
 * order number or the customer's phone, each a link to the claim in a new tab with its status, so the agent
 * can add to the existing claim instead of registering it twice. The API flags duplicates at filing anyway.
 */
export function DuplicateHint({
  headers,
  lang,
  orderNumber,
  phone,
}: {
  headers: Record<string, string>;
  lang: Lang;
  orderNumber: string;
  phone: string;
}) {
  const byOrder = useMatches(headers, 'order', orderNumber, 4);
  const byPhone = useMatches(headers, 'phone', phone.replace(/[\s-]/g, ''), 11);
  const line = (key: 'byOrder' | 'byPhone', rows: readonly Row[]) =>
    rows.length === 0
      ? null
      : html`<p>
          ${dt(key, lang)}
          ${rows.map(
            (r, i) =>
              html`${i > 0 ? (lang === 'en' ? ', ' : '、') : ''}<a
                  href=${`${location.pathname}${location.search}#${encodeURIComponent(r.number)}`}
                  target="_blank"
                  rel="noopener"
                  >${r.number}</a
                >${lang === 'en' ? ` (${label(STATUS_LABELS, r.status, lang)})` : `（${label(STATUS_LABELS, r.status, lang)}）`}`,
          )}
          <span class="hint">${dt('hint', lang)}</span>
        </p>`;
  if (byOrder.length === 0 && byPhone.length === 0) return null;
  return html`<div class="notice" role="status" data-testid="intake-duplicates">
    ${line('byOrder', byOrder)} ${line('byPhone', byPhone)}
  </div>`;
}
