import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import * as z from '../../../shared/zod.js';
import type { HeldMailDetail, HeldMailRow } from '../../../shared/domain/mail/held-mail-view.js';
import { formatInstant } from '../../../shared/domain/shanghai-time.js';
import { problemMessage, request } from '../api.js';
import { valueOf } from '../dom.js';
import type { Lang } from '../i18n.js';

/** The held-mail section's words, [zh-CN, en]: one language at a time. */
const TEXT = {
  caption: ['待核实邮件', 'Held mail'],
  intro: [
    '以下邮件被邮件规则暂扣，没有建为索赔。请逐封查看：确属客户来信的，放行为新索赔或加入已有索赔；否则忽略。',
    'The mail rules held these messages instead of filing them. Read each: release it as a new claim or add it to a claim when a customer wrote it; otherwise dismiss it.',
  ],
  received: ['收到时间', 'Received'],
  from: ['发件人', 'From'],
  subject: ['主题', 'Subject'],
  reasons: ['暂扣原因', 'Why it was held'],
  note: ['说明', 'Note'],
  claim: ['相关索赔', 'Claim named'],
  noClaim: ['无', 'None'],
  noSender: ['（没有发件地址）', '(no sender address)'],
  noSubject: ['（无主题）', '(no subject)'],
  read: ['查看', 'Read'],
  none: ['没有待核实的邮件。', 'No held mail.'],
  more: ['下一页', 'Next page'],
  loading: ['正在加载…', 'Loading…'],
  text: ['邮件正文', 'Message text'],
  noText: ['这封邮件无法读取，只能忽略。', 'This message cannot be read; it can only be dismissed.'],
  attachments: ['附件', 'Attachments'],
  noAttachments: ['没有附件', 'No attachments'],
  release: ['放行为新索赔', 'Release as a new claim'],
  attachTo: ['加入索赔', 'Add to claim'],
  claimNumber: ['索赔编号', 'Claim number'],
  attach: ['加入', 'Add'],
  dismiss: ['忽略', 'Dismiss'],
  working: ['正在处理…', 'Working…'],
  back: ['返回列表', 'Back to the list'],
  released: ['已放行为索赔 {n}。', 'Released as claim {n}.'],
  attached: ['已加入索赔 {n}。', 'Added to claim {n}.'],
  dismissed: ['已忽略这封邮件。', 'Dismissed.'],
  openClaim: ['打开索赔 {n}', 'Open claim {n}'],
} as const;

function ht(key: keyof typeof TEXT, lang: Lang, n = ''): string {
  return TEXT[key][lang === 'en' ? 1 : 0].replace('{n}', n);
}

const RowSchema = z.object({
  sha256: z.string(),
  from: z.nullable(z.string()),
  subject: z.nullable(z.string()),
  receivedAt: z.string(),
  reasons: z.array(z.object({ code: z.string(), words: z.string() })),
  note: z.nullable(z.string()),
  claimNumber: z.nullable(z.string()),
  readable: z.boolean(),
}) satisfies z.ZodMiniType<HeldMailRow>;
const PageSchema = z.object({ items: z.array(RowSchema), cursor: z.optional(z.string()) });
const DetailSchema = z.extend(RowSchema, {
  text: z.nullable(z.string()),
  attachments: z.array(z.object({ name: z.string(), contentType: z.string(), size: z.number() })),
}) satisfies z.ZodMiniType<HeldMailDetail>;
const DoneSchema = z.object({ claimNumber: z.optional(z.string()) });

type Done = { readonly words: string; readonly claimNumber?: string };

/**
 * Held mail (issue 16): messages the mail rules quarantined or could not read, newest first, each read in
 * full and released as a claim, added to a claim, or dismissed. The API decides who sees which.
 */
export function HeldMail({
  headers,
  lang,
  onOpen,
}: {
  headers: Record<string, string>;
  lang: Lang;
  onOpen: (number: string) => void;
}) {
  const [rows, setRows] = useState<readonly HeldMailRow[] | null>(null);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [error, setError] = useState('');
  const [reading, setReading] = useState<HeldMailDetail | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  const load = async (after?: string) => {
    const query = after === undefined ? '' : `?cursor=${encodeURIComponent(after)}`;
    const result = await request('GET', `/staff/held-mail${query}`, { headers });
    const parsed = PageSchema.safeParse(result.body);
    if (result.status !== 200 || !parsed.success) {
      setError(problemMessage(result));
      return;
    }
    setError('');
    setRows((before) => [...(after === undefined ? [] : (before ?? [])), ...parsed.data.items]);
    setCursor(parsed.data.cursor);
  };
  useEffect(() => {
    void load();
  }, [headers]);

  const read = async (sha256: string) => {
    const result = await request('GET', `/staff/held-mail/${sha256}`, { headers });
    const parsed = DetailSchema.safeParse(result.body);
    if (result.status !== 200 || !parsed.success) {
      setError(problemMessage(result));
      return;
    }
    setError('');
    setDone(null);
    setReading(parsed.data);
  };

  if (reading)
    return html`<${HeldMessage}
      mail=${reading}
      headers=${headers}
      lang=${lang}
      onBack=${() => setReading(null)}
      onDone=${(d: Done) => {
        setReading(null);
        setDone(d);
        void load();
      }}
    />`;

  return html`<section aria-labelledby="held-mail-title">
    <h2 id="held-mail-title">${ht('caption', lang)}</h2>
    <p>${ht('intro', lang)}</p>
    ${
      done
        ? html`<p role="status" data-testid="held-done">
            ${done.words}
            ${
              done.claimNumber
                ? html` <button
                    type="button"
                    class="secondary"
                    onClick=${() => onOpen(done.claimNumber ?? '')}
                  >
                    ${ht('openClaim', lang, done.claimNumber)}
                  </button>`
                : null
            }
          </p>`
        : null
    }
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${
      rows === null
        ? html`<p>${ht('loading', lang)}</p>`
        : rows.length === 0
          ? html`<p data-testid="held-none">${ht('none', lang)}</p>`
          : html`<table data-testid="held-mail">
              <caption class="sr-only">
                ${ht('caption', lang)}
              </caption>
              <thead>
                <tr>
                  <th>${ht('received', lang)}</th>
                  <th>${ht('from', lang)}</th>
                  <th>${ht('subject', lang)}</th>
                  <th>${ht('reasons', lang)}</th>
                  <th>${ht('claim', lang)}</th>
                  <th><span class="sr-only">${ht('read', lang)}</span></th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (row) =>
                    html`<tr>
                      <td class="nowrap">${formatInstant(row.receivedAt, lang)}</td>
                      <td>${row.from ?? ht('noSender', lang)}</td>
                      <td>${row.subject || ht('noSubject', lang)}</td>
                      <td>${reasonsInWords(row, lang)}</td>
                      <td>${row.claimNumber ?? ht('noClaim', lang)}</td>
                      <td>
                        <button type="button" class="secondary" onClick=${() => void read(row.sha256)}>
                          ${ht('read', lang)}
                        </button>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
    }
    ${
      cursor !== undefined
        ? html`<button type="button" class="secondary" onClick=${() => void load(cursor)}>
            ${ht('more', lang)}
          </button>`
        : null
    }
  </section>`;
}

