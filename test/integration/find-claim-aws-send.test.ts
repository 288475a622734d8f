import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { simpleParser } from 'mailparser';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { createNotify } from '../../functions/notify/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { SesMailer } from '../../shared/adapters/ses/mailer.js';
import { EndUserMessagingTexts } from '../../shared/adapters/sms/end-user-messaging.js';
import { LookupCodeIntentSchema } from '../../shared/domain/claim-finder.js';
import { createTestTable } from '../support/dynamo.js';
import { formBody, httpEvent, invoke } from '../support/http.js';
import { sqsEvent } from '../support/mail.js';
import { mailTestDependencies, type MailTestDeps } from '../support/mail-deps.js';

const sms = mockClient(PinpointSMSVoiceV2Client);
const ses = mockClient(SESClient);

/** What the notify function hands End User Messaging and SES for a "find my claim" code (the real adapters). */
describe('find my claim: what goes to SMS and SES', () => {
  let t: MailTestDeps;
  let api: ReturnType<typeof createApi>;
  let notify: ReturnType<typeof createNotify>;
  let number: string;

  beforeEach(async () => {
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'sms-1' });
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'ses-1' });
    const table = await createTestTable();
    t = mailTestDependencies(table, {
      texts: new EndUserMessagingTexts(new PinpointSMSVoiceV2Client({ region: 'ap-east-1' }), {
        originationIdentity: 'pool-claims',
      }),
      mailer: new SesMailer(new SESClient({ region: 'ap-east-1' }), undefined),
    });
    api = createApi(t.base);
    notify = createNotify(t.notify);
    const filed = await invoke(
      api,
      httpEvent('POST', '/claims', {
        body: formBody({ claimant: { name: '王芳', phone: '13800138000', email: 'wang@example.com' } }),
      }),
    );
    number = String(filed.body['number']);
    sms.resetHistory();
    ses.resetHistory();
  });

  afterEach(() => {
    sms.reset();
    ses.reset();
  });

  async function requestAndDeliver(contact: string) {
    await invoke(api, httpEvent('POST', '/lookup/code', { body: { number, contact } }));
    const intent = t.base.queues.sent
      .map((m) => LookupCodeIntentSchema.safeParse(m.body))
      .flatMap((r) => (r.success ? [r.data] : []))
      .at(-1);
    expect((await notify(sqsEvent([intent]), lambdaContext())).batchItemFailures).toEqual([]);
    return intent;
  }

  it('texts only the code, transactional, to the claim’s phone', async () => {
    const intent = await requestAndDeliver('13800138000');
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(0);
    const [call] = sms.commandCalls(SendTextMessageCommand);
    const input = call?.args[0].input;
    expect(input).toMatchObject({
      DestinationPhoneNumber: '+8613800138000',
      OriginationIdentity: 'pool-claims',
      MessageType: 'TRANSACTIONAL',
    });
    expect(input?.MessageBody).toMatch(
      new RegExp(
        `^验证码 \\d{6}，用于找回索赔 ${number}，15 分钟内有效，仅可使用一次。非本人操作请忽略。回TD退订$`,
      ),
    );
    expect(JSON.stringify(input)).toContain(intent?.id ?? 'no intent');
  });

  it('mails the code in zh-CN to the claim’s address, with no tracking link', async () => {
    await requestAndDeliver('wang@example.com');
    expect(sms.commandCalls(SendTextMessageCommand)).toHaveLength(0);
    const [call] = ses.commandCalls(SendRawEmailCommand);
    expect(call?.args[0].input.Destinations).toEqual(['wang@example.com']);
    const mail = await simpleParser(Buffer.from(call?.args[0].input.RawMessage?.Data ?? new Uint8Array()));
    expect(mail.subject).toMatch(new RegExp(`^\\[${number}\\] 找回索赔的验证码：\\d{6}$`));
    expect(mail.text).toMatch(new RegExp(`^您查看索赔 ${number} 的验证码是 \\d{6}。`));
    expect(mail.text).toContain('如果不是您本人操作，请忽略本邮件');
    expect(mail.text).not.toContain('#t=');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  });
});
