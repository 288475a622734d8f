import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect } from 'vitest';
import { z } from 'zod';
import { freePort } from '../../infra/local/dynamodb-local.js';
import { loadLocalKeys, type LocalKeys } from '../../infra/local/local-auth.js';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.js';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/lifecycle.js';
import { STAFF_ROLE_LABELS } from '../../shared/domain/labels.js';
import { fetchedProofHeaders } from '../support/proof-of-work.js';

/**
 * A browser test walks a whole journey (sign-in, several pages, axe runs, screenshots). Alone it takes a
 * few seconds; beside the rest of the suite on two shared cores it can pass the suite's 20 s default.
 */
export const E2E_STEP_TIMEOUT_MS = 60_000;
/**
 * Under the full suite's load a page step has now and then missed Playwright's 30 s wait (seen once in four
 * full runs, never alone). One retry keeps CI from failing on machine load; a real fault fails both tries.
 */
export const E2E_RETRIES = 1;

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve('test/e2e/screenshots');
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

/** Builds the pages into a fresh folder, as `npm start` builds them into web/dist. */
export async function buildWebPages(): Promise<string> {
  const webDir = mkdtempSync(join(tmpdir(), 'claims-web-'));
  await build({
    configFile: resolve('web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webDir, emptyOutDir: true },
  });
  return webDir;
}

/**
 * Headless Chromium with the flags these machines need: without the background-networking ones it keeps
 * trying hosts the closed network refuses.
 */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface BrowserStack {
  readonly stack: LocalStack;
  readonly browser: Browser;
  /** The local issuer's keys, for tokens a test makes itself. */
  readonly keysFile: string;
  readonly stop: () => Promise<void>;
}

/**
 * The pages built, the local stack as `npm start` runs it (its own data folder and DynamoDB Local on a free
 * port, table `tableName`) serving them, and Chromium.
 */
export async function startBrowserStack(
  tableName: string,
  options: { readonly tokenTtlSeconds?: number } = {},
): Promise<BrowserStack> {
  const webDir = await buildWebPages();
  const keysFile = join(mkdtempSync(join(tmpdir(), 'claims-e2e-')), 'keys.json');
  // With the example staff directory, as `npm start` seeds it.
  const stack = await startLocalStack({
    port: 0,
    dynamoPort: await freePort(),
    keysFile,
    tableName,
    webDir,
    seedStaff: true,
    ...options,
  });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return {
    stack,
    browser,
    keysFile,
    stop: async () => {
      await browser.close();
      await stack.stop();
    },
  };
}

/**
 * The browser stack with finance confirming each payout by voucher (`PAYMENT_GATEWAY=manual`, as in AWS;
 * the local default pays at once), and the local issuer's keys for the tokens a test makes itself.
 */
export async function startManualPaymentStack(
  tableName: string,
): Promise<BrowserStack & { readonly keys: LocalKeys }> {
  process.env['PAYMENT_GATEWAY'] = 'manual';
  const env = await startBrowserStack(tableName);
  return {
    ...env,
    keys: await loadLocalKeys(env.keysFile),
    stop: async () => {
      await env.stop();
      delete process.env['PAYMENT_GATEWAY'];
    },
  };
}

/**
 * Inside a describe: the manual-payment stack started before its tests and stopped after, a page opener
 * whose console errors land in `errors`, and a local staff or customer API call.
 */
export function useManualPaymentStack(tableName: string) {
  const errors: string[] = [];
  const stackOf = useStarted(() => startManualPaymentStack(tableName));
  return {
    errors,
    stackOf,
    open: (path: string): Promise<Page> => openPage(stackOf().browser, stackOf().stack.apiUrl, path, errors),
    api: (method: string, path: string, caller: Caller, body?: unknown) =>
      callApi(stackOf().stack, method, path, caller, body),
  };
}

/** Inside a describe: something started before its tests and stopped after; the getter throws before. */
function useStarted<E extends { stop(): Promise<void> }>(start: () => Promise<E>): () => E {
  let env: E | undefined;
  beforeAll(async () => {
    env = await start();
  }, 120_000);
  afterAll(async () => {
    await env?.stop();
  });
  return () => {
    if (!env) throw new Error('the stack did not start');
    return env;
  };
}

/**
 * Inside a describe: the local stack with Chromium, started before its tests and stopped after, and a page
 * opener at a viewport (default 1200×900) whose console errors land in `errors`.
 */
export function useBrowserStack(tableName: string, options: { readonly tokenTtlSeconds?: number } = {}) {
  const errors: string[] = [];
  const envOf = useStarted(() => startBrowserStack(tableName, options));
  return {
    errors,
    stackOf: envOf,
    open: (path: string, width?: number, height?: number): Promise<Page> =>
      openPage(envOf().browser, envOf().stack.apiUrl, path, errors, width, undefined, height),
  };
}

/** Who calls: staff by their bearer token, the customer of one claim by its token, or nobody. */
export type Caller = string | { readonly claimToken: string } | undefined;

/** A JSON request to the stack's API as the customer (no bearer, or a claim token) or staff; it must succeed. */
export async function callApi(
  stack: LocalStack,
  method: string,
  path: string,
  caller: Caller,
  body?: unknown,
): Promise<unknown> {
  const filing = method === 'POST' && path === '/claims';
  // A claim posted as the web form posts it: the customer ticked the consent line (issue 18).
  if (filing && typeof body === 'object' && body !== null && !('privacyConsent' in body))
    body = { ...body, privacyConsent: { noticeVersion: 1 } };
  // …and its proof of work, solved for a fresh Idempotency-Key as the page solves it.
  const proof = filing ? await fetchedProofHeaders(stack.apiUrl) : {};
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...proof,
      ...(typeof caller === 'string' ? { authorization: `Bearer ${caller}` } : {}),
      ...(typeof caller === 'object' ? { 'x-claim-token': caller.claimToken } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json: unknown = await response.json();
  expect(response.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

/**
 * A new page at `path`, its console errors and page errors collected into `errors`, and, given `requests`,
 * every request it makes from the first (the page itself) on.
 */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  path: string,
  errors: string[],
  width = 1200,
  requests?: Request[],
  height = 900,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  if (requests) page.on('request', (r) => requests.push(r));
  await page.goto(`${baseUrl}${path}`);
  return page;
}

const AxeResultSchema = z.object({
  violations: z.array(
    z.object({ id: z.string(), impact: z.string().nullable().optional(), help: z.string() }),
  ),
});

/** Every axe-core finding on the page, of any impact, as "rule (impact): help". */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, which the pages' strict CSP (no inline scripts) does not
  // govern; a <script> tag with the source inline would be refused by it, as it should be.
  await page.evaluate(source);
  const raw: unknown = await page.evaluate('axe.run(document, { resultTypes: ["violations"] })');
  return AxeResultSchema.parse(raw).violations.map((v) => `${v.id} (${v.impact ?? 'none'}): ${v.help}`);
}

/** axe-core in the page; serious and critical findings fail the test. */
export async function expectAccessible(page: Page): Promise<void> {
  const serious = (await axeViolations(page)).filter((v) => /\((serious|critical)\)/.test(v));
  expect(serious).toEqual([]);
}

/**
 * Signs in on the console or the dashboard as a person would: "Sign in" on the page, then the local sign-in
 * page (the stand-in for Cognito's managed login), back to the page with a code it exchanges for a token.
 */
/** The same words in either language, exactly: the helpers sign in from zh-CN and English pages alike. */
export function eitherLang(zh: string, en: string): RegExp {
  const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Padded: a checkbox label's text keeps the space after its box.
  return new RegExp(`^\\s*(${quote(zh)}|${quote(en)})\\s*$`);
}

/** "Sign in" on the console, the dashboard or the local sign-in page, in the page's language. */
export const SIGN_IN = eitherLang('登录', 'Sign in');

/** A role's checkbox on the local sign-in page, in the page's language. */
export function roleLabel(role: StaffRole): RegExp {
  const [zh, en] = STAFF_ROLE_LABELS[role];
  return eitherLang(zh, en);
}

/** Signs in on the local sign-in page as someone from the staff directory, by the name shown. */
export async function signInFromDirectory(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: SIGN_IN }).click();
  await page.waitForURL((url) => url.pathname === '/local/oauth2/authorize');
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/local/') && !url.searchParams.has('code'));
}

