import { html } from 'htm/preact';
import { render } from 'preact';
import { formatInstant } from '../../shared/domain/shanghai-time.js';
import { currentLang, switchLangHref } from './i18n.js';
import { ct } from './consent-texts.js';
import { CompanyBrand, useSiteInfo } from './site-info.js';

/**
 * The privacy notice page (`/privacy.html`, issue 18): the text the policy settings hold, in the page's
 * language, with its version, so the customer reads what the form's consent line refers to.
 */
function Page() {
  const lang = currentLang();
  document.documentElement.lang = lang;
  document.title = ct('privacyTitle', lang);
  const info = useSiteInfo(lang);
  const [heading, ...body] = info === null || info === 'failed' ? [] : info.text.split('\n');
  return html`<main>
    <${CompanyBrand} info=${info} />
    <header class="bar">
      <h1>${heading ?? ct('privacyTitle', lang)}</h1>
      <a href=${switchLangHref(lang === 'en' ? 'zh-CN' : 'en')} lang=${lang === 'en' ? 'zh-CN' : 'en'}
        >${ct('switchTo', lang)}</a
      >
    </header>
    ${
      info === null
        ? html`<p>${ct('noticeLoading', lang)}</p>`
        : info === 'failed'
          ? html`<p class="error" role="alert">${ct('noticeFailed', lang)}</p>`
          : html`<section class="card notice" data-testid="privacy-notice">
              ${body.filter((line) => line.trim() !== '').map((line) => html`<p>${line}</p>`)}
              <p class="hint" data-testid="privacy-version">
                ${ct('privacyVersion', lang, { version: info.version })}
                ${info.effectiveFrom ? html` · ${ct('privacyEffective', lang, { date: formatInstant(info.effectiveFrom, lang) })}` : null}
              </p>
            </section>`
    }
    <p><a href=${lang === 'en' ? '/?lang=en' : '/'}>${ct('backToForm', lang)}</a></p>
  </main>`;
}

const root = document.getElementById('app');
if (root) render(html`<${Page} />`, root);
