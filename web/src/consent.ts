import { html } from 'htm/preact';
import type { Lang } from './i18n.js';
import { ct } from './consent-texts.js';
import { checkedOf } from './dom.js';
import { privacyHref, type NoticeInfo } from './site-info.js';

/**
 * The form's consent line (个人信息保护法): an unticked box, the link to the notice (a new tab, so what the
 * customer typed stays), and the error beside it when the form is sent without the tick.
 */
export function ConsentLine(props: {
  readonly lang: Lang;
  readonly info: NoticeInfo | null | 'failed';
  readonly checked: boolean;
  readonly error: string | undefined;
  readonly onChange: (checked: boolean) => void;
}) {
  const { lang, info, checked, error } = props;
  return html`<div class="consent">
    <input
      type="checkbox"
      id="f-privacyConsent"
      checked=${checked}
      disabled=${info === null || info === 'failed'}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? 'f-privacyConsent-error' : undefined}
      onChange=${(event: Event) => props.onChange(checkedOf(event))}
    />
    <label for="f-privacyConsent">
      ${ct('consentLead', lang)}<a href=${privacyHref(lang)} target="_blank" data-testid="privacy-link"
        >${ct('consentLink', lang)}</a
      >${ct('consentTail', lang)}
    </label>
    ${info === 'failed' ? html`<p class="error" lang=${lang}>${ct('noticeFailed', lang)}</p>` : null}
    ${error ? html`<p class="error" id="f-privacyConsent-error" lang=${lang}>${error}</p>` : null}
  </div>`;
}
