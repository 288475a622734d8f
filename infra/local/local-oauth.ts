import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { STAFF_ROLES } from '../../shared/domain/lifecycle.js';
import { STAFF_ROLE_LABELS } from '../../shared/domain/labels.js';
import { ConflictError } from '../../shared/domain/errors.js';
import { REFRESH_TOKEN_VALIDITY_MS, STAFF_SESSION } from '../../shared/domain/staff-session.js';
import { diffMembers, type StaffMember } from '../../shared/domain/staff-directory.js';
import type { StaffDirectory } from '../../shared/ports/staff-directory.js';
import { escapeHtml, readBody } from './http-helpers.js';
import {
  LOCAL_AUDIENCE,
  issueLocalAccessToken,
  issueLocalToken,
  type LocalKeys,
  type TokenRequest,
} from './local-auth.js';

/**
 * The local stand-in for Cognito's managed login, so the console signs in through one code path here and in
 * the cloud (OAuth 2.0 authorization code with PKCE):
 * - `GET /local/oauth2/authorize?response_type=code&client_id&redirect_uri&state&code_challenge&…` shows a
 *   form to pick who you are: someone from the staff directory (their roles, unit and approval limit), or
 *   any user id, roles, unit and limit, optionally added to the directory with a name and an address (the
 *   local token issuer's UI). Posting it redirects to `redirect_uri?code=&state=` with a one-time code bound to the challenge and the redirect URI.
 * - `POST /local/oauth2/token` (form-encoded) redeems the code once, given the verifier whose S256 hash is the
 *   challenge, the same redirect URI and client id, for an ID token, an access token and a refresh token
 *   (valid 12 hours, as the cloud client's). With `grant_type=refresh_token` it returns new ID and access
 *   tokens for the same person and no new refresh token, as Cognito does.
 * - `POST /local/oauth2/revoke` (`token`, `client_id`) revokes a refresh token, as Cognito's /oauth2/revoke.
 * - `GET /local/oauth2/logout?client_id&logout_uri` redirects to `logout_uri` (nothing is kept here to forget).
 * Only the stack's own console pages are registered redirect URIs, as the cloud client's callback URLs are.
 */
export const LOCAL_OAUTH = {
  authorizePath: '/local/oauth2/authorize',
  tokenPath: '/local/oauth2/token',
  logoutPath: '/local/oauth2/logout',
  revokePath: '/local/oauth2/revoke',
  clientId: LOCAL_AUDIENCE,
} as const;

/** The pages that may receive a code or come back after sign-out (cf. SIGN_IN_PAGES in the CDK construct). */
const REDIRECT_PAGES: readonly string[] = ['/staff.html', '/dashboard.html'];
const CODE_TTL_MS = 3 * 60_000;
const MAX_FORM_BYTES = 16 * 1024;

type PageLang = 'zh-CN' | 'en';

/** What staff see on `npm start` when they sign in, [zh-CN, en] (issue 17): one language at a time. */
const TEXT = {
  title: ['登录 · 本地', 'Sign in · local'],
  heading: ['登录', 'Sign in'],
  hint: [
    '本地登录：选择身份；云端为 Cognito 登录页。',
    'Local sign-in: pick who you are. In the cloud this is Cognito’s sign-in page.',
  ],
  correct: ['请修改下列字段。', 'Please correct the fields below.'],
  fromDirectory: ['从员工目录选择', 'From the staff directory'],
  someoneElse: ['其他身份', 'Someone else'],
  sub: ['用户编号', 'User id'],
  roles: ['角色', 'Roles'],
  unit: ['单位', 'Unit'],
  approvalLimitFen: ['审批限额（分）', 'Approval limit in fen'],
  addToDirectory: ['加入员工目录', 'Add to the staff directory'],
  name: ['姓名', 'Name'],
  email: ['电子邮箱', 'Email'],
  signIn: ['登录', 'Sign in'],
  refusedTitle: ['登录请求无效', 'Sign-in refused'],
  console: ['索赔工作台', 'Claims console'],
  listSeparator: ['、', ', '],
  // Field problems, by field (the schemas' own messages are for the server log, not for this page).
  problem_member: ['不是目录中的在职员工', 'not an active member of the directory'],
  problem_sub: ['只能包含字母、数字及 . _ @ -', 'letters, digits, . _ @ - only'],
  problem_taken: [
    '该用户已在目录中，请在上方选择',
    'this user id is in the directory already: pick it above',
  ],
  problem_role: ['请至少选择一个角色', 'pick at least one role'],
  problem_unit: ['请填写单位编号，如 HQ 或 EAST-SH01', 'a unit id such as HQ or EAST-SH01'],
  problem_approvalLimitFen: ['请填写不小于 0 的整数', 'a whole number, 0 or more'],
  problem_name: ['加入目录需要填写姓名', 'a name, to add them to the directory'],
  problem_email: ['加入目录需要填写电子邮箱', 'an email address, to add them to the directory'],
} as const;

