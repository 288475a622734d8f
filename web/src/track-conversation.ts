import { html } from 'htm/preact';
import { REPLY_CHANNEL_LABELS, label, type Lang } from './i18n.js';
import { tt, type TrackTextKey } from './track-texts.js';
import { when, type View } from './track-view.js';

/** Each kind of message in words (`ConversationEntry['kind']`); one without words reads by who sent it. */
const KIND_TEXT: Readonly<Partial<Record<string, TrackTextKey>>> = {
  reply: 'kind_reply',
  message: 'kind_message',
  email: 'kind_email',
  material_request: 'kind_material_request',
  reconsideration_decision: 'kind_reconsideration_decision',
  not_admitted: 'kind_not_admitted',
  material: 'kind_material',
  dispute: 'kind_dispute',
  reconsideration: 'kind_reconsideration',
  escalation: 'kind_escalation',
  withdrawal: 'kind_withdrawal',
};

/**
 * What we and the customer said to each other, oldest first: our replies, requests and decisions, and the
 * customer's material and requests. The API sends no internal note.
 */
export function Conversation({ view, lang }: { view: View; lang: Lang }) {
  if (view.conversation.length === 0) return null;
  return html`<section class="card" aria-labelledby="conversation-heading" data-testid="conversation">
    <h2 id="conversation-heading">${tt('conversation', lang)}</h2>
    <ol class="conversation">
      ${view.conversation.map((m) => {
        const kind = KIND_TEXT[m.kind] ?? (m.from === 'staff' ? 'kind_from_us' : 'kind_from_you');
        return html`<li class=${m.from === 'staff' ? 'from-us' : 'from-you'} data-from=${m.from}>
          <p class="hint">
            <strong>${tt(m.from === 'staff' ? 'fromUs' : 'fromYou', lang)}</strong>${' · '}${tt(kind, lang)}${
              m.channel ? tt('via', lang, { channel: label(REPLY_CHANNEL_LABELS, m.channel, lang) }) : ''
            }${' · '}<time datetime=${m.at}>${when(m.at, lang)}</time>
          </p>
          <p class="message">${m.text}</p>
        </li>`;
      })}
    </ol>
  </section>`;
}