function reasonsInWords(row: HeldMailRow, lang: Lang): string {
  return row.reasons.map((r) => r.words).join(lang === 'en' ? '; ' : '；');
}

/** One held message in full, with the three ways to settle it. */
function HeldMessage({
  mail,
  headers,
  lang,
  onBack,
  onDone,
}: {
  mail: HeldMailDetail;
  headers: Record<string, string>;
  lang: Lang;
  onBack: () => void;
  onDone: (done: Done) => void;
}) {
  const [claimNumber, setClaimNumber] = useState(mail.claimNumber ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const settle = async (action: 'release' | 'attach' | 'dismiss', body: unknown = {}) => {
    setBusy(true);
    const result = await request('POST', `/staff/held-mail/${mail.sha256}/${action}`, { headers, body });
    setBusy(false);
    const parsed = DoneSchema.safeParse(result.body);
    if (result.status !== 200 || !parsed.success) {
      setError(problemMessage(result));
      return;
    }
    const number = parsed.data.claimNumber ?? '';
    onDone(
      action === 'dismiss'
        ? { words: ht('dismissed', lang) }
        : {
            words: ht(action === 'release' ? 'released' : 'attached', lang, number),
            claimNumber: number,
          },
    );
  };
  return html`<section aria-labelledby="held-message-title" data-testid="held-message">
    <button type="button" class="secondary" onClick=${onBack}>${ht('back', lang)}</button>
    <h2 id="held-message-title">${mail.subject || ht('noSubject', lang)}</h2>
    <dl class="facts">
      <dt>${ht('from', lang)}</dt>
      <dd>${mail.from ?? ht('noSender', lang)}</dd>
      <dt>${ht('received', lang)}</dt>
      <dd>${formatInstant(mail.receivedAt, lang)}</dd>
      <dt>${ht('reasons', lang)}</dt>
      <dd>${reasonsInWords(mail, lang)}</dd>
      ${
        mail.note
          ? html`<dt>${ht('note', lang)}</dt>
              <dd>${mail.note}</dd>`
          : null
      }
      <dt>${ht('claim', lang)}</dt>
      <dd>${mail.claimNumber ?? ht('noClaim', lang)}</dd>
      <dt>${ht('attachments', lang)}</dt>
      <dd>
        ${
          mail.attachments.length === 0
            ? ht('noAttachments', lang)
            : mail.attachments.map((a) => a.name).join(lang === 'en' ? ', ' : '、')
        }
      </dd>
    </dl>
    <h3>${ht('text', lang)}</h3>
    ${
      mail.text === null
        ? html`<p>${ht('noText', lang)}</p>`
        : html`<pre class="mail-text" data-testid="held-text">${mail.text}</pre>`
    }
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <div class="actions">
      ${
        mail.readable
          ? html`<button type="button" disabled=${busy} onClick=${() => void settle('release')}>
              ${busy ? ht('working', lang) : ht('release', lang)}
            </button>`
          : null
      }
      <button type="button" class="secondary" disabled=${busy} onClick=${() => void settle('dismiss')}>
        ${busy ? ht('working', lang) : ht('dismiss', lang)}
      </button>
    </div>
    ${
      mail.readable
        ? html`<form
            class="actions"
            aria-label=${ht('attachTo', lang)}
            onSubmit=${(e: Event) => {
              e.preventDefault();
              void settle('attach', { claimNumber: claimNumber.trim() });
            }}
          >
            <label for="held-claim-number">${ht('attachTo', lang)} · ${ht('claimNumber', lang)}</label>
            <input
              id="held-claim-number"
              required
              value=${claimNumber}
              onInput=${(e: Event) => setClaimNumber(valueOf(e))}
            />
            <button type="submit" class="secondary" disabled=${busy}>
              ${busy ? ht('working', lang) : ht('attach', lang)}
            </button>
          </form>`
        : null
    }
  </section>`;
}
