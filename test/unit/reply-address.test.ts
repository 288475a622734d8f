import { describe, expect, it } from 'vitest';
import {
  REPLY_TOKEN_LENGTH,
  checkReplyAddress,
  invalidReplyAddressNote,
  replyAddress,
  replyAddressAmong,
  replyToken,
} from '../../shared/domain/mail/reply-address.js';

const SECRET = 'unit-test-reply-address-key-0123456789';

describe('reply addresses', () => {
  it('issues claims+<number>.<token>@<our domain>, the token an 80-bit HMAC in hex', () => {
    const address = replyAddress('claims@claims.example', 'CLM-2026-000042', SECRET);
    expect(address).toMatch(/^claims\+CLM-2026-000042\.[0-9a-f]{20}@claims\.example$/);
    expect(REPLY_TOKEN_LENGTH).toBe(20);
    expect(replyToken(SECRET, 'CLM-2026-000042')).toBe(replyToken(SECRET, 'clm-2026-000042'));
    // Another key, another token: the secret is what makes it unguessable.
    expect(replyToken('another-key-0123456789', 'CLM-2026-000042')).not.toBe(
      replyToken(SECRET, 'CLM-2026-000042'),
    );
    expect(() => replyAddress('claims@claims.example', 'not-a-number', SECRET)).toThrow();
  });

  it('accepts its own address, also as mail systems rewrite its case or wrap it in <>', () => {
    const address = replyAddress('claims@claims.example', 'CLM-2026-000042', SECRET);
    expect(checkReplyAddress(address, SECRET)).toEqual({ claimNumber: 'CLM-2026-000042', valid: true });
    expect(checkReplyAddress(`<${address.toUpperCase()}>`, SECRET)).toEqual({
      claimNumber: 'CLM-2026-000042',
      valid: true,
    });
  });

  it('refuses a tampered token, a short one, and another claim’s token', () => {
    const address = replyAddress('claims@claims.example', 'CLM-2026-000042', SECRET);
    const token = replyToken(SECRET, 'CLM-2026-000042');
    const flipped = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    expect(checkReplyAddress(address.replace(token, flipped), SECRET)).toEqual({
      claimNumber: 'CLM-2026-000042',
      valid: false,
    });
    expect(checkReplyAddress(address.replace(token, token.slice(0, 10)), SECRET)?.valid).toBe(false);
    const other = replyToken(SECRET, 'CLM-2026-000043');
    expect(checkReplyAddress(`claims+CLM-2026-000042.${other}@claims.example`, SECRET)).toEqual({
      claimNumber: 'CLM-2026-000042',
      valid: false,
    });
  });

  it('ignores addresses that are not reply addresses', () => {
    for (const address of ['claims@claims.example', 'claims+CLM-2026-000042@claims.example', 'a+b.c@x', ''])
      expect(checkReplyAddress(address, SECRET)).toBeNull();
  });

  it('among recipients prefers a valid reply address, else reports the failing one', () => {
    const good = replyAddress('claims@claims.example', 'CLM-2026-000042', SECRET);
    const bad = 'claims+CLM-2026-000041.00000000000000000000@claims.example';
    expect(replyAddressAmong(['claims@claims.example', bad, good], SECRET)).toEqual({
      claimNumber: 'CLM-2026-000042',
      valid: true,
    });
    expect(replyAddressAmong([bad], SECRET)).toEqual({ claimNumber: 'CLM-2026-000041', valid: false });
    expect(replyAddressAmong(['claims@claims.example'], SECRET)).toBeNull();
  });

  it('explains a wrong token to staff in zh-CN and en', () => {
    const note = invalidReplyAddressNote('CLM-2026-000042');
    expect(note).toContain('未并入索赔 CLM-2026-000042：邮件寄往该索赔的回复地址，但地址中的校验码不正确');
    expect(note).toContain(
      "Not added to claim CLM-2026-000042: it was sent to that claim's reply address with a wrong check code",
    );
  });
});
