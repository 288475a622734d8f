import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../functions/api/app.js';
import { InMemoryClaimFinderStore } from '../../../shared/adapters/memory/claim-finder-store.js';
import { tokensWith } from '../../../shared/ports/claim-finder-store.js';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import {
  FINDER_RULES,
  lockEnd,
  reachesLock,
  contactOf,
  hashLookupCode,
  judgeCode,
  lookupCodeMail,
  lookupCodeSms,
  LookupCodeIntentSchema,
  type LookupCodeIntent,
} from '../../../shared/domain/claim-finder.js';
import { readTrackingFragment } from '../../../shared/domain/tracking-link.js';
import { viewClaimAsCustomer } from '../../../shared/domain/use-cases/customer-claim.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { intakeInput, testDependencies } from '../../support/fixtures.js';
import { httpEvent, invoke, type ParsedResult } from '../../support/http.js';

const NOW = new Date('2026-11-23T02:00:00Z');

/** An answer without its per-request id, which is all that may tell two answers apart. */
function withoutRequestId(result: ParsedResult): ParsedResult {
  const error = result.body['error'];
  if (typeof error !== 'object' || error === null) return result;
  return { ...result, body: { ...result.body, error: { ...error, requestId: '…' } } };
}

describe('find my claim: the rules', () => {
  const base = { number: 'CLM-2026-000001', claimId: 'c1', wrongCodes: 0 };
  const withCode = (code: string, expiresAt = '2026-11-23T02:15:00.000Z') => ({
    ...base,
    challengeId: 'ch1',
    via: 'sms' as const,
    codeExpiresAt: expiresAt,
    codeHash: hashLookupCode('c1', 'ch1', code),
  });

  it('reads a contact as an email or a phone, compared as lookups compare them', () => {
    expect(contactOf(' Wang@Example.COM ')).toEqual({ via: 'email', key: 'wang@example.com' });
    expect(contactOf('+86 138-0013-8000')).toEqual({ via: 'sms', key: '13800138000' });
    expect(contactOf('hello')).toBeNull();
  });

  it('takes the right code before its expiry only, and nothing without a code or state', () => {
    expect(judgeCode(withCode('123456'), '123456', NOW)).toBe('valid');
    expect(judgeCode(withCode('123456'), '654321', NOW)).toBe('wrong');
    expect(judgeCode(withCode('123456'), '123456', new Date('2026-11-23T02:15:00Z'))).toBe('wrong');
    expect(judgeCode(base, '123456', NOW)).toBe('wrong');
    expect(judgeCode(null, '123456', NOW)).toBe('none');
    expect(judgeCode({ ...withCode('123456'), lockedUntil: '2026-11-23T03:00:00.000Z' }, '123456', NOW)).toBe(
      'locked',
    );
  });

  it('locks for an hour at the 20th wrong code; from the limit on even the right code is refused', () => {
    expect(reachesLock(19)).toBe(false);
    expect(reachesLock(20)).toBe(true);
    expect(lockEnd(NOW)).toBe('2026-11-23T03:00:00.000Z');
    expect(judgeCode({ ...withCode('123456'), wrongCodes: 20 }, '123456', NOW)).toBe('locked');
    expect(judgeCode({ ...withCode('123456'), lockedUntil: '2026-11-23T01:00:00.000Z' }, '123456', NOW)).toBe(
      'valid',
    );
  });

  it('words the code mail and SMS in one language each, with the code and its expiry', () => {
    expect(lookupCodeMail('zh-CN', 'CLM-2026-000001', '042917', '2026-11-23T02:15:00.000Z')).toEqual({
      subject: '[CLM-2026-000001] 找回索赔的验证码：042917',
      body:
        '您查看索赔 CLM-2026-000001 的验证码是 042917。\n' +
        '请在 2026年11月23日 10:15 前在“找回我的索赔”页面输入，验证码只能使用一次。\n\n' +
        '如果不是您本人操作，请忽略本邮件：没有验证码，任何人都无法打开您的索赔。\n\n——\n此邮件由系统自动发送。',
    });
    const en = lookupCodeMail('en', 'CLM-2026-000001', '042917', '2026-11-23T02:15:00.000Z');
    expect(en.subject).toBe('[CLM-2026-000001] Your code to find your claim: 042917');
    expect(en.body).toContain('Your code to open claim CLM-2026-000001 is 042917.');
    expect(en.body).not.toMatch(/[\u4e00-\u9fff]/);
    expect(lookupCodeSms('zh-CN', 'CLM-2026-000001', '042917')).toBe(
      '验证码 042917，用于找回索赔 CLM-2026-000001，15 分钟内有效，仅可使用一次。非本人操作请忽略。回TD退订',
    );
    const sms = lookupCodeSms('en', 'CLM-2026-000001', '042917');
    expect(sms).toBe(
      'Code 042917 finds claim CLM-2026-000001; valid 15 min, once. Not you? Ignore it. STOP to opt out',
    );
    // One GSM segment.
    expect(sms.length).toBeLessThanOrEqual(160);
  });
});

