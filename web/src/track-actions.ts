import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { CLAIM_TOKEN_HEADER } from '../../shared/domain/tracking-link.js';
import { ApiErrorSchema, request } from './api.js';
import { valueOf } from './dom.js';
import { FilePicker, type PickedFiles } from './evidence.js';
import { t, type Lang } from './i18n.js';
import { tt } from './track-texts.js';
import type { View } from './track-view.js';

export function claimPath(number: string, action: string): string {
  return `/claims/${encodeURIComponent(number)}/${action}`;
}

/** The token goes in a header, never in a URL: URLs land in CloudFront's and the API's logs. */
export const tokenHeaders = (token: string): Record<string, string> =>
  token === '' ? {} : { [CLAIM_TOKEN_HEADER]: token };

/**
 * POST one customer action; null when done, else the refusal in the page's words: the API words its own
 * in the language the page asked for, and anything else (no answer, a proxy's page) is our own sentence.
 */
export async function post(path: string, token: string, body: unknown, lang: Lang): Promise<string | null> {
  try {
    const result = await request('POST', path, { body, headers: tokenHeaders(token) });
    if (result.status === 200) return null;
    const parsed = ApiErrorSchema.safeParse(result.body);
    return parsed.success ? parsed.data.error.message : tt('requestFailed', lang);
  } catch {
    return tt('requestFailed', lang);
  }
}

/**
 * One button's request: busy while it runs (the button is disabled and says so), its refusal kept for
 * the page to show. `run` returns whether it went through.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async (send: () => Promise<string | null>): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setError('');
    const failed = await send();
    setBusy(false);
    if (failed !== null) setError(failed);
    return failed === null;
  };
  return { busy, error, setError, run };
}

export interface StepProps {
  readonly view: View;
  readonly token: string;
  readonly lang: Lang;
  readonly onDone: (message: string) => void;
}

const errorLine = (error: string, lang: Lang) =>
  error ? html`<p class="error" role="alert" lang=${lang}>${error}</p>` : null;

/** A submit button that says it is working while its request runs. */
const SubmitButton = ({ busy, lang, label }: { busy: boolean; lang: Lang; label: string }) =>
  html`<button type="submit" disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>
    ${busy ? t('working', lang) : label}
  </button>`;

