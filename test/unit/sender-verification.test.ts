import { describe, expect, it } from 'vitest';
import {
  unverifiedReplyNote,
  verdictSummary,
  verifySender,
  type SenderEvidence,
} from '../../shared/domain/mail/sender-verification.js';
import { SesReceivedNotificationSchema } from '../../shared/domain/mail/ses-notification.js';

const customer: SenderEvidence = {
  spf: 'PASS',
  dkim: 'PASS',
  dmarc: 'PASS',
  envelopeFrom: 'wangfang@example.com',
  headerFrom: 'wangfang@example.com',
};

describe('verifySender', () => {
  it('verifies a DMARC pass with SPF or DKIM passing', () => {
    expect(verifySender(customer)).toEqual({ kind: 'verified' });
    expect(verifySender({ ...customer, spf: 'FAIL' })).toEqual({ kind: 'verified' });
    expect(verifySender({ ...customer, dkim: 'GRAY' })).toEqual({ kind: 'verified' });
    expect(verifySender({ ...customer, spf: 'pass', dkim: 'fail', dmarc: 'pass' })).toEqual({
      kind: 'verified',
    });
  });

  it('refuses a DMARC failure, whatever SPF and DKIM say (they passed for the forger’s domain)', () => {
    expect(verifySender({ ...customer, dmarc: 'FAIL' })).toEqual({
      kind: 'unverified',
      reason: 'dmarc_fail',
    });
    expect(verifySender({ ...customer, dmarc: 'PROCESSING_FAILED' })).toEqual({
      kind: 'unverified',
      reason: 'dmarc_processing_failed',
    });
  });

  it('refuses a DMARC pass that SPF and DKIM do not back', () => {
    expect(verifySender({ ...customer, spf: 'FAIL', dkim: 'FAIL' })).toEqual({
      kind: 'unverified',
      reason: 'no_aligned_pass',
    });
  });

  it('without DMARC (GRAY or absent) takes only an SPF pass for the From domain or a subdomain of it', () => {
    const noDmarc = { ...customer, dmarc: 'GRAY' };
    expect(verifySender(noDmarc)).toEqual({ kind: 'verified' });
    expect(verifySender({ ...noDmarc, dmarc: undefined })).toEqual({ kind: 'verified' });
    expect(verifySender({ ...noDmarc, envelopeFrom: '<bounce-1@mail.Example.com>' })).toEqual({
      kind: 'verified',
    });
    // The forger's own domain passes SPF; it is not the From domain.
    expect(verifySender({ ...noDmarc, envelopeFrom: 'x@forger.example' })).toEqual({
      kind: 'unverified',
      reason: 'no_aligned_pass',
    });
    expect(verifySender({ ...noDmarc, envelopeFrom: 'x@notexample.com' })).toMatchObject({
      kind: 'unverified',
    });
    // SES does not say which domain a DKIM signature is for: DKIM alone proves nothing here.
    expect(verifySender({ ...noDmarc, spf: 'FAIL', dkim: 'PASS' })).toMatchObject({ kind: 'unverified' });
  });

  it('refuses missing verdicts, a missing From, and a From that SES read differently', () => {
    expect(verifySender({ envelopeFrom: 'a@example.com', headerFrom: 'a@example.com' })).toMatchObject({
      kind: 'unverified',
      reason: 'no_aligned_pass',
    });
    expect(verifySender({ ...customer, headerFrom: null })).toEqual({
      kind: 'unverified',
      reason: 'no_from',
    });
    expect(verifySender({ ...customer, sesFrom: ['王芳 <WangFang@example.com>'] })).toEqual({
      kind: 'verified',
    });
    expect(verifySender({ ...customer, sesFrom: ['boss@forger.example'] })).toEqual({
      kind: 'unverified',
      reason: 'from_mismatch',
    });
    expect(verifySender({ ...customer, sesFrom: ['wangfang@example.com', 'other@example.com'] })).toEqual({
      kind: 'unverified',
      reason: 'from_mismatch',
    });
  });
});

describe('unverifiedReplyNote', () => {
  it('tells staff in zh-CN and en which claim it named, why it was held, and the verdicts', () => {
    const note = unverifiedReplyNote(
      'CLM-2026-000042',
      { reason: 'dmarc_fail' },
      { spf: 'PASS', dkim: 'FAIL', dmarc: 'FAIL' },
    );
    expect(note).toContain('未并入索赔 CLM-2026-000042：发件人未通过验证（DMARC 验证失败');
    expect(note).toContain('请先与客户核实');
    expect(note).toContain(
      'Not added to claim CLM-2026-000042: the sender could not be verified (DMARC failed',
    );
    expect(note).toContain('spf=PASS, dkim=FAIL, dmarc=FAIL');
    expect(verdictSummary({})).toBe('spf=none, dkim=none, dmarc=none');
  });
});

describe("SES's Received notification", () => {
  it('carries the SPF, DKIM and DMARC verdicts, the DMARC policy and the From SES read', () => {
    // The shape of SES's documented notification for an S3 action (fields SES adds over time pass through).
    const parsed = SesReceivedNotificationSchema.parse({
      notificationType: 'Received',
      mail: {
        timestamp: '2026-11-23T02:00:00.000Z',
        source: 'mailer@attacker.example',
        messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
        destination: ['claims@claims.example'],
        headersTruncated: false,
        headers: [{ name: 'From', value: '王芳 <wangfang@example.com>' }],
        commonHeaders: {
          returnPath: 'mailer@attacker.example',
          from: ['王芳 <wangfang@example.com>'],
          to: ['claims@claims.example'],
          subject: 'Re: [CLM-2026-000001]',
        },
      },
      receipt: {
        timestamp: '2026-11-23T02:00:00.000Z',
        processingTimeMillis: 420,
        recipients: ['claims@claims.example'],
        spamVerdict: { status: 'PASS' },
        virusVerdict: { status: 'PASS' },
        spfVerdict: { status: 'PASS' },
        dkimVerdict: { status: 'FAIL' },
        dmarcVerdict: { status: 'FAIL' },
        dmarcPolicy: 'reject',
        action: { type: 'S3', topicArn: 'arn:aws:sns:x', bucketName: 'raw', objectKey: 'inbound/o3v' },
      },
    });
    expect(parsed.receipt).toMatchObject({
      spfVerdict: { status: 'PASS' },
      dkimVerdict: { status: 'FAIL' },
      dmarcVerdict: { status: 'FAIL' },
      dmarcPolicy: 'reject',
    });
    expect(
      verifySender({
        spf: parsed.receipt.spfVerdict?.status,
        dkim: parsed.receipt.dkimVerdict?.status,
        dmarc: parsed.receipt.dmarcVerdict?.status,
        envelopeFrom: parsed.mail.source,
        headerFrom: 'wangfang@example.com',
        sesFrom: parsed.mail.commonHeaders?.from,
      }),
    ).toEqual({ kind: 'unverified', reason: 'dmarc_fail' });
  });
});