describe('find my claim: requests and codes (in memory)', () => {
  let deps: ReturnType<typeof testDependencies>;
  let memory: InMemoryClaimStore;
  let finder: InMemoryClaimFinderStore;
  let api: ReturnType<typeof createApi>;
  let number: string;

  beforeEach(async () => {
    memory = new InMemoryClaimStore();
    deps = testDependencies(memory);
    if (!(deps.finder instanceof InMemoryClaimFinderStore)) throw new Error('memory finder expected');
    finder = deps.finder;
    api = createApi(deps);
    const filed = await fileClaim(deps, {
      input: intakeInput({ claimant: { name: '王芳', phone: '13800138000', email: 'wang@example.com' } }),
      channel: 'web',
      actor: { type: 'customer' },
    });
    number = filed.claim.number;
  });

  const askCode = (body: Record<string, unknown>) => invoke(api, httpEvent('POST', '/lookup/code', { body }));
  const askLink = async (code: string, lang?: string) =>
    withoutRequestId(
      await invoke(
        api,
        httpEvent('POST', '/lookup/link', {
          body: { number, code },
          ...(lang ? { headers: { 'accept-language': lang } } : {}),
        }),
      ),
    );
  const intents = (): LookupCodeIntent[] =>
    memory.outbox
      .map((m) => LookupCodeIntentSchema.safeParse(m.body))
      .flatMap((r) => (r.success ? [r.data] : []));
  /** What the notify function does: mint the code and store its hash on the challenge. */
  function mint(code: string): void {
    const intent = intents().at(-1);
    if (!intent) throw new Error('no code intent');
    expect(
      finder.attachCode(number, intent.challengeId, hashLookupCode(intent.claimId, intent.challengeId, code)),
    ).toBe(true);
  }

  it('answers every request the same: match, other contact, unknown number, over the limit', async () => {
    const answers = [
      await askCode({ number, contact: '138 0013 8000' }),
      await askCode({ number, contact: 'someone@example.com' }),
      await askCode({ number: 'CLM-2026-999999', contact: '13800138000' }),
    ];
    for (let i = 0; i < FINDER_RULES.maxCodesPerHour; i++)
      answers.push(await askCode({ number, contact: 'wang@example.com' }));
    for (const answer of answers) expect(answer).toEqual({ status: 202, body: { status: 'accepted' } });
    // Only the matches under the number's limit of 5 made an intent: it names the channel, not the code.
    expect(intents().map((i) => i.via)).toEqual(['sms', 'email', 'email', 'email']);
    expect(JSON.stringify(intents())).not.toMatch(/13800138000|wang@example/);
  });

  it('refuses a contact that is neither a phone nor an email, in the reader’s words', async () => {
    const zh = await askCode({ number, contact: 'abc' });
    expect(zh.status).toBe(400);
    expect(JSON.stringify(zh.body)).toContain('请填写提交索赔时留下的手机号码或电子邮箱。');
  });

  it('trades the right code once for a link that opens the claim', async () => {
    await askCode({ number, contact: '13800138000' });
    mint('424242');
    const found = await askLink('424242');
    expect(found.status).toBe(200);
    const path = String(found.body['trackingPath']);
    expect(path).toMatch(new RegExp(`^/track\\.html\\?number=${number}#t=`));
    const { token } = readTrackingFragment(path.slice(path.indexOf('#')));
    const view = await viewClaimAsCustomer(deps, number, token);
    expect(view.number).toBe(number);
    // Single use: the same code again is the common refusal.
    const again = await askLink('424242');
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body)).toContain('验证码不正确或已失效');
  });

  it('gives the same refusal for a wrong, expired or unknown code and an unknown number', async () => {
    await askCode({ number, contact: '13800138000' });
    mint('424242');
    const wrong = await askLink('111111');
    deps.clock.set('2026-11-23T02:15:00.000Z');
    const expired = await askLink('424242');
    const unknown = withoutRequestId(
      await invoke(
        api,
        httpEvent('POST', '/lookup/link', { body: { number: 'CLM-2026-999999', code: '424242' } }),
      ),
    );
    expect(expired).toEqual(wrong);
    expect(unknown).toEqual(wrong);
    expect(wrong.status).toBe(400);
  });

  it('locks the lookup after 20 wrong codes: the right code then answers like a wrong one, for an hour', async () => {
    await askCode({ number, contact: '13800138000' });
    mint('424242');
    const wrong = await askLink('000000');
    for (let i = 1; i < FINDER_RULES.maxWrongCodes; i++) await askLink('000000');
    expect(await askLink('424242')).toEqual(wrong);
    // A code asked for during the lock is not even sent; the answer is the same.
    expect(await askCode({ number, contact: '13800138000' })).toEqual({
      status: 202,
      body: { status: 'accepted' },
    });
    expect(intents()).toHaveLength(1);
    deps.clock.set('2026-11-23T03:00:01.000Z');
    await askCode({ number, contact: '13800138000' });
    mint('515151');
    expect((await askLink('515151')).status).toBe(200);
  });

  it('at the token cap the new link replaces the oldest but the first, so finding the claim always works', async () => {
    const claim = await memory.getByNumber(number);
    const stored = claim === null ? undefined : memory.claims.get(claim.id);
    if (!stored) throw new Error('no claim');
    stored.accessTokenHashes = Array.from(
      { length: deps.settings.maxAccessTokensPerClaim },
      (_, i) => `h${i}`,
    );
    await askCode({ number, contact: 'wang@example.com' });
    mint('424242');
    const found = await askLink('424242');
    expect(found.status).toBe(200);
    const after = memory.claims.get(stored.id)?.accessTokenHashes ?? [];
    expect(after).toHaveLength(deps.settings.maxAccessTokensPerClaim);
    // The filing's link (the first) stays good; the next oldest goes.
    expect(after.slice(0, 2)).toEqual(['h0', 'h2']);
  });
});

describe('tokensWith', () => {
  it('appends below the cap; at it keeps the first, drops the next oldest; a cap of 1 keeps only the new', () => {
    expect(tokensWith(['a', 'b'], 'n', 5)).toEqual(['a', 'b', 'n']);
    expect(tokensWith(['a', 'b', 'c', 'd', 'e'], 'n', 5)).toEqual(['a', 'c', 'd', 'e', 'n']);
    expect(tokensWith(['a', 'b'], 'n', 2)).toEqual(['a', 'n']);
    expect(tokensWith(['a'], 'n', 1)).toEqual(['n']);
  });
});
