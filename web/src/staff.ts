import { html } from 'htm/preact';
import { render } from 'preact';
import { useMemo } from 'preact/hooks';
import { SessionExpiredBanner, SignInCard, useStaffSession } from './auth.js';
import { currentLang, switchLangHref, type Lang } from './i18n.js';
import { Desk } from './staff/desk.js';

/** The console bar's words, [zh-CN, en] (issue 17): one language at a time. */
const TEXT = {
  title: ['索赔工作台', 'Claims console'],
  dashboard: ['月度统计', 'Dashboard'],
  switchTo: ['English', '中文'],
  signOut: ['退出', 'Sign out'],
} as const;

function ct(key: keyof typeof TEXT, lang: Lang): string {
  return TEXT[key][lang === 'en' ? 1 : 0];
}

function auth(token: string) {
  return { authorization: `Bearer ${token}` };
}

function Console() {
  const lang = currentLang();
  const other = lang === 'en' ? 'zh-CN' : 'en';
  document.documentElement.lang = lang;
  const session = useStaffSession();
  // The sign-in popup of another tab shows only how its sign-in went.
  const token = session.popup ? '' : session.token;
  const signedIn = token !== '';
  // One headers object per sign-in, so the pages' effects that depend on it do not re-run on every render
  // nor on a refresh (requests carry the session's current token: api.ts).
  const headers = useMemo(() => auth(token), [signedIn]);
  return html`<main class="wide">
    <header class="bar">
      <h1>${ct('title', lang)}</h1>
      <nav class="actions">
        ${token ? html`<a href=${`/dashboard.html${lang === 'en' ? '?lang=en' : ''}`}>${ct('dashboard', lang)}</a>` : null}
        <a
          href=${switchLangHref(other)}
          onClick=${(e: MouseEvent) => {
            // The queue keeps its filters in the URL without re-rendering this bar: read the URL at the click.
            if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
            e.preventDefault();
            location.assign(switchLangHref(other));
          }}
          >${ct('switchTo', lang)}</a
        >
        ${token ? html`<button class="secondary" onClick=${session.signOut}>${ct('signOut', lang)}</button>` : null}
      </nav>
    </header>
    ${
      !signedIn
        ? html`<${SignInCard} session=${session} lang=${lang} />`
        : html`<${SessionExpiredBanner} session=${session} lang=${lang} />
            <${Desk} headers=${headers} lang=${lang} />`
    }
  </main>`;
}

const root = document.getElementById('app');
if (root) render(html`<${Console} />`, root);
