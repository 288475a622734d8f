import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { PayeeInput } from '../../shared/domain/payee.js';
import { TRANSITIONS } from '../../shared/domain/lifecycle.js';
import { formatDate, shanghaiDate } from '../../shared/domain/shanghai-time.js';
import { valueOf } from './dom.js';
import { REMEDY_LABELS, SETTLEMENT_LABELS, label, t, yuan, type Lang } from './i18n.js';
import { claimPath, post, reconsiderationOpen, useAction, type StepProps } from './track-actions.js';
import { PayeeChoice, payeeErrors } from './payee-form.js';
import { tt } from './track-texts.js';
import { when, type View } from './track-view.js';

/** The reconsideration deadline as a date in Shanghai: "2026年12月19日". */
export const reconsiderDate = (offer: NonNullable<View['offer']>, lang: Lang) =>
  formatDate(shanghaiDate(new Date(offer.reconsiderUntil)), lang);

/** After the reconsideration's decision the offer can be accepted, not disputed (SPEC §9). */
export const reconsiderationDecided = (view: View) =>
  view.timeline.some((e) => e.action === 'decide_reconsideration');

/** A state the lifecycle takes a reconsideration request from (not once closed or withdrawn). */
const reconsiderableState = (view: View) =>
  TRANSITIONS.request_reconsideration.from.some((s) => s === view.status);

/** Whether the customer may still ask for a reconsideration of this offer (state, decision, window). */
export function mayReconsider(view: View): boolean {
  return (
    view.offer !== undefined &&
    reconsiderableState(view) &&
    !reconsiderationDecided(view) &&
    reconsiderationOpen(view)
  );
}

/**
 * Accepting the offer: one request, busy while it runs. An offer with a cash part first asks where the money
 * goes (issue 18): 原路退回 by default, or an account checked here by the API's own rules, focus on the first
 * problem.
 */
function AcceptOffer({ view, token, lang, onDone }: StepProps) {
  const action = useAction();
  const [payee, setPayee] = useState<PayeeInput>({ method: 'original_route' });
  const [problems, setProblems] = useState<Partial<Record<string, string>>>({});
  // Bumped on each refused accept: once the errors have rendered, focus moves to the first.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt > 0)
      document.querySelector<HTMLElement>('[data-testid="payee"] [aria-invalid="true"]')?.focus();
  }, [attempt]);
  // Only cash is paid: goods and services need no account (the payouts count cash items alone).
  const money = (view.offer?.cashFen ?? 0) > 0;
  const accept = async () => {
    const found = money ? payeeErrors(payee, lang) : {};
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    if (await action.run(() => post(claimPath(view.number, 'accept'), token, money ? { payee } : {}, lang)))
      onDone(t('accepted', lang));
  };
  return html`${
      money
        ? html`<${PayeeChoice} lang=${lang} value=${payee} errors=${problems} onChange=${setPayee} />`
        : null
    }
    <button
      type="button"
      disabled=${action.busy}
      aria-busy=${action.busy ? 'true' : 'false'}
      data-testid="accept"
      onClick=${accept}
    >
      ${action.busy ? tt('accepting', lang) : t('accept', lang)}
    </button>
    ${action.error ? html`<p class="error" role="alert" lang=${lang}>${action.error}</p>` : null}`;
}

function OfferItems({ offer, lang }: { offer: NonNullable<View['offer']>; lang: Lang }) {
  return html`<ul class="offer-items" data-testid="offer-items">
    ${offer.items.map(
      (i) =>
        html`<li data-settlement=${i.settlement}>
          <span class=${`badge ${i.settlement === 'cash' ? 'cash' : 'in-kind'}`}
            >${label(SETTLEMENT_LABELS, i.settlement, lang)}</span
          >
          ${' '}${i.description}${' '}
          <span class="amount">
            ${i.settlement === 'cash' ? yuan(i.amountFen) : tt('itemValue', lang, { amount: yuan(i.amountFen) })}
          </span>
        </li>`,
    )}
  </ul>`;
}

