import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import * as z from '../../shared/zod.js';
import { TRANSITIONS } from '../../shared/domain/lifecycle.js';
import {
  CLAIM_TOKEN_HEADER,
  addressWithoutQueryToken,
  readTrackingFragment,
  type TrackingFragment,
} from '../../shared/domain/tracking-link.js';
import { ApiErrorSchema, request } from './api.js';
import { valueOf } from './dom.js';
import { FindClaim, FindClaimLink } from './find-claim.js';
import { EvidenceItemSchema, EvidenceList, FilePicker, type PickedFiles } from './evidence.js';
import {
  ACTION_LABELS,
  PLAN_ITEM_LABELS,
  REMEDY_LABELS,
  STATUS_LABELS,
  currentLang,
  label,
  shortDate,
  switchLangHref,
  t,
  yuan,
  type Lang,
  type TextKey,
} from './i18n.js';
import { CompanyBrand, useSiteInfo } from './site-info.js';
import { PayeeChoice, payeeErrors, paysMoney } from './payee-form.js';
import type { PayeeInput } from '../../shared/domain/payee.js';

const TargetSchema = z.union([
  z.object({ workingDays: z.number() }),
  z.object({ workingHours: z.number() }),
  z.object({ calendarHours: z.number() }),
]);
const DeadlineSchema = z.object({
  clock: z.string(),
  target: TargetSchema,
  state: z.string(),
  dueAt: z.string(),
});
type Deadline = z.infer<typeof DeadlineSchema>;

const ViewSchema = z.object({
  number: z.string(),
  status: z.string(),
  receivedAt: z.string(),
  product: z.looseObject({ name: z.string() }),
  description: z.string(),
  materialRequest: z.optional(z.object({ items: z.array(z.string()), note: z.optional(z.string()) })),
  closure: z.optional(z.looseObject({ explanation: z.string() })),
  offer: z.optional(
    z.object({
      type: z.string(),
      items: z.array(z.object({ kind: z.string(), description: z.string(), amountFen: z.int() })),
      totalFen: z.int(),
      decidedAt: z.string(),
    }),
  ),
  deadlines: z._default(z.array(DeadlineSchema), []),
  mayEscalateToHq: z._default(z.boolean(), false),
  evidence: z._default(z.array(EvidenceItemSchema), []),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      status: z.optional(z.string()),
      note: z.optional(z.string()),
    }),
  ),
});
type View = z.infer<typeof ViewSchema>;

const when = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleString(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });

/** "3 个工作日内答复（11月27日 18:00 前）": the target and the date the API computed, nothing recomputed here. */
export function deadlineInWords(d: Deadline, lang: Lang): string {
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
  return d.state === 'paused' ? `${text} ${t('duePaused', lang)}` : text;
}

function claimPath(number: string, action: string): string {
  return `/claims/${encodeURIComponent(number)}/${action}`;
}

/** The token goes in a header, never in a URL: URLs land in CloudFront's and the API's logs. */
const tokenHeaders = (token: string): Record<string, string> =>
  token === '' ? {} : { [CLAIM_TOKEN_HEADER]: token };

async function post(path: string, token: string, body: unknown): Promise<string | null> {
  const result = await request('POST', path, { body, headers: tokenHeaders(token) });
  if (result.status === 200) return null;
  const parsed = ApiErrorSchema.safeParse(result.body);
  return parsed.success ? parsed.data.error.message : `HTTP ${result.status}`;
}

interface StepProps {
  readonly view: View;
  readonly token: string;
  readonly lang: Lang;
  readonly onDone: (message: string) => void;
}

