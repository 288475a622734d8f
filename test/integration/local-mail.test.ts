import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freePort } from '../../infra/local/dynamodb-local.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { DynamoMailStore } from '../../shared/adapters/dynamodb/mail-store.js';
import type { InboundOutcome } from '../../shared/ports/mail-store.js';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.js';

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Waits (bounded) for the notify consumer to write `count` messages to the outbox. */
async function outboxFiles(folder: string, count: number): Promise<string[]> {
  for (let i = 0; i < 150; i++) {
    const files = await readdir(folder).catch(() => [] as string[]);
    const eml = files.filter((f) => f.endsWith('.eml')).sort();
    if (eml.length >= count) return eml;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the outbox in ${folder} did not receive ${count} message(s)`);
}

/**
 * Tried as a new user would: `npm start`'s stack, a message sent to its SMTP port by an ordinary mail
 * client (nodemailer's SMTP transport), and the acknowledgment read from the outbox.
 */
describe('mail in and out on the local stack', () => {
  let stack: LocalStack;
  const dataDir = mkdtempSync(join(tmpdir(), 'claims-mail-'));

  beforeAll(async () => {
    stack = await startLocalStack({
      port: 0,
      dynamoPort: await freePort(),
      keysFile: join(dataDir, 'local-auth', 'keys.json'),
      tableName: 'claims-mail-it',
      dataDir,
      smtpPort: 0,
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('turns a mailed complaint into a claim and puts its acknowledgment in the outbox', async () => {
    const transport = createTransport({
      host: '127.0.0.1',
      port: stack.mail.smtpPort(),
      secure: false,
      ignoreTLS: true,
    });
    const info = await transport.sendMail({
      from: '王芳 <wangfang@example.com>',
      to: 'claims@claims.localhost',
      subject: '电热水壶漏水，要求退款',
      text: '订单号 SO-3001，电热水壶用了三天壶底漏水。',
      attachments: [{ filename: '照片.jpg', content: Buffer.from('jpeg-bytes'), contentType: 'image/jpeg' }],
    });
    expect(info.accepted).toEqual(['claims@claims.localhost']);
    transport.close();

    const [file] = await outboxFiles(stack.mail.outboxDir, 1);
    const mail = await simpleParser(await readFile(join(stack.mail.outboxDir, file ?? '')));
    const number = /CLM-\d{4}-\d{6}/.exec(mail.subject ?? '')?.[0];
    expect(number).toBeDefined();
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('wangfang@example.com');
    expect(mail.text).toContain(`编号 ${number ?? ''}`);
    expect(mail.text).toMatch(/我们将在 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前给您首次答复/);
    expect(mail.text).toContain('产品名称和型号');
    // The notify consumer marked the acknowledgment relayed when it arrived (before sending it).
    const store = new DynamoClaimStore(
      createDocumentClient({ endpoint: stack.dynamoEndpoint }),
      'claims-mail-it',
    );
    const pending = await store.pendingOutbox(100, new Date('2100-01-01T00:00:00Z'));
    expect(pending.filter((m) => m.id.endsWith(':acknowledgment'))).toEqual([]);

    // The tracking link opens the tracking page, with a token issued for this mail that the API accepts.
    const link = /(http:\/\/127\.0\.0\.1:\d+\/track\.html\?\S+)/.exec(mail.text ?? '')?.[1] ?? '';
    expect(link.startsWith(`${stack.apiUrl}/track.html?number=${number ?? ''}#t=`)).toBe(true);
    const token = new URLSearchParams(new URL(link).hash.slice(1)).get('t') ?? '';
    const apiView = () =>
      fetch(`${stack.apiUrl}/claims/${number ?? ''}`, { headers: { 'x-claim-token': token } });
    const tracked = await apiView();
    expect(tracked.status).toBe(200);
    const view = z
      .object({ number: z.string(), status: z.string() })
      .passthrough()
      .parse(await tracked.json());
    expect(view).toMatchObject({ number, status: 'needs_material' });

    // The outbox page lists it and shows it decoded.
    const page = await (await fetch(`${stack.apiUrl}/outbox`)).text();
    expect(page).toContain(file);
    const shown = await (await fetch(`${stack.apiUrl}/outbox/${encodeURIComponent(file ?? '')}`)).text();
    expect(shown).toContain(number);
    expect((await fetch(`${stack.apiUrl}/outbox/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);

    // Replying from the mail client threads by In-Reply-To onto the same claim (no second acknowledgment).
    const reply = createTransport({
      host: '127.0.0.1',
      port: stack.mail.smtpPort(),
      secure: false,
      ignoreTLS: true,
    });
    await reply.sendMail({
      from: 'wangfang@example.com',
      to: 'claims@claims.localhost',
      subject: `Re: ${mail.subject ?? ''}`,
      inReplyTo: mail.messageId,
      references: mail.messageId,
      text: '型号 K1，2026-11-20 发现。',
    });
    reply.close();
    const Timeline = z.object({ timeline: z.array(z.object({ action: z.string() })) }).passthrough();
    let actions: string[] = [];
    for (let i = 0; i < 150 && !actions.includes('customer_email'); i++) {
      actions = Timeline.parse(await (await apiView()).json()).timeline.map((e) => e.action);
      if (!actions.includes('customer_email')) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(actions).toContain('customer_email');
    expect(await outboxFiles(stack.mail.outboxDir, 1)).toHaveLength(1);

    // Verdicts the way SES gives them, through the listener's test header: a forged From with the claim
    // number is held; the acknowledgment's Reply-To (the claim's reply address) attaches even so.
    const replyAddress = mail.replyTo?.value[0]?.address ?? '';
    expect(replyAddress).toMatch(new RegExp(`^claims\\+${number ?? ''}\\.[0-9a-f]{20}@claims\\.localhost$`));
    const client = createTransport({ host: '127.0.0.1', port: stack.mail.smtpPort(), ignoreTLS: true });
    await client.sendMail({
      from: 'wangfang@example.com',
      to: 'claims@claims.localhost',
      subject: `Re: [${number ?? ''}] 收款账户变更`,
      text: '请把赔偿打到新账户 6222 0000 1111。',
      headers: { 'X-Local-SES-Verdicts': 'spf=PASS; dkim=FAIL; dmarc=FAIL' },
    });
    await client.sendMail({
      from: 'wangfang@example.com',
      to: replyAddress,
      subject: 'Re: 补充',
      text: '发票稍后补上。',
      headers: { 'X-Local-SES-Verdicts': 'spf=FAIL; dkim=FAIL; dmarc=FAIL' },
    });
    await expect(
      client.sendMail({
        from: 'a@example.com',
        to: 'claims@claims.localhost',
        subject: 'x',
        text: 'x',
        headers: { 'X-Local-SES-Verdicts': 'spf=MAYBE' },
      }),
    ).rejects.toThrow(/X-Local-SES-Verdicts must read like/);
    client.close();
    const mailStore = new DynamoMailStore(
      createDocumentClient({ endpoint: stack.dynamoEndpoint }),
      'claims-mail-it',
    );
    const inbox = join(stack.mail.blobDir, 'raw-mail', 'inbound');
    let outcomes: InboundOutcome[] = [];
    for (let i = 0; i < 150; i++) {
      const files = await readdir(inbox);
      const records = await Promise.all(
        files.map(async (f) => mailStore.getInbound(sha256Of(await readFile(join(inbox, f))))),
      );
      if (files.length === 4 && records.every((r) => r !== null)) {
        outcomes = records.flatMap((r) => (r ? [r.outcome] : []));
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['claim', 'quarantined', 'reply', 'reply']);
    expect(outcomes).toContainEqual(expect.objectContaining({ kind: 'reply', replyAddress: true }));
    expect(outcomes).toContainEqual(
      expect.objectContaining({ kind: 'quarantined', reasons: ['unverified_sender', 'sender:dmarc_fail'] }),
    );
    const claimId = outcomes.find((o) => o.kind === 'claim')?.claimId ?? '';
    const customerMail = (await store.listEvents(claimId))
      .filter((e) => e.action === 'customer_email')
      .map((e) => e.note ?? '');
    expect(customerMail).toHaveLength(2);
    expect(customerMail.join('\n')).toContain('发票稍后补上。');
    expect(customerMail.join('\n')).not.toContain('6222');
  });
});