type TextKey = keyof typeof TEXT;
type ProblemKey = Extract<TextKey, `problem_${string}`>;
type Problem = { readonly field: string; readonly key: ProblemKey };

function w(key: TextKey, lang: PageLang): string {
  return TEXT[key][lang === 'en' ? 1 : 0];
}

/** The problem words for a field the schemas named; an unexpected path falls back to the form's notice. */
function problemKey(field: string): ProblemKey | null {
  const key = `problem_${field}`;
  return isProblemKey(key) ? key : null;
}

function isProblemKey(key: string): key is ProblemKey {
  return key.startsWith('problem_') && Object.hasOwn(TEXT, key);
}

/** The page's language from the query or the form (a refused request still gets its own words). */
function langOf(form: URLSearchParams): PageLang {
  return form.get('lang') === 'en' ? 'en' : 'zh-CN';
}

const pkceValue = z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, '43–128 unreserved characters');

const AuthorizeRequestSchema = z.object({
  response_type: z.literal('code'),
  client_id: z.literal(LOCAL_OAUTH.clientId),
  redirect_uri: z.string(),
  state: z.string().min(1).max(1024),
  code_challenge: pkceValue,
  code_challenge_method: z.literal('S256'),
  scope: z.string().max(256).optional(),
  // Cognito's managed login takes `lang` too; the console sends its own, so this page matches it.
  lang: z.enum(['zh-CN', 'en']).optional(),
});
type AuthorizeRequest = z.infer<typeof AuthorizeRequestSchema>;

const SignInSchema = z.object({
  sub: z
    .string()
    .trim()
    .max(64)
    .regex(/^[\w.@-]*$/, 'letters, digits, . _ @ -'),
  role: z.array(z.enum(STAFF_ROLES)).min(1, 'pick at least one role'),
  unit: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'a unit id such as HQ or EAST-SH01'),
  approvalLimitFen: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

/** Adding the person typed in to the directory needs a name and an address. */
const NewEntrySchema = z.object({
  name: z.string().trim().min(1, 'a name, to add them to the directory').max(100),
  email: z.string().trim().email('an email address, to add them to the directory'),
});

const TokenRequestSchema = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().min(1),
    redirect_uri: z.string(),
    client_id: z.string(),
    code_verifier: pkceValue,
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().min(1),
    client_id: z.string(),
  }),
]);

const RevokeRequestSchema = z.object({ token: z.string().min(1), client_id: z.string() });

/** A refresh token's grant: who it signs in again, for which client, until when. */
interface RefreshGrant {
  readonly clientId: string;
  readonly scope: string;
  readonly identity: Omit<TokenRequest, 'ttlSeconds'>;
  readonly expiresAt: number;
}

export interface LocalOAuthOptions {
  /** The ID and access tokens' lifetime (default an hour, as in the cloud); e2e tests shorten it. */
  readonly tokenTtlSeconds?: number;
}

interface PendingCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly scope: string;
  readonly identity: Omit<TokenRequest, 'ttlSeconds'>;
  readonly expiresAt: number;
}

