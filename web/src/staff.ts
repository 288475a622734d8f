import { html } from 'htm/preact';
import { render } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { z } from 'zod';
import { STAFF_ROLES } from '../../shared/domain/lifecycle.js';
import { request } from './api.js';
import { valueOf } from './dom.js';
import { currentLang, switchLangHref } from './i18n.js';
import { Desk } from './staff/desk.js';

const TOKEN_KEY = 'claims.staffToken';

function auth(token: string) {
  return { authorization: `Bearer ${token}` };
}

function SignIn({ onToken }: { onToken: (token: string) => void }) {
  const [role, setRole] = useState('manager');
  const [unit, setUnit] = useState('HQ');
  const [error, setError] = useState('');
  const signIn = async (event: Event) => {
    event.preventDefault();
    // Locally, the stack's token issuer stands in for Cognito; it does not exist in the cloud.
    const result = await request('POST', '/local/token', { body: { role, unit } });
    const parsed = z.object({ token: z.string() }).safeParse(result.body);
    if (parsed.success) onToken(parsed.data.token);
    else setError('Sign-in is not available here. 无法登录。');
  };
  return html`<form class="card" onSubmit=${signIn}>
    <h2>Sign in 登录</h2>
    <label for="role">Role 角色</label>
    <select id="role" value=${role} onChange=${(e: Event) => setRole(valueOf(e))}>
      ${STAFF_ROLES.map((r) => html`<option value=${r}>${r}</option>`)}
    </select>
    <label for="unit">Unit 单位</label>
    <input id="unit" value=${unit} onInput=${(e: Event) => setUnit(valueOf(e))} />
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <p><button type="submit">Sign in 登录</button></p>
  </form>`;
}

function Console() {
  const lang = currentLang();
  document.documentElement.lang = lang;
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const keep = (value: string) => {
    sessionStorage.setItem(TOKEN_KEY, value);
    setToken(value);
  };
  // One headers object per token, so the pages' effects that depend on it do not re-run on every render.
  const headers = useMemo(() => auth(token), [token]);
  return html`<main class="wide">
    <header class="bar">
      <h1>Claims console 索赔工作台</h1>
      <nav class="actions">
        ${token ? html`<a href=${`/dashboard.html${lang === 'en' ? '?lang=en' : ''}`}>Dashboard 月度统计</a>` : null}
        <a href=${switchLangHref(lang === 'en' ? 'zh-CN' : 'en')}>${lang === 'en' ? '中文' : 'English'}</a>
        ${token ? html`<button class="secondary" onClick=${() => keep('')}>Sign out 退出</button>` : null}
      </nav>
    </header>
    ${!token ? html`<${SignIn} onToken=${keep} />` : html`<${Desk} headers=${headers} lang=${lang} />`}
  </main>`;
}

const root = document.getElementById('app');
if (root) render(html`<${Console} />`, root);
