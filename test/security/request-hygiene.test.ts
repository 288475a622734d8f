import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { parseMail } from '../../shared/adapters/mail/parse-mail.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';
import { rawMail } from '../support/mail.js';

/**
 * Issue 22, breaks 8 and 9: a text/plain body was accepted (a cross-origin "simple" POST, no preflight);
 * a Cognito access token got 403 instead of 401; a mail of 500 attachments was refused whole although
 * the first 40 are documented as kept; every role could turn a phone number into claims.
 */
describe('request hygiene (DynamoDB Local)', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  beforeAll(async () => {
    table = await createTestTable();
    api = createApi(testDependencies(table.store));
  });

  it('takes a JSON body only as application/json (415 otherwise), writing nothing', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const before = await table.allItems();
      const result = await invoke(
        api,
        httpEvent('POST', '/claims', { headers: { 'content-type': type }, body: formBody() }),
      );
      expect(result.status).toBe(415);
      expect(result.body).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
      expect(await table.allItems()).toEqual(before);
    }
    const json = await invoke(
      api,
      httpEvent('POST', '/claims', {
        headers: { 'content-type': 'Application/JSON; charset=utf-8' },
        body: formBody(),
      }),
    );
    expect(json.status).toBe(201);
  });

  it('refuses a Cognito access token with 401, as the cloud does', async () => {
    const { 'custom:unit': _unit, token_use: _use, ...rest } = staffClaims(['agent']);
    const access = { ...rest, token_use: 'access', client_id: 'staff-console', scope: 'openid' };
    const result = await invoke(api, httpEvent('GET', '/staff/me', { claims: access }));
    expect(result.status).toBe(401);
    // The same person's ID token is served.
    expect(
      (await invoke(api, httpEvent('GET', '/staff/me', { claims: staffClaims(['agent']) }))).status,
    ).toBe(200);
  });

  it('lets only roles that talk to customers search by phone or email', async () => {
    const queries: Record<string, string>[] = [{ phone: '13800138000' }, { email: 'a@example.com' }];
    for (const query of queries) {
      for (const role of ['finance', 'executive', 'admin'] as const) {
        const result = await invoke(
          api,
          httpEvent('GET', '/staff/search', { claims: staffClaims([role]), query }),
        );
        expect(result.status).toBe(403);
      }
      for (const role of ['agent', 'manager', 'legal'] as const) {
        const result = await invoke(
          api,
          httpEvent('GET', '/staff/search', { claims: staffClaims([role]), query }),
        );
        expect(result.status).toBe(200);
      }
    }
    // Claim numbers and orders stay open to every role.
    const byOrder = await invoke(
      api,
      httpEvent('GET', '/staff/search', { claims: staffClaims(['finance']), query: { order: 'SO-1001' } }),
    );
    expect(byOrder.status).toBe(200);
  });

  it('keeps the first 40 of 500 attachments and counts the rest, as documented', async () => {
    const part = (headers: string[], body: string) => `--b\r\n${headers.join('\r\n')}\r\n\r\n${body}`;
    const attachments = Array.from({ length: 500 }, (_, i) =>
      part(
        [
          `Content-Type: text/plain; name="f${i}.txt"`,
          `Content-Disposition: attachment; filename="f${i}.txt"`,
        ],
        `file ${i}`,
      ),
    );
    const raw = rawMail(
      [
        'From: a@example.com',
        'Subject: many',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
      ],
      [part(['Content-Type: text/plain'], 'see attached'), ...attachments].join('\r\n') + '\r\n--b--\r\n',
    );
    const result = await parseMail(raw, {
      maxMessageBytes: 10 * 1024 * 1024,
      maxMimeDepth: 10,
      maxHeaderBytes: 64 * 1024,
      maxAttachments: 40,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.mail.attachments).toHaveLength(40);
    expect(result.mail.attachments[0]?.name).toBe('f0.txt');
    expect(result.mail.skippedAttachments).toBe(460);
  });
});
