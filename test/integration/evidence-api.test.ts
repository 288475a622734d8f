import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';

/** Evidence uploads end to end through the API handler, on DynamoDB Local (the evidence store in memory). */
describe('evidence uploads through the API (DynamoDB Local)', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  let deps: ReturnType<typeof testDependencies>;

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store);
    api = createApi(deps);
  });

  /** Asks for an upload; with `bytes`, also makes the upload the signed request points to. */
  async function upload(
    name: string,
    contentType: string,
    bytes?: string,
    path = '/claims/uploads',
    customerToken?: string,
  ) {
    const size = Buffer.byteLength(bytes ?? 'x');
    const result = await invoke(
      api,
      httpEvent('POST', path, {
        body: { name, contentType, size },
        ...(customerToken !== undefined ? { customerToken } : {}),
      }),
    );
    expect(result.status).toBe(201);
    const upload = result.body['upload'] as { key: string; name: string; contentType: string; size: number };
    if (bytes !== undefined) await deps.evidence.put(upload.key, bytes, contentType);
    return { upload, body: result.body };
  }

  it('answers an upload request with the reference, a signed PUT, its headers and expiry', async () => {
    const { upload: ref, body } = await upload('小票.png', 'image/png');
    expect(ref).toMatchObject({ name: '小票.png', contentType: 'image/png', size: 1 });
    expect(ref.key).toMatch(/^uploads\/new\//);
    expect(body).toMatchObject({
      url: `memory://put/${ref.key}`,
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      expiresAt: '2026-11-23T02:15:00.000Z',
    });
  });

  it('refuses a disallowed type or a file over the limit (400, nothing signed)', async () => {
    const signedBefore = deps.uploads.signed.length;
    for (const body of [
      { name: 'a.exe', contentType: 'application/x-msdownload', size: 10 },
      { name: 'big.pdf', contentType: 'application/pdf', size: 10 * 1024 * 1024 + 1 },
    ]) {
      const result = await invoke(api, httpEvent('POST', '/claims/uploads', { body }));
      expect(result.status).toBe(400);
    }
    expect(deps.uploads.signed.length).toBe(signedBefore);
  });

  it('files a claim with an upload: evidence with SHA-256 on the claim, listed for the customer and staff', async () => {
    const { upload: ref } = await upload('壶底.jpg', 'image/jpeg', 'JPEG bytes');
    const filed = await invoke(api, httpEvent('POST', '/claims', { body: formBody({ uploads: [ref] }) }));
    expect(filed.status).toBe(201);
    const number = String(filed.body['number']);
    const stored = await table.store.getByNumber(number);
    expect(stored?.evidence).toEqual([
      {
        key: ref.key.replace(/^uploads\//, 'kept/'),
        name: '壶底.jpg',
        contentType: 'image/jpeg',
        size: 10,
        sha256: createHash('sha256').update('JPEG bytes').digest('hex'),
        source: 'web:form',
        addedAt: '2026-11-23T02:00:00.000Z',
      },
    ]);
    const view = await invoke(
      api,
      httpEvent('GET', `/claims/${number}`, { customerToken: String(filed.body['accessToken']) }),
    );
    expect(view.body['evidence']).toEqual([
      { name: '壶底.jpg', contentType: 'image/jpeg', size: 10, addedAt: '2026-11-23T02:00:00.000Z' },
    ]);
    const download = await invoke(
      api,
      httpEvent('GET', `/staff/claims/${number}/evidence/0`, { claims: staffClaims(['agent']) }),
    );
    expect(download).toMatchObject({
      status: 200,
      body: {
        name: '壶底.jpg',
        url: `memory://get/${ref.key.replace(/^uploads\//, 'kept/')}`,
        expiresAt: '2026-11-23T02:05:00.000Z',
      },
    });
    // Outside the claim's units, or no such item: the same 404 as for the claim itself.
    for (const [path, claims] of [
      [`/staff/claims/${number}/evidence/0`, staffClaims(['agent'], 'EAST-SH01')],
      [`/staff/claims/${number}/evidence/1`, staffClaims(['agent'])],
    ] as const) {
      expect((await invoke(api, httpEvent('GET', path, { claims }))).status).toBe(404);
    }
  });

  it('a missing upload: 400 naming it, and the table is untouched', async () => {
    const { upload: present } = await upload('a.pdf', 'application/pdf', 'PDF');
    const { upload: missing } = await upload('b.pdf', 'application/pdf');
    const before = await table.allItems();
    const result = await invoke(
      api,
      httpEvent('POST', '/claims', { body: formBody({ uploads: [present, missing] }) }),
    );
    expect(result.status).toBe(400);
    expect(result.body['error']).toMatchObject({
      issues: [{ path: 'uploads.1', code: 'upload_missing', message: '没有收到文件“b.pdf”，请重新上传。' }],
    });
    expect(await table.allItems()).toEqual(before);
  });

  it('adds material with an upload on the claim’s own prefix, in the same write as the submission', async () => {
    const filed = await invoke(api, httpEvent('POST', '/claims', { body: formBody() }));
    const number = String(filed.body['number']);
    const token = String(filed.body['accessToken']);
    await invoke(
      api,
      httpEvent('POST', `/staff/claims/${number}/request-material`, {
        claims: staffClaims(['agent']),
        body: { items: ['发票'] },
      }),
    );
    // A form upload cannot be attached as material.
    const { upload: formUpload } = await upload('x.pdf', 'application/pdf', 'PDF');
    const before = await table.allItems();
    const wrong = await invoke(
      api,
      httpEvent('POST', `/claims/${number}/material`, {
        customerToken: token,
        body: { message: '发票', uploads: [formUpload] },
      }),
    );
    expect(wrong.status).toBe(400);
    expect(await table.allItems()).toEqual(before);

    const { upload: ref } = await upload(
      '发票.pdf',
      'application/pdf',
      'INVOICE',
      `/claims/${number}/uploads`,
      token,
    );
    const added = await invoke(
      api,
      httpEvent('POST', `/claims/${number}/material`, {
        customerToken: token,
        body: { message: '发票', uploads: [ref] },
      }),
    );
    expect(added).toMatchObject({ status: 200, body: { materialSubmissions: 1 } });
    const stored = await table.store.getByNumber(number);
    expect(stored?.evidence?.map((e) => [e.name, e.source, e.size])).toEqual([
      ['发票.pdf', 'web:material', 7],
    ]);
    const events = await table.store.listEvents(stored?.id ?? '');
    expect(events.at(-1)).toMatchObject({ action: 'add_material' });
    expect(events.at(-1)?.changes.map((c) => c.field)).toContain('evidence');
    // Without the token: the same 404 as reading the claim.
    const anonymous = await invoke(
      api,
      httpEvent('POST', `/claims/${number}/uploads`, {
        body: { name: 'a.png', contentType: 'image/png', size: 1 },
      }),
    );
    expect(anonymous.status).toBe(404);
  });
});
