import { html } from 'htm/preact';

/**
 * A link that opens a claim in the console (its number in the URL's hash, the query kept); modified and
 * middle clicks are the browser's, so Ctrl-click opens it in a new tab.
 */
export function ClaimLink({ number, onOpen }: { number: string; onOpen: (n: string) => void }) {
  return html`<a
    href=${`${location.pathname}${location.search}#${encodeURIComponent(number)}`}
    onClick=${(e: MouseEvent) => {
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      onOpen(number);
    }}
    >${number}</a
  >`;
}
