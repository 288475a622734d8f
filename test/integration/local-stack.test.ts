import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freePort } from '../../infra/local/dynamodb-local.js';
import {
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  issueLocalToken,
  loadLocalKeys,
} from '../../infra/local/local-auth.js';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.js';
import { formBody } from '../support/http.js';
import { DynamoMailStore } from '../../shared/adapters/dynamodb/mail-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { fetchedProofHeaders } from '../support/proof-of-work.js';

const run = promisify(execFile);

/**
 * The local stack as `npm start` runs it (its own DynamoDB Local, the real handler behind the local
 * HTTP API and authorizer), driven over HTTP the way a customer's browser and curl would.
 */
describe('local stack over HTTP', () => {
  let stack: LocalStack;
  const dataDir = mkdtempSync(join(tmpdir(), 'claims-stack-'));
  const keysFile = join(dataDir, 'local-auth', 'keys.json');

  beforeAll(async () => {
    stack = await startLocalStack({
      port: 0,
      dynamoPort: await freePort(),
      keysFile,
      tableName: 'claims-it',
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function cliToken(...args: string[]): Promise<string> {
    const { stdout } = await run('npx', ['tsx', 'infra/cli/claims.ts', 'token', ...args], {
      env: { ...process.env, CLAIMS_DATA_DIR: dataDir },
    });
    const lines = stdout.trim().split('\n');
    return lines[lines.length - 1] ?? '';
  }

  it('files a claim, shows it to its customer only with the token, and lists it in the HQ work queue', async () => {
    const filed = await fetch(`${stack.apiUrl}/claims`, {
      method: 'POST',
      // As the form sends it: consent in formBody, the proof of work solved for its key (issue 18).
      headers: {
        'content-type': 'application/json',
        ...(await fetchedProofHeaders(stack.apiUrl, 'stack-test-0001')),
      },
      body: JSON.stringify(formBody()),
    });
    expect(filed.status).toBe(201);
    const claim = z
      .object({ number: z.string(), accessToken: z.string(), trackingPath: z.string() })
      .parse(await filed.json());
    expect(claim.trackingPath).toBe(`/track.html?number=${claim.number}#t=${claim.accessToken}`);
    const tracked = await fetch(`${stack.apiUrl}/claims/${claim.number}`, {
      headers: { 'x-claim-token': claim.accessToken },
    });
    expect(tracked.status).toBe(200);
    expect(await tracked.json()).toMatchObject({ number: claim.number, status: 'received' });
    const wrong = await fetch(`${stack.apiUrl}/claims/${claim.number}`, {
      headers: { 'x-claim-token': 'wrong' },
    });
    expect(wrong.status).toBe(404);
    expect((await fetch(`${stack.apiUrl}/claims/${claim.number}?token=${claim.accessToken}`)).status).toBe(
      400,
    );

    const token = await cliToken('--role', 'manager', '--unit', 'HQ');
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const queue = await fetch(`${stack.apiUrl}/staff/claims`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(queue.status).toBe(200);
    const { items } = (await queue.json()) as { items: { number: string }[] };
    expect(items.map((i) => i.number)).toContain(claim.number);
  });

  it('takes a customer’s TD texted back (POST /local/sms-in) as an opt-out, and other texts as nothing', async () => {
    const mailStore = new DynamoMailStore(
      createDocumentClient({ endpoint: stack.dynamoEndpoint, region: 'local' }),
      'claims-it',
    );
    const text = (body: unknown) =>
      fetch(`${stack.apiUrl}/local/sms-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const hello = await text({ from: '+8613900139000', text: '你好，请问进度？' });
    expect(await hello.json()).toEqual({ handled: true });
    expect(await mailStore.isTextOptedOut('+8613900139000')).toBe(false);
    const stop = await text({ from: '13900139000', text: ' td ' });
    expect(stop.status).toBe(200);
    expect(await mailStore.isTextOptedOut('+8613900139000')).toBe(true);
    const bad = await text({ phone: '13900139000' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('"from"');
  });

  it('refuses staff routes without a token, with an expired one, a wrongly signed one, and a wrong role', async () => {
    const url = `${stack.apiUrl}/staff/claims`;
    expect((await fetch(url)).status).toBe(401);
    const keys = await loadLocalKeys(keysFile);
    const base = { role: ['manager' as const], unit: 'HQ', sub: 'm', approvalLimitFen: 0, ttlSeconds: 60 };
    const expired = await issueLocalToken(keys, base, new Date(Date.now() - 3_600_000));
    expect((await fetch(url, { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
    const stranger = await generateKeyPair('ES256');
    const forged = await new SignJWT({ 'cognito:groups': ['admin'], 'custom:unit': 'HQ' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('mallory')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(stranger.privateKey);
    expect((await fetch(url, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    const finance = await cliToken('--role', 'finance', '--unit', 'HQ');
    const claim = (await (
      await fetch(`${stack.apiUrl}/claims`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await fetchedProofHeaders(stack.apiUrl)) },
        body: JSON.stringify(formBody()),
      })
    ).json()) as { number: string };
    const assign = await fetch(`${stack.apiUrl}/staff/claims/${claim.number}/assign`, {
      method: 'POST',
      headers: { authorization: `Bearer ${finance}`, 'content-type': 'application/json' },
      body: JSON.stringify({ assigneeId: 'x' }),
    });
    expect(assign.status).toBe(403);
  });

  it('answers 413 for a body over API Gateway’s or the handler’s limit', async () => {
    const response = await fetch(`${stack.apiUrl}/claims`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(formBody({ description: 'x'.repeat(100_000) })),
    });
    expect(response.status).toBe(413);
  });

  it('uploads evidence through a signed local URL, files the claim with it, and lets staff download it', async () => {
    const bytes = Buffer.from('%PDF-1.4 receipt');
    const asked = await fetch(`${stack.apiUrl}/claims/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '收据.pdf', contentType: 'application/pdf', size: bytes.length }),
    });
    expect(asked.status).toBe(201);
    const ticket = z
      .object({
        upload: z.object({ key: z.string(), name: z.string(), contentType: z.string(), size: z.number() }),
        url: z.string(),
        method: z.literal('PUT'),
        headers: z.record(z.string(), z.string()),
      })
      .parse(await asked.json());
    const target = new URL(ticket.url, stack.apiUrl);
    // Another type, another length, a tampered signature: refused like S3 would.
    const put = (body: Buffer, headers: Record<string, string>, url = target) =>
      fetch(url, { method: 'PUT', headers, body });
    expect((await put(bytes, { 'content-type': 'image/png' })).status).toBe(403);
    expect((await put(Buffer.concat([bytes, bytes]), ticket.headers)).status).toBe(400);
    const tampered = new URL(target);
    tampered.searchParams.set('size', String(bytes.length + 1));
    expect((await put(bytes, ticket.headers, tampered)).status).toBe(403);
    // Not uploaded yet: filing with it is refused.
    const early = await fetch(`${stack.apiUrl}/claims`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await fetchedProofHeaders(stack.apiUrl)) },
      body: JSON.stringify(formBody({ uploads: [ticket.upload] })),
    });
    expect(early.status).toBe(400);

    expect((await put(bytes, ticket.headers)).status).toBe(200);
    const filed = await fetch(`${stack.apiUrl}/claims`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await fetchedProofHeaders(stack.apiUrl)) },
      body: JSON.stringify(formBody({ uploads: [ticket.upload] })),
    });
    expect(filed.status).toBe(201);
    const { number } = z.object({ number: z.string() }).parse(await filed.json());
    const agent = await cliToken('--role', 'agent', '--unit', 'HQ');
    const link = await fetch(`${stack.apiUrl}/staff/claims/${number}/evidence/0`, {
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(link.status).toBe(200);
    const { url } = z.object({ url: z.string() }).parse(await link.json());
    const download = await fetch(new URL(url, stack.apiUrl));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('收据.pdf')}`,
    );
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
  });
});
