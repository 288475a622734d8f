import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { TRANSITIONS } from '../../shared/domain/lifecycle.js';
import {
  addressWithoutQueryToken,
  readTrackingFragment,
  type TrackingFragment,
} from '../../shared/domain/tracking-link.js';
import { request } from './api.js';
import { CustomerEntitlements } from './statutory-panel.js';
import { FindClaim, FindClaimLink } from './find-claim.js';
import { EvidenceList } from './evidence.js';
import {
  ACTION_LABELS,
  STATUS_LABELS,
  currentLang,
  label,
  shortDate,
  switchLangHref,
  t,
  type Lang,
  type TextKey,
} from './i18n.js';
import {
  AddMaterial,
  ConfirmClosure,
  Escalate,
  Reconsideration,
  Survey,
  Withdraw,
  tokenHeaders,
  type StepProps,
} from './track-actions.js';
import { Conversation } from './track-conversation.js';
import { Offer, mayReconsider } from './track-offer.js';
import { tt } from './track-texts.js';
import { ViewSchema, when, type Deadline, type View } from './track-view.js';
import { CompanyBrand, useSiteInfo } from './site-info.js';

/** "3 个工作日内答复（11月27日 18:00 前）": the target and the date the API computed, nothing recomputed here. */
export function deadlineInWords(d: Deadline, lang: Lang, materialIn = false): string {
  const date = shortDate(d.dueAt, lang);
  const target = d.target;
  let key: TextKey;
  let n: number;
  if ('calendarHours' in target) {
    key = 'dueOnSite';
    n = target.calendarHours;
  } else if ('workingHours' in target) {
    key = 'dueHours';
    n = target.workingHours;
  } else {
    key =
      d.clock === 'decision'
        ? 'dueDecision'
        : d.clock === 'reconsideration'
          ? 'dueReconsideration'
          : 'dueFirstReply';
    n = target.workingDays;
  }
  const text = t(key, lang, { n: String(n), date });
  if (d.state !== 'paused') return text;
  // Paused for material: waiting for it, or (once sent) while we check it.
  return `${text} ${materialIn ? tt('duePausedChecking', lang) : t('duePaused', lang)}`;
}

/**
 * The token and section of this page's address, read once before any request: the token of the fragment
 * (`#t=…`), or of an older mail's `?token=`, which is moved into the fragment at once so that it leaves the
 * address bar, the history and every later request.
 */
function readAddress(): TrackingFragment {
  const read = readTrackingFragment(location.hash, location.search);
  const cleaned = addressWithoutQueryToken(location.pathname, location.search, location.hash);
  if (cleaned !== null) history.replaceState(history.state, '', cleaned);
  return read;
}

const address = readAddress();

