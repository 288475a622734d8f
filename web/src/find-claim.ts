import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import * as z from '../../shared/zod.js';
import { problemMessage, request } from './api.js';
import { valueOf } from './dom.js';
import { t, type Lang } from './i18n.js';

const FoundSchema = z.object({ number: z.string(), trackingPath: z.string() });

/** Where the find-my-claim form is: the tracking page with `?find`, in the page's language. */
export function findClaimHref(lang: Lang): string {
  return lang === 'en' ? '/track.html?find=1&lang=en' : '/track.html?find=1';
}

/** The link to the form, for the claim form and the tracking page. */
export function FindClaimLink({ lang }: { readonly lang: Lang }) {
  return html`<p class="hint" data-testid="find-claim-link">
    ${t('findLinkLead', lang)} <a href=${findClaimHref(lang)}>${t('findTitle', lang)}</a>
  </p>`;
}

/**
 * "Find my claim" (issue 16): the number and contact → a code by SMS or mail → the code → a fresh link.
 * The first answer is the same whatever matched, so the page says "if it matches, a code is on its way".
 */
export function FindClaim({ lang }: { readonly lang: Lang }) {
  const [number, setNumber] = useState(new URLSearchParams(location.search).get('number') ?? '');
  const [contact, setContact] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'ask' | 'code'>('ask');
  const [found, setFound] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const askCode = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    const result = await request('POST', '/lookup/code', {
      body: { number: number.trim(), contact: contact.trim(), language: lang },
    });
    setBusy(false);
    if (result.status === 202) setStep('code');
    else setError(problemMessage(result));
  };
  const useCode = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    const result = await request('POST', '/lookup/link', {
      body: { number: number.trim(), code: code.trim(), language: lang },
    });
    setBusy(false);
    const parsed = FoundSchema.safeParse(result.body);
    if (result.status === 200 && parsed.success) setFound(parsed.data.trackingPath);
    else setError(problemMessage(result));
  };

  const errorLine = error ? html`<p class="error" role="alert" data-testid="find-error">${error}</p>` : null;
  if (found !== null)
    return html`<section class="card" aria-labelledby="find-heading" data-testid="find-claim">
      <h2 id="find-heading">${t('findTitle', lang)}</h2>
      <p role="status">${t('foundLink', lang)}</p>
      <p class="link"><a href=${found} data-testid="found-link">${location.origin}${found}</a></p>
      <p><a class="button" href=${found}>${t('openClaim', lang)}</a></p>
    </section>`;
  return html`<section class="card" aria-labelledby="find-heading" data-testid="find-claim">
    <h2 id="find-heading">${t('findTitle', lang)}</h2>
    ${
      step === 'ask'
        ? html`<form onSubmit=${askCode} novalidate>
            <p>${t('findIntro', lang)}</p>
            <label for="find-number">${t('findNumber', lang)}</label>
            <input
              id="find-number"
              name="number"
              autocomplete="off"
              placeholder="CLM-2026-000123"
              value=${number}
              onInput=${(e: Event) => setNumber(valueOf(e))}
            />
            <label for="find-contact">${t('findContact', lang)}</label>
            <input
              id="find-contact"
              name="contact"
              value=${contact}
              onInput=${(e: Event) => setContact(valueOf(e))}
            />
            ${errorLine}
            <button type="submit" disabled=${busy}>${busy ? t('working', lang) : t('sendCode', lang)}</button>
          </form>`
        : html`<form onSubmit=${useCode} novalidate>
            <p role="status" data-testid="code-sent">${t('codeSent', lang)}</p>
            <label for="find-code">${t('codeLabel', lang)}</label>
            <input
              id="find-code"
              name="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              maxlength="6"
              value=${code}
              onInput=${(e: Event) => setCode(valueOf(e))}
            />
            ${errorLine}
            <div class="actions">
              <button type="submit" disabled=${busy}>
                ${busy ? t('working', lang) : t('openWithCode', lang)}
              </button>
              <button
                type="button"
                class="secondary"
                onClick=${() => {
                  setStep('ask');
                  setCode('');
                  setError('');
                }}
              >
                ${t('askAgain', lang)}
              </button>
            </div>
          </form>`
    }
  </section>`;
}