function Offer({ view, token, lang, onDone }: StepProps) {
  const offer = view.offer;
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // Where the money goes (issue 18), asked with a money offer; checked here by the API's own rules.
  const [payee, setPayee] = useState<PayeeInput>({ method: 'original_route' });
  const [payeeProblems, setPayeeProblems] = useState<Partial<Record<string, string>>>({});
  // Focus moves to the first problem once the errors have rendered (bumped on each refused accept).
  const [payeeAttempt, setPayeeAttempt] = useState(0);
  useEffect(() => {
    if (payeeAttempt > 0)
      document.querySelector<HTMLElement>('[data-testid="payee"] [aria-invalid="true"]')?.focus();
  }, [payeeAttempt]);
  if (!offer) return null;
  const deciding = view.status === 'offer_sent';
  const money = paysMoney(offer.type);
  // After the reconsideration's decision the offer can be accepted, not disputed (SPEC §9).
  const final = view.timeline.some((e) => e.action === 'decide_reconsideration');
  const accept = async () => {
    const problems = money ? payeeErrors(payee, lang) : {};
    setPayeeProblems(problems);
    if (Object.keys(problems).length > 0) {
      setError('');
      setPayeeAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    const failed = await post(claimPath(view.number, 'accept'), token, money ? { payee } : {});
    setBusy(false);
    if (failed) setError(failed);
    else onDone(t('accepted', lang));
  };
  const dispute = async (event: Event) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setError(t('required', lang));
      return;
    }
    setBusy(true);
    const failed = await post(claimPath(view.number, 'dispute'), token, { reason });
    setBusy(false);
    if (failed) setError(failed);
    else onDone(t('disputed', lang));
  };
  return html`<section class="card" aria-labelledby="offer-heading" data-testid="offer">
    <h2 id="offer-heading">${t('offer', lang)}</h2>
    <p>${t('offerIntro', lang)} <strong>${label(REMEDY_LABELS, offer.type, lang)}</strong></p>
    ${
      offer.items.length
        ? html`<table>
            <caption class="sr-only">
              ${t('offer', lang)}
            </caption>
            <tbody>
              ${offer.items.map(
                (i) =>
                  html`<tr>
                    <th scope="row">${label(PLAN_ITEM_LABELS, i.kind, lang)}: ${i.description}</th>
                    <td class="amount">${yuan(i.amountFen)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : null
    }
    <p>
      ${t('offerTotal', lang)}:
      <strong class="amount" data-testid="offer-total">${yuan(offer.totalFen)}</strong>
    </p>
    <p class="hint">${t('offerDecidedAt', lang)}: ${when(offer.decidedAt, lang)}</p>
    ${
      deciding
        ? html`${
              money
                ? html`<${PayeeChoice}
                    lang=${lang}
                    value=${payee}
                    errors=${payeeProblems}
                    onChange=${setPayee}
                  />`
                : null
            }
            <div class="actions">
              <button type="button" disabled=${busy} onClick=${accept}>${t('accept', lang)}</button>
              ${
                final
                  ? null
                  : html`<button
                      type="button"
                      class="secondary"
                      aria-expanded=${disputing}
                      onClick=${() => setDisputing(!disputing)}
                    >
                      ${t('dispute', lang)}
                    </button>`
              }
            </div>
            ${final ? html`<p class="hint" data-testid="reconsideration-final">${t('reconsiderationFinal', lang)}</p>` : null}
            ${
              disputing && !final
                ? html`<form onSubmit=${dispute}>
                    <label for="dispute-reason">${t('disputeReason', lang)}</label>
                    <textarea
                      id="dispute-reason"
                      required
                      value=${reason}
                      onInput=${(e: Event) => setReason(valueOf(e))}
                    ></textarea>
                    <p><button type="submit" disabled=${busy}>${t('sendDispute', lang)}</button></p>
                  </form>`
                : null
            }`
        : null
    }
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
  </section>`;
}

/** After a store's refusal or a missed deadline: ask headquarters to take the claim up. */
function Escalate({ view, token, lang, onDone }: StepProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (!view.mayEscalateToHq) return null;
  const send = async (event: Event) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setError(t('required', lang));
      return;
    }
    setBusy(true);
    const failed = await post(claimPath(view.number, 'escalate'), token, { reason });
    setBusy(false);
    if (failed) setError(failed);
    else onDone(t('escalated', lang));
  };
  return html`<details class="card" data-testid="escalate">
    <summary>${t('escalate', lang)}</summary>
    <form onSubmit=${send}>
      <p class="hint">${t('escalateIntro', lang)}</p>
      <label for="escalate-reason">${t('escalateReason', lang)}</label>
      <textarea
        id="escalate-reason"
        required
        value=${reason}
        onInput=${(e: Event) => setReason(valueOf(e))}
      ></textarea>
      ${error ? html`<p class="error" role="alert">${error}</p>` : null}
      <p><button type="submit" disabled=${busy}>${t('sendEscalate', lang)}</button></p>
    </form>
  </details>`;
}