function Tracking() {
  const lang = currentLang();
  const number = new URLSearchParams(location.search).get('number') ?? '';
  const token = address.token ?? '';
  const [view, setView] = useState<View | null | 'missing'>(null);
  const [notice, setNotice] = useState('');
  const load = () =>
    request('GET', `/claims/${encodeURIComponent(number)}`, { headers: tokenHeaders(token) }).then(
      (result) => {
        const parsed = ViewSchema.safeParse(result.body);
        setView(result.status === 200 && parsed.success ? parsed.data : 'missing');
      },
    );
  useEffect(() => {
    void load();
  }, []);
  // Mail links to a part of the page (…&section=survey); it exists only once the claim is read, so
  // jump there then.
  const loaded = view !== null && view !== 'missing';
  useEffect(() => {
    if (loaded && address.section !== undefined) document.getElementById(address.section)?.scrollIntoView();
  }, [loaded]);
  if (view === null) return html`<p aria-busy="true">…</p>`;
  if (view === 'missing')
    return html`<p class="error" role="alert">${t('notFound', lang)}</p>
      <${FindClaim} lang=${lang} />`;
  const open = !['closed', 'not_admitted', 'withdrawn'].includes(view.status);
  // The notice shows once the page has re-read the claim, so status and notice agree.
  const done = (message: string) => {
    void load().then(() => setNotice(message));
  };
  const steps: StepProps = { view, token, lang, onDone: done };
  // Material sent: the claim waits for us, not the customer, though its state is still needs_material.
  const status = view.materialReceivedAt
    ? tt('materialReceived', lang)
    : label(STATUS_LABELS, view.status, lang);
  // Deadlines only while a clock runs on an open claim (the API sends none after closure either).
  const deadlines = open ? view.deadlines.filter((d) => d.state === 'running' || d.state === 'paused') : [];
  return html`<section class="card">
      <p>${t('yourNumber', lang)}${colon(lang)}<span class="number">${view.number}</span></p>
      <p>${t('status', lang)}${colon(lang)}<strong data-testid="status">${status}</strong></p>
      <p>${view.product.name}${colon(lang)}${view.description}</p>
      ${view.closure ? html`<p data-testid="closure">${view.closure.explanation}</p>` : null}
      ${
        deadlines.length
          ? html`<h2>${t('deadlines', lang)}</h2>
              <ul data-testid="deadlines">
                ${deadlines.map(
                  (d) => html`<li>${deadlineInWords(d, lang, view.materialReceivedAt !== undefined)}</li>`,
                )}
              </ul>`
          : null
      }
    </section>
    ${notice ? html`<p role="status" class="card notice" data-testid="notice">${notice}</p>` : null}
    <${CustomerEntitlements} entitlements=${view.entitlements} lang=${lang} />
    <${Offer} ...${steps} />
    <${Reconsideration} ...${steps} allowed=${mayReconsider(view)} />
    <${ConfirmClosure} ...${steps} />
    <${Survey} ...${steps} />
    ${
      view.materialRequest && view.status === 'needs_material'
        ? html`<section class="card" data-testid="material-request">
            ${
              view.materialReceivedAt
                ? html`<p>
                    ${tt('materialReceivedAt', lang, { date: when(view.materialReceivedAt, lang) })}
                  </p>`
                : html`<p>${t('materialAsked', lang)}</p>
                    <ul>
                      ${view.materialRequest.items.map((item) => html`<li>${item}</li>`)}
                    </ul>
                    ${view.materialRequest.note ? html`<p>${view.materialRequest.note}</p>` : null}`
            }
          </section>`
        : null
    }
    <${Conversation} view=${view} lang=${lang} />
    <${EvidenceList} evidence=${view.evidence} lang=${lang} />
    <section class="card">
      <h2>${t('timeline', lang)}</h2>
      <ol class="timeline">
        ${view.timeline
          .filter((e) => ACTION_LABELS[e.action] !== undefined)
          .map(
            (e) =>
              html`<li>
                <time datetime=${e.at}>${when(e.at, lang)}</time
                >${' · '}${label(ACTION_LABELS, e.action, lang)}
              </li>`,
          )}
      </ol>
    </section>
    <${Escalate} ...${steps} />
    ${
      // Material only where the lifecycle takes it (the API refuses it elsewhere, files and all).
      TRANSITIONS.add_material.from.some((s) => s === view.status)
        ? html`<${AddMaterial}
            number=${number}
            token=${token}
            lang=${lang}
            withFiles=${true}
            onSent=${() => void load()}
          />`
        : null
    }
    <${Withdraw} ...${steps} />
    <${FindClaimLink} lang=${lang} />`;
}

/** A label's colon: full-width in Chinese. */
const colon = (lang: Lang) => (lang === 'en' ? ': ' : '：');

/** `?find` (or an address without a claim number) opens "find my claim" instead of a claim. */
const finding =
  new URLSearchParams(location.search).has('find') || !new URLSearchParams(location.search).get('number');

function Page() {
  const lang = currentLang();
  document.documentElement.lang = lang;
  return html`<main>
    <${CompanyBrand} info=${useSiteInfo(lang)} />
    <header class="bar">
      <h1>${finding ? t('findTitle', lang) : t('track', lang)}</h1>
      <a href=${switchLangHref(lang === 'en' ? 'zh-CN' : 'en')}>${t('switchTo', lang)}</a>
    </header>
    ${finding ? html`<${FindClaim} lang=${lang} />` : html`<${Tracking} />`}
  </main>`;
}

const root = document.getElementById('app');
if (root) render(html`<${Page} />`, root);