/** The offer in words: what, how much (cash apart from goods and services), by whom by when, and why. */
export function Offer(props: StepProps) {
  const { view, token, lang, onDone } = props;
  const offer = view.offer;
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');
  const dispute = useAction();
  if (!offer) return null;
  const deciding = view.status === 'offer_sent';
  const final = reconsiderationDecided(view);
  const inKind = offer.totalFen - offer.cashFen;
  const until = reconsiderDate(offer, lang);
  const sendDispute = async (event: Event) => {
    event.preventDefault();
    if (reason.trim() === '') return dispute.setError(t('required', lang));
    if (await dispute.run(() => post(claimPath(view.number, 'dispute'), token, { reason }, lang)))
      onDone(t('disputed', lang));
  };
  return html`<section class="card" aria-labelledby="offer-heading" data-testid="offer">
    <h2 id="offer-heading">${t('offer', lang)}</h2>
    <p>${t('offerIntro', lang)} <strong>${label(REMEDY_LABELS, offer.type, lang)}</strong></p>
    ${offer.items.length ? html`<${OfferItems} offer=${offer} lang=${lang} />` : null}
    <p data-testid="offer-cash">
      ${
        offer.cashFen > 0
          ? html`${tt('offerCash', lang)}${lang === 'en' ? ': ' : '：'}<strong
                class="amount"
                data-testid="offer-total"
                >${yuan(offer.cashFen)}</strong
              >`
          : tt('offerNoCash', lang)
      }
    </p>
    ${
      inKind > 0
        ? html`<p class="hint">
            ${tt('offerValue', lang)}${lang === 'en' ? ': ' : '：'}${yuan(offer.totalFen)}
          </p>`
        : null
    }
    ${
      offer.executingDepartment && offer.dueOn
        ? html`<p data-testid="offer-by">
            ${tt('offerBy', lang, {
              department: offer.executingDepartment,
              date: formatDate(offer.dueOn, lang),
            })}
          </p>`
        : null
    }
    ${
      offer.findingsSummary
        ? html`<h3>${tt('offerWhy', lang)}</h3>
            <p data-testid="offer-why">${offer.findingsSummary}</p>`
        : null
    }
    <p class="hint">
      ${t('offerDecidedAt', lang)}${lang === 'en' ? ': ' : '：'}${when(offer.decidedAt, lang)}
    </p>
    ${
      final
        ? html`<p class="hint" data-testid="reconsideration-final">${t('reconsiderationFinal', lang)}</p>`
        : !reconsiderableState(view)
          ? null
          : html`<p data-testid="reconsider-until">
              ${
                reconsiderationOpen(view)
                  ? tt('reconsiderUntil', lang, { date: until })
                  : tt('reconsiderClosed', lang, { date: until })
              }
            </p>`
    }
    ${
      deciding
        ? html`<h3>${tt('choicesTitle', lang)}</h3>
            <ul class="choices" data-testid="choices">
              <li>${tt('choiceAccept', lang)}</li>
              ${final ? null : html`<li>${tt('choiceDispute', lang)}</li>`}
              ${mayReconsider(view) ? html`<li>${tt('choiceReconsider', lang, { date: until })}</li>` : null}
            </ul>
            <div class="actions">
              <${AcceptOffer} ...${props} />
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
            ${
              disputing && !final
                ? html`<form onSubmit=${sendDispute}>
                    <label for="dispute-reason">${t('disputeReason', lang)}</label>
                    <textarea
                      id="dispute-reason"
                      required
                      value=${reason}
                      onInput=${(e: Event) => setReason(valueOf(e))}
                    ></textarea>
                    ${dispute.error ? html`<p class="error" role="alert" lang=${lang}>${dispute.error}</p>` : null}
                    <p>
                      <button
                        type="submit"
                        disabled=${dispute.busy}
                        aria-busy=${dispute.busy ? 'true' : 'false'}
                      >
                        ${dispute.busy ? t('working', lang) : t('sendDispute', lang)}
                      </button>
                    </p>
                  </form>`
                : null
            }`
        : null
    }
  </section>`;
}
