import { html } from 'htm/preact';
import type { Lang } from './i18n.js';
import { noticeTexts, type Notices } from './notice-texts.js';

export { NoticesSchema, type Notices } from './notice-texts.js';

/** The banners, one per notice (nothing when there is none). */
export function OperatorBanner({ notices, lang }: { notices: Notices | undefined; lang: Lang }) {
  const texts = notices ? noticeTexts(notices, lang) : [];
  if (texts.length === 0) return null;
  return html`<div class="card banner" role="status" data-testid="operator-notices">
    ${texts.map((text) => html`<p>${text}</p>`)}
  </div>`;
}