/** After a store's refusal or a missed deadline: ask headquarters to take the claim up. */
export function Escalate({ view, token, lang, onDone }: StepProps) {
  const [reason, setReason] = useState('');
  const action = useAction();
  if (!view.mayEscalateToHq) return null;
  const send = async (event: Event) => {
    event.preventDefault();
    if (reason.trim() === '') return action.setError(t('required', lang));
    if (await action.run(() => post(claimPath(view.number, 'escalate'), token, { reason }, lang)))
      onDone(t('escalated', lang));
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
      ${errorLine(action.error, lang)}
      <p><${SubmitButton} busy=${action.busy} lang=${lang} label=${t('sendEscalate', lang)} /></p>
    </form>
  </details>`;
}

/** Whether the reconsideration window is still open (the API refuses after it, in words, too). */
export function reconsiderationOpen(view: View, now = Date.now()): boolean {
  return view.offer !== undefined && now <= Date.parse(view.offer.reconsiderUntil);
}

export function Reconsideration({ view, token, lang, onDone, allowed }: StepProps & { allowed: boolean }) {
  const [reasons, setReasons] = useState('');
  const action = useAction();
  if (!allowed) return null;
  const send = async (event: Event) => {
    event.preventDefault();
    if (reasons.trim().length < 10) return action.setError(t('reconsiderReasons', lang));
    if (await action.run(() => post(claimPath(view.number, 'reconsideration'), token, { reasons }, lang)))
      onDone(t('reconsiderSent', lang));
  };
  return html`<details class="card" data-testid="reconsider">
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
      ${errorLine(action.error, lang)}
      <p><${SubmitButton} busy=${action.busy} lang=${lang} label=${t('sendReconsider', lang)} /></p>
    </form>
  </details>`;
}

export function ConfirmClosure({ view, token, lang, onDone }: StepProps) {
  const action = useAction();
  if (view.status !== 'executed') return null;
  const confirm = async () => {
    if (await action.run(() => post(claimPath(view.number, 'confirm-closure'), token, {}, lang)))
      onDone(t('closedThanks', lang));
  };
  return html`<section class="card" data-testid="confirm-closure">
    <h2>${t('confirmClosure', lang)}</h2>
    <p>${t('confirmClosureIntro', lang)}</p>
    <p>
      <button
        type="button"
        disabled=${action.busy}
        aria-busy=${action.busy ? 'true' : 'false'}
        onClick=${confirm}
      >
        ${action.busy ? t('working', lang) : t('confirmClosure', lang)}
      </button>
    </p>
    ${errorLine(action.error, lang)}
  </section>`;
}

const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

/** The survey of a closure, once: after it is answered the page thanks the customer instead. */
export function Survey({ view, token, lang, onDone }: StepProps) {
  const [rating, setRating] = useState<(typeof RATINGS)[number] | ''>('');
  const [comment, setComment] = useState('');
  const action = useAction();
  if (view.status === 'closed' && !view.surveyOpen && view.survey)
    return html`<section class="card" id="survey" data-testid="survey-done">
      <p>${tt('surveyDone', lang)}</p>
      <p class="hint">${tt('surveyYours', lang, { rating: t(view.survey.rating, lang) })}</p>
    </section>`;
  if (!view.surveyOpen) return null;
  const send = async (event: Event) => {
    event.preventDefault();
    if (rating === '') return action.setError(t('required', lang));
    const body = { rating, ...(comment.trim() ? { comment } : {}) };
    if (await action.run(() => post(claimPath(view.number, 'survey'), token, body, lang)))
      onDone(t(rating === 'unsatisfied' ? 'surveyReopened' : 'surveyThanks', lang));
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
    ${errorLine(action.error, lang)}
    <p><${SubmitButton} busy=${action.busy} lang=${lang} label=${t('sendSurvey', lang)} /></p>
  </form>`;
}

/** Withdraw the claim (the API's `POST /claims/{number}/withdraw`), with a reason; cannot be undone. */
export function Withdraw({ view, token, lang, onDone }: StepProps) {
  const [reason, setReason] = useState('');
  const action = useAction();
  if (!view.mayWithdraw) return null;
  const send = async (event: Event) => {
    event.preventDefault();
    if (reason.trim() === '') return action.setError(t('required', lang));
    if (await action.run(() => post(claimPath(view.number, 'withdraw'), token, { reason }, lang)))
      onDone(tt('withdrawnNotice', lang));
  };
  return html`<details class="card" data-testid="withdraw">
    <summary>${tt('withdraw', lang)}</summary>
    <form onSubmit=${send}>
      <p class="hint">${tt('withdrawIntro', lang)}</p>
      <label for="withdraw-reason">${tt('withdrawReason', lang)}</label>
      <textarea
        id="withdraw-reason"
        required
        value=${reason}
        onInput=${(e: Event) => setReason(valueOf(e))}
      ></textarea>
      ${errorLine(action.error, lang)}
      <p><${SubmitButton} busy=${action.busy} lang=${lang} label=${tt('sendWithdraw', lang)} /></p>
    </form>
  </details>`;
}

export function AddMaterial({
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
  const [sent, setSent] = useState(false);
  const [files, setFiles] = useState<PickedFiles>({ uploads: [], ready: true });
  // A new picker (empty) after each sending.
  const [round, setRound] = useState(0);
  const action = useAction();
  const send = async (event: Event) => {
    event.preventDefault();
    if (message.trim() === '') return action.setError(t('required', lang));
    if (!files.ready) return;
    setSent(false);
    const body = { message, ...(files.uploads.length > 0 ? { uploads: files.uploads } : {}) };
    if (await action.run(() => post(claimPath(number, 'material'), token, body, lang))) {
      setSent(true);
      setMessage('');
      setRound(round + 1);
      onSent();
    }
  };
  return html`<form class="card" onSubmit=${send} data-testid="add-material">
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
            askPath=${`/claims/${encodeURIComponent(number)}/uploads`}
            askHeaders=${tokenHeaders(token)}
            onChange=${setFiles}
          />`
        : null
    }
    ${sent ? html`<p role="status">${t('sent', lang)}</p>` : null} ${errorLine(action.error, lang)}
    <p>
      <button
        type="submit"
        disabled=${action.busy || !files.ready}
        aria-busy=${action.busy ? 'true' : 'false'}
      >
        ${action.busy ? t('working', lang) : files.ready ? t('send', lang) : t('uploading', lang)}
      </button>
    </p>
  </form>`;
}
