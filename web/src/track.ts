import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { request } from './api.js';
import { valueOf } from './dom.js';
import { ACTION_LABELS, STATUS_LABELS, currentLang, label, switchLangHref, t, type Lang } from './i18n.js';

const ViewSchema = z.object({
  number: z.string(),
  status: z.string(),
  receivedAt: z.string(),
  product: z.object({ name: z.string() }).loose(),
  description: z.string(),
  materialRequest: z.object({ items: z.array(z.string()), note: z.string().optional() }).optional(),
  closure: z.object({ explanation: z.string() }).loose().optional(),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      status: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
});
type View = z.infer<typeof ViewSchema>;

const when = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleString(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });

function AddMaterial({
  number,
  token,
  lang,
  onSent,
}: {
  number: string;
  token: string;
  lang: Lang;
  onSent: () => void;
}) {
  const [message, setMessage] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const send = async (event: Event) => {
    event.preventDefault();
    if (message.trim() === '') return;
    setState('sending');
    const result = await request(
      'POST',
      `/claims/${encodeURIComponent(number)}/material?token=${encodeURIComponent(token)}`,
      { body: { message } },
    );
    setState(result.status === 200 ? 'sent' : 'failed');
    if (result.status === 200) {
      setMessage('');
      onSent();
    }
  };
  return html`<form class="card" onSubmit=${send}>
    <h2>${t('addMaterial', lang)}</h2>
    <label for="material-message">${t('message', lang)}</label>
    <textarea
      id="material-message"
      value=${message}
      onInput=${(e: Event) => setMessage(valueOf(e))}
    ></textarea>
    ${state === 'sent' ? html`<p role="status">${t('sent', lang)}</p>` : null}
    ${state === 'failed' ? html`<p class="error" role="alert">${t('failed', lang)}</p>` : null}
    <p><button type="submit" disabled=${state === 'sending'}>${t('send', lang)}</button></p>
  </form>`;
}

function Tracking() {
  const lang = currentLang();
  const params = new URLSearchParams(location.search);
  const number = params.get('number') ?? '';
  const token = params.get('token') ?? '';
  const [view, setView] = useState<View | null | 'missing'>(null);
  const load = () => {
    void request('GET', `/claims/${encodeURIComponent(number)}?token=${encodeURIComponent(token)}`).then(
      (result) => {
        const parsed = ViewSchema.safeParse(result.body);
        setView(result.status === 200 && parsed.success ? parsed.data : 'missing');
      },
    );
  };
  useEffect(load, []);
  if (view === null) return html`<p aria-busy="true">…</p>`;
  if (view === 'missing') return html`<p class="error" role="alert">${t('notFound', lang)}</p>`;
  const open = !['closed', 'not_admitted', 'withdrawn'].includes(view.status);
  return html`<section class="card">
      <p>${t('yourNumber', lang)}: <span class="number">${view.number}</span></p>
      <p>
        ${t('status', lang)}: <strong data-testid="status">${label(STATUS_LABELS, view.status, lang)}</strong>
      </p>
      <p>${view.product.name} — ${view.description}</p>
      ${view.closure ? html`<p>${view.closure.explanation}</p>` : null}
    </section>
    ${
      view.materialRequest
        ? html`<section class="card">
            <p>${t('materialAsked', lang)}</p>
            <ul>
              ${view.materialRequest.items.map((item) => html`<li>${item}</li>`)}
            </ul>
            ${view.materialRequest.note ? html`<p>${view.materialRequest.note}</p>` : null}
          </section>`
        : null
    }
    <section class="card">
      <h2>${t('timeline', lang)}</h2>
      <ol class="timeline">
        ${view.timeline.map(
          (e) =>
            html`<li>
              <time datetime=${e.at}>${when(e.at, lang)}</time> —
              ${label(ACTION_LABELS, e.action, lang)}${e.note ? html`: ${e.note}` : null}
            </li>`,
        )}
      </ol>
    </section>
    ${open ? html`<${AddMaterial} number=${number} token=${token} lang=${lang} onSent=${load} />` : null}`;
}

function Page() {
  const lang = currentLang();
  document.documentElement.lang = lang;
  return html`<main>
    <header class="bar">
      <h1>${t('track', lang)}</h1>
      <a href=${switchLangHref(lang === 'en' ? 'zh-CN' : 'en')}>${t('switchTo', lang)}</a>
    </header>
    <${Tracking} />
  </main>`;
}

const root = document.getElementById('app');
if (root) render(html`<${Page} />`, root);
