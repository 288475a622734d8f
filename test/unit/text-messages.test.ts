import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { outboxPage } from '../../infra/local/outbox-page.js';
import { OutboxTextMessages } from '../../shared/adapters/local/outbox-text-messages.js';
import { InMemoryTextMessages } from '../../shared/adapters/memory/text-messages.js';
import { EndUserMessagingTexts } from '../../shared/adapters/sms/end-user-messaging.js';
import { toE164 } from '../../shared/domain/phone.js';
import { TextRejectedError, type TextMessages } from '../../shared/ports/text-messages.js';

const sms = mockClient(PinpointSMSVoiceV2Client);
afterEach(() => sms.reset());

const message = {
  to: '+8613800138000',
  text: '【理赔】您的申请 C-2026-000123 已受理。查看进度：https://claims.example/t',
  idempotencyKey: 'notify:claim-1:acknowledgment',
};

describe('toE164', () => {
  it('writes mainland mobiles with +86 and international numbers with +', () => {
    expect(toE164('13800138000')).toBe('+8613800138000');
    expect(toE164('138 0013 8000')).toBe('+8613800138000');
    expect(toE164('+86 138-0013-8000')).toBe('+8613800138000');
    expect(toE164('008613800138000')).toBe('+8613800138000');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    expect(toE164('0044 20 7946 0958')).toBe('+442079460958');
    expect(toE164('021 1234 5678')).toBeNull();
  });
});

/** The port's contract, run against every adapter: a send returns an id, the same key twice is fine. */
function contract(name: string, make: () => Promise<TextMessages>) {
  it(`${name}: sends and returns a message id`, async () => {
    const texts = await make();
    const sent = await texts.send(message);
    expect(sent.messageId).not.toBe('');
  });
}

describe('TextMessages contract', () => {
  contract('in memory', () => Promise.resolve(new InMemoryTextMessages()));
  contract('local outbox', async () => new OutboxTextMessages(await mkdtemp(join(tmpdir(), 'sms-'))));
  contract('End User Messaging', () => {
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'eum-1' });
    return Promise.resolve(
      new EndUserMessagingTexts(new PinpointSMSVoiceV2Client({ region: 'ap-east-1' }), {
        originationIdentity: 'pool-1',
      }),
    );
  });
});

describe('End User Messaging adapter', () => {
  it('sends one transactional SendTextMessage from the configured origination identity', async () => {
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'eum-42' });
    const texts = new EndUserMessagingTexts(new PinpointSMSVoiceV2Client({ region: 'ap-east-1' }), {
      originationIdentity: 'arn:aws:sms-voice:ap-east-1:123456789012:pool/pool-abc',
      configurationSetName: 'claims-sms',
    });
    expect(await texts.send(message)).toEqual({ messageId: 'eum-42' });
    const calls = sms.commandCalls(SendTextMessageCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      DestinationPhoneNumber: '+8613800138000',
      OriginationIdentity: 'arn:aws:sms-voice:ap-east-1:123456789012:pool/pool-abc',
      MessageBody: message.text,
      MessageType: 'TRANSACTIONAL',
      ConfigurationSetName: 'claims-sms',
      Context: { idempotencyKey: 'notify:claim-1:acknowledgment' },
    });
  });

  it('turns a validation error (e.g. an opted-out number) into a rejection, and keeps throttling transient', async () => {
    const texts = new EndUserMessagingTexts(new PinpointSMSVoiceV2Client({ region: 'ap-east-1' }), {
      originationIdentity: 'pool-1',
    });
    sms
      .on(SendTextMessageCommand)
      .rejectsOnce(Object.assign(new Error('destination opted out'), { name: 'ValidationException' }));
    await expect(texts.send(message)).rejects.toBeInstanceOf(TextRejectedError);
    sms
      .on(SendTextMessageCommand)
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const error: unknown = await texts.send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TextRejectedError);
  });
});

describe('local outbox', () => {
  it('writes each SMS as a file the /outbox page lists and shows', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'sms-'));
    await new OutboxTextMessages(folder, () => new Date('2026-12-03T08:00:00Z')).send(message);
    const [file] = await readdir(folder);
    expect(file).toBe('2026-12-03T08-00-00-000Z-notify_claim-1_acknowledgment.sms.txt');
    expect(await readFile(join(folder, file ?? ''), 'utf8')).toBe(
      `To: +8613800138000\nIdempotency-Key: notify:claim-1:acknowledgment\n\n${message.text}\n`,
    );

    const page = outboxPage(folder);
    const server = createServer((req, res) => {
      void page(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      const base = `http://127.0.0.1:${address.port}`;
      const list = await (await fetch(`${base}/outbox`)).text();
      expect(list).toContain('<h1>发件箱 (1)</h1>');
      // Listed with its channel, recipient and first line, linked by its file name.
      expect(list).toContain('<td>短信</td><td>+8613800138000</td>');
      expect(list).toContain(`href="/outbox/${encodeURIComponent(file ?? '')}"`);
      expect(await (await fetch(`${base}/outbox?lang=en`)).text()).toContain('<h1>Outbox (1)</h1>');
      const shown = await (await fetch(`${base}/outbox/${encodeURIComponent(file ?? '')}`)).text();
      expect(shown).toContain('To: +8613800138000');
      expect(shown).toContain('C-2026-000123 已受理');
    } finally {
      server.close();
    }
  });
});