function Reconsideration({ view, token, lang, onDone }: StepProps) {
  const [reasons, setReasons] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const allowed =
    view.offer !== undefined &&
    TRANSITIONS.request_reconsideration.from.some((s) => s === view.status) &&
    !view.timeline.some((e) => e.action === 'decide_reconsideration');
  if (!allowed) return null;
  const send = async (event: Event) => {
    event.preventDefault();
    if (reasons.trim().length < 10) {
      setError(t('reconsiderReasons', lang));
      return;
    }
    setBusy(true);
    const failed = await post(claimPath(view.number, 'reconsideration'), token, { reasons });
    setBusy(false);
    if (failed) setError(failed);
    else onDone(t('reconsiderSent', lang));
  };
  return html`<details class="card">
    <summary>${t('reconsider', lang)}</summary>
    <form onSubmit=${send}>
      <p class="hint">${t('reconsiderIntro', lang)}</p>
      <label for="reconsider-reasons">${t('reconsiderReasons', lang)}</label>
      <textarea
        id="reconsider-reasons"
        required
        minlength="10"
        value=${reasons}
        onInput=${(e: Event) => setReasons(valueOf(e))}
      ></textarea>
      ${error ? html`<p class="error" role="alert">${error}</p>` : null}
      <p><button type="submit" disabled=${busy}>${t('sendReconsider', lang)}</button></p>
    </form>
  </details>`;
}

function ConfirmClosure({ view, token, lang, onDone }: StepProps) {
  const [error, setError] = useState('');
  if (view.status !== 'executed') return null;
  const confirm = async () => {
    const failed = await post(claimPath(view.number, 'confirm-closure'), token, {});
    if (failed) setError(failed);
    else onDone(t('closedThanks', lang));
  };
  return html`<section class="card">
    <h2>${t('confirmClosure', lang)}</h2>
    <p>${t('confirmClosureIntro', lang)}</p>
    <p><button type="button" onClick=${confirm}>${t('confirmClosure', lang)}</button></p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
  </section>`;
}

const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