export async function signInAsStaff(
  page: Page,
  who: { role: StaffRole; unit?: string; sub?: string; approvalLimitFen?: number },
): Promise<void> {
  await page.getByRole('button', { name: SIGN_IN }).click();
  await page.waitForURL((url) => url.pathname === '/local/oauth2/authorize');
  for (const role of STAFF_ROLES) await page.getByLabel(roleLabel(role)).setChecked(role === who.role);
  if (who.unit !== undefined) await page.getByLabel(eitherLang('单位', 'Unit')).fill(who.unit);
  if (who.sub !== undefined) await page.getByLabel(eitherLang('用户编号', 'User id')).fill(who.sub);
  if (who.approvalLimitFen !== undefined)
    await page
      .getByLabel(eitherLang('审批限额（分）', 'Approval limit in fen'))
      .fill(String(who.approvalLimitFen));
  await page.getByRole('button', { name: SIGN_IN }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/local/') && !url.searchParams.has('code'));
}

/** Waits (bounded) for a mail to `to` whose subject contains `words`, and returns it as read. */
export async function mailTo(outboxDir: string, to: string, words: string) {
  for (let attempt = 0; attempt < 150; attempt++) {
    const names = (await readdir(outboxDir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml'));
    for (const name of names) {
      const mail = await simpleParser(await readFile(join(outboxDir, name)));
      const toText = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
      if (toText.includes(to) && (mail.subject ?? '').includes(words)) return mail;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to} about ${words} in ${outboxDir}`);
}
