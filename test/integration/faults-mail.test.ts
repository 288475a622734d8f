import { GetObjectCommand, NoSuchKey, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmailIn } from '../../functions/email-in/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { S3BlobStore } from '../../shared/adapters/s3/blob-store.js';
import { receiveEmail } from '../../shared/domain/use-cases/receive-email.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { rawMail, sesNotification, sqsEvent } from '../support/mail.js';
import { mailTestDependencies, sha256, type MailTestDeps } from '../support/mail-deps.js';

/**
 * S3 faults on the email-in path: SES's notification arrives but the raw message cannot be read from
 * the raw-mail bucket. The handler's design is retry, then DLQ: the record is reported failed (partial
 * batch response), nothing is recorded or filed for it, the other records of the batch go through, and
 * a redelivery once the object is readable files the claim once. (SES rejecting an outgoing message is
 * covered in test/integration/notify.test.ts: recorded on the claim, then the DLQ.)
 */
describe('email-in when the raw message is missing from S3 (aws-sdk-client-mock)', () => {
  const s3 = mockClient(S3Client);
  let table: TestTable;
  let t: MailTestDeps;

  beforeEach(async () => {
    table = await createTestTable();
    t = mailTestDependencies(table);
  });
  afterEach(() => s3.reset());

  const complaint = (id: string) =>
    rawMail(
      [
        'From: 王芳 <wangfang@example.com>',
        'To: claims@claims.example',
        'Subject: kettle leaks',
        `Message-ID: <${id}@example.com>`,
        'Content-Type: text/plain; charset=utf-8',
      ],
      '订单号 SO-2001，电热水壶壶底漏水，要求退款。',
    );

  /** Email-in whose raw-mail store is S3 (mocked); everything else as in the other mail tests. */
  const s3EmailIn = () => ({
    ...t.emailIn,
    rawMail: new S3BlobStore(new S3Client({ region: 'ap-east-1' }), 'raw-mail', ''),
  });

  it('NoSuchKey: the use case says which object is missing, and nothing is filed or sent', async () => {
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }),
    );
    await expect(receiveEmail(s3EmailIn(), sesNotification('inbound/gone'))).rejects.toThrow(
      'raw message inbound/gone is not in the raw-mail store',
    );
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'raw-mail',
      Key: 'inbound/gone',
    });
    expect(t.intents()).toEqual([]);
    expect(t.base.queues.sent).toEqual([]);
  });

  it('NoSuchKey in a batch: that record fails (for redelivery, then the DLQ), the others are handled', async () => {
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }),
    );
    const raw = complaint('present');
    await t.rawMail.put('inbound/present', raw, 'message/rfc822');
    // The first record's object is read from S3 (missing); the second from the in-memory store (present).
    const missing = new S3BlobStore(new S3Client({ region: 'ap-east-1' }), 'raw-mail', '');
    const handler = createEmailIn({
      ...t.emailIn,
      rawMail: {
        get: (key) => (key === 'inbound/gone' ? missing.get(key) : t.rawMail.get(key)),
        put: (key, body, type) => t.rawMail.put(key, body, type),
        head: (key) => t.rawMail.head(key),
        putStream: (key, chunks, type) => t.rawMail.putStream(key, chunks, type),
      },
    });
    const event = sqsEvent([sesNotification('inbound/gone'), sesNotification('inbound/present')]);
    const result = await handler(event, lambdaContext());
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]?.messageId }]);
    const record = await t.mailStore.getInbound(sha256(raw));
    expect(record?.outcome.kind).toBe('claim');
    expect(t.intents().filter((i) => i.kind === 'acknowledgment')).toHaveLength(1);
  });

  it('a redelivery once the object is readable files the claim once; a further one is a duplicate', async () => {
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }),
    );
    const notification = sesNotification('inbound/late');
    const first = await createEmailIn(s3EmailIn())(sqsEvent([notification]), lambdaContext());
    expect(first.batchItemFailures).toHaveLength(1);

    const raw = complaint('late');
    await t.rawMail.put('inbound/late', raw, 'message/rfc822');
    const handler = createEmailIn(t.emailIn);
    const second = await handler(sqsEvent([notification], 2), lambdaContext());
    expect(second.batchItemFailures).toEqual([]);
    const third = await handler(sqsEvent([notification], 3), lambdaContext());
    expect(third.batchItemFailures).toEqual([]);

    const record = await t.mailStore.getInbound(sha256(raw));
    expect(record?.outcome.kind).toBe('claim');
    expect(t.intents().filter((i) => i.kind === 'acknowledgment')).toHaveLength(1);
  });

  it('any other S3 error (503 SlowDown) fails the record the same way, never a crash or a record', async () => {
    s3.on(GetObjectCommand).rejects(
      new S3ServiceException({
        name: 'SlowDown',
        $fault: 'server',
        $metadata: { httpStatusCode: 503 },
        message: 'Please reduce your request rate.',
      }),
    );
    const event = sqsEvent([sesNotification('inbound/slow')]);
    const result = await createEmailIn(s3EmailIn())(event, lambdaContext());
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]?.messageId }]);
    expect(t.intents()).toEqual([]);
  });
});
