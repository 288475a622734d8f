import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import * as z from '../../../shared/zod.js';
import type { Words } from '../../../shared/domain/labels.js';
import { mayDo } from '../../../shared/domain/staff-permissions.js';
import { problemMessage, request } from '../api.js';
import type { Lang } from '../i18n.js';

const ResultSchema = z.object({ number: z.string(), channels: z.array(z.enum(['email', 'sms'])) });

const TEXT = {
  button: ['重新发送查询链接', 'Resend the tracking link'],
  sending: ['正在发送…', 'Sending…'],
  email: [
    '已通过邮件向客户发送新的查询链接。',
    'A new tracking link is on its way to the customer by email.',
  ],
  sms: [
    '已通过短信向客户发送新的查询链接。',
    'A new tracking link is on its way to the customer by text message.',
  ],
  both: [
    '已通过邮件和短信向客户发送新的查询链接。',
    'A new tracking link is on its way to the customer by email and text message.',
  ],
} as const satisfies Record<string, Words>;

const words = (key: keyof typeof TEXT, lang: Lang) => TEXT[key][lang === 'en' ? 1 : 0];

/**
 * The console's "resend the tracking link" (issue 16): the API records it on the timeline and the notify
 * function sends a fresh link by the claim's channels. The result says which, in the console's language.
 */
export function ResendLink({
  number,
  roles,
  headers,
  lang,
  onDone,
}: {
  number: string;
  roles: readonly string[];
  headers: Record<string, string>;
  lang: Lang;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');
  const [error, setError] = useState('');
  if (!mayDo('resendTrackingLink', roles)) return null;
  const send = async () => {
    setBusy(true);
    setError('');
    setResult('');
    const answer = await request('POST', `/staff/claims/${encodeURIComponent(number)}/tracking-link`, {
      body: {},
      headers,
    });
    setBusy(false);
    const parsed = ResultSchema.safeParse(answer.body);
    if (answer.status !== 200 || !parsed.success) {
      setError(problemMessage(answer));
      return;
    }
    const { channels } = parsed.data;
    setResult(words(channels.length === 2 ? 'both' : channels[0] === 'sms' ? 'sms' : 'email', lang));
    onDone();
  };
  return html`<div class="card" data-testid="resend-link">
    <button type="button" class="secondary" disabled=${busy} onClick=${send}>
      ${busy ? words('sending', lang) : words('button', lang)}
    </button>
    ${result ? html`<p role="status" data-testid="resend-result">${result}</p>` : null}
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
  </div>`;
}