function Survey({ view, token, lang, onDone }: StepProps) {
  const [rating, setRating] = useState<(typeof RATINGS)[number] | ''>('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  if (view.status !== 'closed' || view.closure === undefined) return null;
  const send = async (event: Event) => {
    event.preventDefault();
    if (rating === '') {
      setError(t('required', lang));
      return;
    }
    const failed = await post(claimPath(view.number, 'survey'), token, {
      rating,
      ...(comment.trim() ? { comment } : {}),
    });
    if (failed) setError(failed);
    else onDone(t(rating === 'unsatisfied' ? 'surveyReopened' : 'surveyThanks', lang));
  };
  // id="survey": the closure mail links straight to this form (…&section=survey).
  return html`<form class="card" id="survey" onSubmit=${send}>
    <fieldset>
      <legend>${t('survey', lang)}</legend>
      <p class="hint">${t('surveyIntro', lang)}</p>
      ${RATINGS.map(
        (r) =>
          html`<label class="choice"
            ><input
              type="radio"
              name="rating"
              value=${r}
              checked=${rating === r}
              onChange=${() => setRating(r)}
            />
            ${t(r, lang)}</label
          >`,
      )}
      <label for="survey-comment">${t('surveyComment', lang)}</label>
      <textarea
        id="survey-comment"
        value=${comment}
        onInput=${(e: Event) => setComment(valueOf(e))}
      ></textarea>
    </fieldset>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <p><button type="submit">${t('sendSurvey', lang)}</button></p>
  </form>`;
}

function AddMaterial({
  number,
  token,
  lang,
  withFiles,
  onSent,
}: {
  number: string;
  token: string;
  lang: Lang;
  /** Files go with material only while the claim may take material (the API refuses the upload otherwise). */
  withFiles: boolean;
  onSent: () => void;
}) {
  const [message, setMessage] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const [files, setFiles] = useState<PickedFiles>({ uploads: [], ready: true });
  // A new picker (empty) after each sending.
  const [round, setRound] = useState(0);
  const claimPath = `/claims/${encodeURIComponent(number)}`;
  const send = async (event: Event) => {
    event.preventDefault();
    if (message.trim() === '' || !files.ready) return;
    setState('sending');
    const result = await request('POST', `${claimPath}/material`, {
      headers: tokenHeaders(token),
      body: { message, ...(files.uploads.length > 0 ? { uploads: files.uploads } : {}) },
    });
    setState(result.status === 200 ? 'sent' : 'failed');
    if (result.status === 200) {
      setMessage('');
      setRound(round + 1);
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
    ${
      withFiles
        ? html`<${FilePicker}
            key=${round}
            lang=${lang}
            askPath=${`${claimPath}/uploads`}
            askHeaders=${tokenHeaders(token)}
            onChange=${setFiles}
          />`
        : null
    }
    ${state === 'sent' ? html`<p role="status">${t('sent', lang)}</p>` : null}
    ${state === 'failed' ? html`<p class="error" role="alert">${t('failed', lang)}</p>` : null}
    <p>
      <button type="submit" disabled=${state === 'sending' || !files.ready}>
        ${files.ready ? t('send', lang) : t('uploading', lang)}
      </button>
    </p>
  </form>`;
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
  const steps = { view, token, lang, onDone: done };
  return html`<section class="card">
      <p>${t('yourNumber', lang)}: <span class="number">${view.number}</span></p>
      <p>
        ${t('status', lang)}: <strong data-testid="status">${label(STATUS_LABELS, view.status, lang)}</strong>
      </p>
      <p>${view.product.name} — ${view.description}</p>
      ${view.closure ? html`<p>${view.closure.explanation}</p>` : null}
      ${
        // A promise of a reply only while the claim is open and a clock runs (the API sends none after).
        open && view.deadlines.length
          ? html`<h2>${t('deadlines', lang)}</h2>
              <ul data-testid="deadlines">
                ${view.deadlines.map((d) => html`<li>${deadlineInWords(d, lang)}</li>`)}
              </ul>`
          : null
      }
    </section>
    ${notice ? html`<p role="status" class="card notice" data-testid="notice">${notice}</p>` : null}
    <${Offer} ...${steps} />
    <${ConfirmClosure} ...${steps} />
    <${Survey} ...${steps} />
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
    <${EvidenceList} evidence=${view.evidence} lang=${lang} />
    <section class="card">
      <h2>${t('timeline', lang)}</h2>
      <ol class="timeline">
        ${view.timeline
          .filter((e) => ACTION_LABELS[e.action] !== undefined)
          .map(
            (e) =>
              html`<li>
                <time datetime=${e.at}>${when(e.at, lang)}</time> —
                ${label(ACTION_LABELS, e.action, lang)}${e.note ? html`: ${e.note}` : null}
              </li>`,
          )}
      </ol>
    </section>
    <${Reconsideration} ...${steps} />
    <${Escalate} ...${steps} />
    ${
      open
        ? html`<${AddMaterial}
            number=${number}
            token=${token}
            lang=${lang}
            withFiles=${TRANSITIONS.add_material.from.some((s) => s === view.status)}
            onSent=${() => void load()}
          />`
        : null
    }
    <${FindClaimLink} lang=${lang} />`;
}

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
