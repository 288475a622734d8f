import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { encode } from 'uqr';
import {
  NOTIFY_CHANNELS,
  type FiledResponse,
  type NotifyChannel,
} from '../../shared/domain/intake-response.js';
import { formatInstant } from '../../shared/domain/shanghai-time.js';
import { t, type Lang, type TextKey } from './i18n.js';

/** A label's colon: full-width in Chinese. */
const colon = (lang: Lang) => (lang === 'en' ? ': ' : '：');

/** The link as a QR code, drawn as one SVG path (no HTML injected): a phone's camera opens the page. */
function QrCode({ text, lang }: { text: string; lang: Lang }) {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let d = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return html`<figure class="qr">
    <svg
      viewBox=${`0 0 ${size} ${size}`}
      width="168"
      height="168"
      role="img"
      aria-label=${t('qrLabel', lang)}
      data-testid="tracking-qr"
      shape-rendering="crispEdges"
    >
      <rect width=${size} height=${size} fill="#fff" />
      <path d=${d} fill="#000" />
    </svg>
    <figcaption class="hint">${t('qrLabel', lang)}</figcaption>
  </figure>`;
}

/** Copy the link; where the browser refuses (no clipboard permission), ask the customer to copy it by hand. */
function CopyLink({ link, lang }: { link: string; lang: Lang }) {
  const [state, setState] = useState<'idle' | 'copying' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    setState('copying');
    try {
      await navigator.clipboard.writeText(link);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return html`<p>
      <button type="button" class="secondary" disabled=${state === 'copying'} onClick=${copy}>
        ${t(state === 'copying' ? 'working' : 'copyLink', lang)}
      </button>
    </p>
    <p role="status" data-testid="copy-status">
      ${state === 'copied' ? t('linkCopied', lang) : state === 'failed' ? t('copyFailed', lang) : ''}
    </p>`;
}

const SENT_BY: Record<string, TextKey> = {
  sms: 'alsoSentSms',
  email: 'alsoSentEmail',
  'sms,email': 'alsoSentBoth',
};

/** "我们也已通过短信/邮件发送给您", naming only the channels the API says the receipt goes to. */
export function alsoSent(channels: readonly NotifyChannel[], lang: Lang): string | null {
  const key = SENT_BY[NOTIFY_CHANNELS.filter((c) => channels.includes(c)).join(',')];
  return key === undefined ? null : t(key, lang);
}

/**
 * The page after the form: the number, the reply date in words, the tracking link (copy, QR code), what
 * else told the customer, and a way to file another claim. A late claim is its own state: recorded, not
 * admitted, and why.
 */
export function Confirmation({
  filed,
  lang,
  onAnother,
}: {
  filed: FiledResponse;
  lang: Lang;
  onAnother: () => void;
}) {
  // The API's path names the claim's language already (`lang=en`), and ends in the token's fragment.
  const link = filed.trackingPath ? `${location.origin}${filed.trackingPath}` : undefined;
  const number = html`<p>
    ${t('yourNumber', lang)}${colon(lang)}<span class="number" data-testid="claim-number"
      >${filed.number}</span
    >
  </p>`;
  const another = html`<p>
    <button type="button" class="secondary" data-testid="file-another" onClick=${onAnother}>
      ${t('fileAnother', lang)}
    </button>
  </p>`;
  if (filed.refusal)
    return html`<section class="card" aria-live="polite" data-testid="not-admitted">
      <h2>${t('recordedNotAdmitted', lang)}</h2>
      ${number}
      <p>${t('notAdmittedWhy', lang)}</p>
      <p class="refusal" data-testid="refusal-reason">${filed.refusal}</p>
      <p>${t('notAdmittedNext', lang)}</p>
    </section>`;
  const sent = alsoSent(filed.notifiedBy, lang);
  return html`<section class="card" aria-live="polite" data-testid="confirmation">
    <h2>${t('received', lang)}</h2>
    ${number}
    ${
      filed.firstReplyDue
        ? html`<p data-testid="next-deadline">
            ${t('nextDeadline', lang, { date: formatInstant(filed.firstReplyDue, lang) })}
          </p>`
        : null
    }
    ${
      link
        ? html`<p>${t('keepLink', lang)}</p>
            <p class="link"><a href=${link} data-testid="tracking-link">${link}</a></p>
            <${CopyLink} link=${link} lang=${lang} />
            <${QrCode} text=${link} lang=${lang} />`
        : null
    }
    ${sent ? html`<p data-testid="also-sent">${sent}</p>` : null} ${another}
  </section>`;
}