/** S256 of RFC 7636: base64url(SHA-256(verifier)), computed independently of the browser's code. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** The local OAuth endpoints; codes live in this closure, one process, a few minutes each. */
export function localOAuth(
  keys: LocalKeys,
  now: () => number = Date.now,
  staff?: StaffDirectory,
  options: LocalOAuthOptions = {},
) {
  const codes = new Map<string, PendingCode>();
  const refreshGrants = new Map<string, RefreshGrant>();
  const ttlSeconds = options.tokenTtlSeconds ?? STAFF_SESSION.idTokenSeconds;

  /** ID and access tokens for `identity`, from the local issuer. */
  const tokensFor = async (identity: RefreshGrant['identity'], scope: string) => {
    const token = { ...identity, ttlSeconds };
    const at = new Date(now());
    return {
      id_token: await issueLocalToken(keys, token, at),
      access_token: await issueLocalAccessToken(keys, { ...token, scope }, at),
      token_type: 'Bearer',
      expires_in: ttlSeconds,
    };
  };

  const refresh = async (request: { refresh_token: string; client_id: string }) => {
    for (const [token, grant] of refreshGrants) if (grant.expiresAt <= now()) refreshGrants.delete(token);
    const grant = refreshGrants.get(request.refresh_token);
    if (grant === undefined) return oauthError('invalid_grant', 'unknown, revoked or expired refresh token');
    if (grant.clientId !== request.client_id) return oauthError('invalid_grant', 'token of another client');
    // The same refresh token stays valid until its own expiry: Cognito rotates none by default.
    return { status: 200, body: await tokensFor(grant.identity, grant.scope) };
  };

  const issueCode = (request: AuthorizeRequest, identity: PendingCode['identity']): string => {
    for (const [code, pending] of codes) if (pending.expiresAt <= now()) codes.delete(code);
    const code = randomBytes(32).toString('base64url');
    codes.set(code, {
      clientId: request.client_id,
      redirectUri: request.redirect_uri,
      codeChallenge: request.code_challenge,
      scope: request.scope ?? 'openid',
      identity,
      expiresAt: now() + CODE_TTL_MS,
    });
    return code;
  };

  const redeem = async (form: URLSearchParams): Promise<{ status: number; body: object }> => {
    const parsed = TokenRequestSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      const unsupported =
        form.has('grant_type') &&
        !['authorization_code', 'refresh_token'].includes(form.get('grant_type') ?? '');
      return oauthError(
        unsupported ? 'unsupported_grant_type' : 'invalid_request',
        'malformed token request',
      );
    }
    const request = parsed.data;
    if (request.grant_type === 'refresh_token') return refresh(request);
    const pending = codes.get(request.code);
    // One use only, whatever the outcome: a code seen twice may have been stolen.
    codes.delete(request.code);
    if (pending === undefined || pending.expiresAt <= now())
      return oauthError('invalid_grant', 'unknown, used or expired code');
    if (pending.clientId !== request.client_id) return oauthError('invalid_grant', 'code of another client');
    if (pending.redirectUri !== request.redirect_uri)
      return oauthError('invalid_grant', 'redirect_uri differs from the authorization request');
    if (s256(request.code_verifier) !== pending.codeChallenge)
      return oauthError('invalid_grant', 'code_verifier does not match the code_challenge');
    const refreshToken = randomBytes(32).toString('base64url');
    refreshGrants.set(refreshToken, {
      clientId: pending.clientId,
      scope: pending.scope,
      identity: pending.identity,
      expiresAt: now() + REFRESH_TOKEN_VALIDITY_MS,
    });
    return {
      status: 200,
      body: { ...(await tokensFor(pending.identity, pending.scope)), refresh_token: refreshToken },
    };
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = `http://${req.headers.host ?? 'localhost'}`;
    if (url.pathname === LOCAL_OAUTH.authorizePath && (req.method === 'GET' || req.method === 'POST')) {
      const form = req.method === 'POST' ? await readForm(req) : url.searchParams;
      if (form === 'too-large') {
        sendText(res, 413, 'form too large');
        return true;
      }
      const request = AuthorizeRequestSchema.safeParse(Object.fromEntries(form));
      // A bad client or redirect URI is shown here, never redirected to (RFC 6749 §4.1.2.1).
      if (!request.success || !registered(request.data.redirect_uri, origin)) {
        sendHtml(
          res,
          400,
          errorPage(request.success ? 'redirect_uri is not a registered page' : request.error, langOf(form)),
        );
        return true;
      }
      const people = staff ? (await staff.list()).filter((m) => m.active) : [];
      if (req.method === 'GET') {
        sendHtml(res, 200, authorizePage(request.data, defaults(), [], people));
        return true;
      }
      const picked = form.get('member');
      if (picked !== null) {
        const member = people.find((m) => m.id === picked);
        if (member === undefined) {
          const problems: Problem[] = [{ field: 'member', key: 'problem_member' }];
          sendHtml(res, 400, authorizePage(request.data, defaults(), problems, people));
          return true;
        }
        redirectWithCode(res, request.data, issueCode(request.data, identityOf(member)));
        return true;
      }
      const signIn = SignInSchema.safeParse({
        sub: form.get('sub') ?? '',
        role: form.getAll('role'),
        unit: (form.get('unit') ?? '').trim().toUpperCase(),
        approvalLimitFen: form.get('approvalLimitFen') || 0,
      });
      const adding = form.get('addToDirectory') === 'on' && staff !== undefined;
      const entry = adding
        ? NewEntrySchema.safeParse({ name: form.get('name') ?? '', email: form.get('email') ?? '' })
        : null;
      if (!signIn.success || (entry !== null && !entry.success)) {
        const issues = [...(signIn.error?.issues ?? []), ...(entry?.error?.issues ?? [])];
        const problems = issues.flatMap((i): Problem[] => {
          const field = String(i.path[0]);
          const key = problemKey(field);
          return key === null ? [] : [{ field, key }];
        });
        sendHtml(res, 400, authorizePage(request.data, formValues(form), problems, people));
        return true;
      }
      const { sub, role, unit, approvalLimitFen } = signIn.data;
      const identity = {
        sub: sub || `local-${role.join('-')}-${unit}`.toLowerCase(),
        role,
        unit,
        approvalLimitFen,
        ...(entry?.success ? { name: entry.data.name } : {}),
      };
      if (staff !== undefined && entry?.success) {
        const added = await addToDirectory(staff, identity, entry.data.email, new Date(now()));
        if (added !== 'added') {
          const problems: Problem[] = [{ field: 'sub', key: 'problem_taken' }];
          sendHtml(res, 400, authorizePage(request.data, formValues(form), problems, people));
          return true;
        }
      }
      redirectWithCode(res, request.data, issueCode(request.data, identity));
      return true;
    }
    if (url.pathname === LOCAL_OAUTH.tokenPath && req.method === 'POST') {
      const form = await readForm(req);
      const result =
        form === 'too-large' ? oauthError('invalid_request', 'request too large') : await redeem(form);
      res.writeHead(result.status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(JSON.stringify(result.body));
      return true;
    }
    if (url.pathname === LOCAL_OAUTH.revokePath && req.method === 'POST') {
      const form = await readForm(req);
      const parsed = form === 'too-large' ? null : RevokeRequestSchema.safeParse(Object.fromEntries(form));
      const grant = parsed?.success ? refreshGrants.get(parsed.data.token) : undefined;
      // RFC 7009 §2.2: an unknown token is revoked already (200); another client's is refused.
      const refused = !parsed?.success || (grant !== undefined && grant.clientId !== parsed.data.client_id);
      if (!refused) refreshGrants.delete(parsed.data.token);
      res.writeHead(refused ? 400 : 200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(
        refused ? JSON.stringify(oauthError('invalid_request', 'malformed revoke request').body) : '{}',
      );
      return true;
    }
    if (url.pathname === LOCAL_OAUTH.logoutPath && req.method === 'GET') {
      const target = url.searchParams.get('logout_uri') ?? '';
      if (url.searchParams.get('client_id') !== LOCAL_OAUTH.clientId || !registered(target, origin)) {
        sendHtml(res, 400, errorPage('logout_uri is not a registered page', langOf(url.searchParams)));
        return true;
      }
      res.writeHead(302, { location: target, 'cache-control': 'no-store' });
      res.end();
      return true;
    }
    return false;
  };
}

function redirectWithCode(res: ServerResponse, request: AuthorizeRequest, code: string): void {
  const back = new URL(request.redirect_uri);
  back.searchParams.set('code', code);
  back.searchParams.set('state', request.state);
  res.writeHead(302, { location: back.toString(), 'cache-control': 'no-store' });
  res.end();
}

/** A directory entry signs in as itself: its id, roles, unit, approval limit and name. */
function identityOf(member: StaffMember): PendingCode['identity'] {
  return {
    sub: member.id,
    role: [...member.roles],
    unit: member.unitId,
    approvalLimitFen: member.approvalLimitFen ?? 0,
    name: member.name,
  };
}

/** The person typed in, added to the directory as the local sign-in's own entry (audited as the system). */
async function addToDirectory(
  staff: StaffDirectory,
  identity: PendingCode['identity'],
  email: string,
  at: Date,
): Promise<'taken' | 'added'> {
  const iso = at.toISOString();
  const member: StaffMember = {
    id: identity.sub,
    name: identity.name ?? identity.sub,
    email,
    unitId: identity.unit,
    roles: [...new Set(identity.role)],
    approvalLimitFen: identity.approvalLimitFen,
    active: true,
    onLeave: false,
    version: 1,
    createdAt: iso,
    updatedAt: iso,
  };
  try {
    await staff.save({
      member,
      expectedVersion: null,
      event: {
        id: `${at.getTime().toString(36)}${randomBytes(6).toString('hex')}`.toUpperCase(),
        staffId: member.id,
        at: iso,
        actor: { type: 'system', id: 'local-sign-in' },
        action: 'staff_created',
        changes: diffMembers(null, member),
      },
    });
    return 'added';
  } catch (error) {
    if (error instanceof ConflictError) return 'taken';
    throw error;
  }
}

/** A console page of this stack, with no query or fragment, as the cloud client's callback URLs are. */
function registered(uri: string, origin: string): boolean {
  if (!URL.canParse(uri)) return false;
  const url = new URL(uri);
  return (
    url.origin === origin && REDIRECT_PAGES.includes(url.pathname) && url.search === '' && url.hash === ''
  );
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | 'too-large'> {
  const body = await readBody(req, MAX_FORM_BYTES);
  return body === 'too-large' ? body : new URLSearchParams(body.toString('utf8'));
}

function oauthError(error: string, description: string): { status: number; body: object } {
  return { status: 400, body: { error, error_description: description } };
}

interface FormValues {
  readonly name?: string;
  readonly email?: string;
  readonly sub: string;
  readonly role: readonly string[];
  readonly unit: string;
  readonly approvalLimitFen: string;
}

function defaults(): FormValues {
  return { sub: '', role: ['manager'], unit: 'HQ', approvalLimitFen: '0' };
}

function formValues(form: URLSearchParams): FormValues {
  return {
    name: form.get('name') ?? '',
    email: form.get('email') ?? '',
    sub: form.get('sub') ?? '',
    role: form.getAll('role'),
    unit: form.get('unit') ?? '',
    approvalLimitFen: form.get('approvalLimitFen') ?? '',
  };
}

const PAGE_STYLE = `body{margin:0;background:#f6f7f9;font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;color:#1a1a1a}
main{max-width:32rem;margin:2rem auto;padding:1rem 1.5rem;background:#fff;border:1px solid #c8c8c8;border-radius:8px}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}fieldset{border:1px solid #c8c8c8;border-radius:8px;margin:.75rem 0}
fieldset label{display:inline-block;font-weight:normal;margin:.25rem 1rem .25rem 0}input[type=text],input[type=number]{width:100%;box-sizing:border-box;padding:.5rem;font:inherit}
button{margin-top:1rem;padding:.5rem 1.25rem;font:inherit;background:#0b57d0;color:#fff;border:0;border-radius:6px}
.error{color:#b3261e}.hint{color:#555;font-size:.9rem}
.people ul{list-style:none;padding:0;margin:0}.people li{margin:.25rem 0}button.person{margin:0;padding:.25rem .75rem}`;

function page(title: string, body: string, lang: PageLang): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><link rel="icon" href="data:,"><style>${PAGE_STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function authorizePage(
  request: AuthorizeRequest,
  values: FormValues,
  problems: readonly Problem[],
  people: readonly StaffMember[],
): string {
  const lang = request.lang ?? 'zh-CN';
  const word = (label: readonly [string, string]) => label[lang === 'en' ? 1 : 0];
  const hidden = Object.entries(request)
    .filter(([, value]) => value !== undefined)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(String(value))}">`,
    )
    .join('');
  const problem = (field: string) => problems.find((p) => p.field === field);
  const invalid = (field: string) =>
    problem(field) ? ` aria-invalid="true" aria-describedby="${field}-error"` : '';
  const message = (field: string) => {
    const p = problem(field);
    return p ? `<p class="error" id="${field}-error">${escapeHtml(w(p.key, lang))}</p>` : '';
  };
  const roles = STAFF_ROLES.map(
    (role) =>
      `<label><input type="checkbox" name="role" value="${role}"${values.role.includes(role) ? ' checked' : ''}> ${escapeHtml(word(STAFF_ROLE_LABELS[role]))}</label>`,
  ).join('');
  const roleWords = (m: StaffMember) =>
    m.roles.map((r) => word(STAFF_ROLE_LABELS[r])).join(w('listSeparator', lang));
  const directory =
    people.length === 0
      ? ''
      : `<form method="post" action="${LOCAL_OAUTH.authorizePath}">${hidden}<fieldset class="people"><legend>${w('fromDirectory', lang)}</legend>
${message('member')}
<ul>${people
          .map(
            (m) =>
              `<li><button type="submit" name="member" value="${escapeHtml(m.id)}" class="person">${escapeHtml(m.name)}</button> <span class="hint">${escapeHtml(roleWords(m))} · ${escapeHtml(m.unitId)} · ${escapeHtml(m.email)}</span></li>`,
          )
          .join('')}</ul></fieldset></form>
<h2>${w('someoneElse', lang)}</h2>`;
  return page(
    w('title', lang),
    `<h1>${w('heading', lang)}</h1>
<p class="hint">${w('hint', lang)}</p>
${problems.length > 0 ? `<p class="error" role="alert">${w('correct', lang)}</p>` : ''}
${directory}
<form method="post" action="${LOCAL_OAUTH.authorizePath}">${hidden}
<label for="sub">${w('sub', lang)}</label>
<input type="text" id="sub" name="sub" value="${escapeHtml(values.sub)}" placeholder="local-manager-hq" autocomplete="username"${invalid('sub')}>
${message('sub')}
<fieldset${problem('role') ? ' aria-describedby="role-error"' : ''}><legend>${w('roles', lang)}</legend>${roles}</fieldset>
${message('role')}
<label for="unit">${w('unit', lang)}</label>
<input type="text" id="unit" name="unit" value="${escapeHtml(values.unit)}"${invalid('unit')}>
${message('unit')}
<label for="approvalLimitFen">${w('approvalLimitFen', lang)}</label>
<input type="number" id="approvalLimitFen" name="approvalLimitFen" min="0" step="1" value="${escapeHtml(values.approvalLimitFen)}"${invalid('approvalLimitFen')}>
${message('approvalLimitFen')}
<label><input type="checkbox" name="addToDirectory"${values.name ? ' checked' : ''}> ${w('addToDirectory', lang)}</label>
<label for="name">${w('name', lang)}</label>
<input type="text" id="name" name="name" value="${escapeHtml(values.name ?? '')}"${invalid('name')}>
${message('name')}
<label for="email">${w('email', lang)}</label>
<input type="text" id="email" name="email" value="${escapeHtml(values.email ?? '')}"${invalid('email')}>
${message('email')}
<button type="submit">${w('signIn', lang)}</button>
</form>`,
    lang,
  );
}

/** A broken request (a client or redirect URI this stack does not know): the detail is for the developer. */
function errorPage(reason: string | z.ZodError, lang: PageLang): string {
  const text =
    typeof reason === 'string'
      ? reason
      : reason.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
  return page(
    w('refusedTitle', lang),
    `<h1>${w('refusedTitle', lang)}</h1><p role="alert"><code>${escapeHtml(text)}</code></p><p><a href="/staff.html${lang === 'en' ? '?lang=en' : ''}">${w('console', lang)}</a></p>`,
    lang,
  );
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // The sign-in form must not be framed by another page (clickjacking).
    'x-frame-options': 'DENY',
  });
  res.end(html);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
