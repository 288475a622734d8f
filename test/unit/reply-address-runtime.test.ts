import { describe, expect, it } from 'vitest';
import { LOCAL_VERDICTS_HEADER, localVerdicts } from '../../infra/local/smtp.js';
import { loadMailConfig } from '../../shared/runtime/mail-config.js';
import { replyAddressSecretOf } from '../../shared/runtime/mail-composition.js';
import { cachedSecret } from '../../shared/runtime/secrets.js';

const message = (...headers: string[]) =>
  Buffer.from(
    [...headers, 'From: a@example.com', '', 'body', `${LOCAL_VERDICTS_HEADER}: spf=FAIL`].join('\r\n'),
  );

describe('local SES verdicts (the SMTP stand-in)', () => {
  it('says PASS for every check unless the message carries the test header', () => {
    expect(localVerdicts(message())).toEqual({ spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' });
  });

  it('takes the verdicts the header names, in any case, folded or not; only from the header block', () => {
    expect(localVerdicts(message(`${LOCAL_VERDICTS_HEADER}: spf=PASS; dkim=FAIL; dmarc=FAIL`))).toEqual({
      spf: 'PASS',
      dkim: 'FAIL',
      dmarc: 'FAIL',
    });
    expect(localVerdicts(message('x-local-ses-verdicts: dmarc=gray;\r\n spf=processing_failed'))).toEqual({
      spf: 'PROCESSING_FAILED',
      dkim: 'PASS',
      dmarc: 'GRAY',
    });
  });

  it('reports a header it cannot read instead of guessing', () => {
    for (const value of ['spf=MAYBE', 'dkim', 'arc=PASS'])
      expect(localVerdicts(message(`${LOCAL_VERDICTS_HEADER}: ${value}`))).toEqual({
        error: expect.stringContaining('spf=PASS; dkim=FAIL; dmarc=FAIL') as unknown,
      });
  });
});

describe('the reply-address key', () => {
  it('is required: the ARN in AWS, the value locally', () => {
    expect(() => loadMailConfig({})).toThrow(/REPLY_ADDRESS_SECRET_ARN \(or REPLY_ADDRESS_SECRET locally\)/);
    expect(() => loadMailConfig({ REPLY_ADDRESS_SECRET: 'short' })).toThrow(/REPLY_ADDRESS_SECRET/);
    expect(loadMailConfig({ REPLY_ADDRESS_SECRET: 'a-local-key-of-some-length' }).replyAddressSecret).toEqual(
      {
        value: 'a-local-key-of-some-length',
      },
    );
    expect(
      loadMailConfig({
        REPLY_ADDRESS_SECRET_ARN: 'arn:aws:secretsmanager:ap-east-1:1:secret:x',
        REPLY_ADDRESS_SECRET: 'a-local-key-of-some-length',
      }).replyAddressSecret,
    ).toEqual({ arn: 'arn:aws:secretsmanager:ap-east-1:1:secret:x' });
  });

  it('locally is the value itself', async () => {
    expect(await replyAddressSecretOf({ value: 'a-local-key-of-some-length' })()).toBe(
      'a-local-key-of-some-length',
    );
  });

  it('is read from Secrets Manager once per container, and again after a failed read', async () => {
    const reads: string[] = [];
    let fail = true;
    const source = cachedSecret('arn:secret', (id) => {
      reads.push(id);
      if (fail) {
        fail = false;
        return Promise.reject(new Error('throttled'));
      }
      return Promise.resolve('generated-key\n');
    });
    await expect(source()).rejects.toThrow('throttled');
    expect(await Promise.all([source(), source()])).toEqual(['generated-key', 'generated-key']);
    expect(await source()).toBe('generated-key');
    expect(reads).toEqual(['arn:secret', 'arn:secret']);
  });
});
