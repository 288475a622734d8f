import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { offeredMoneyClaim } from '../support/money.js';
import { httpEvent, invoke, postAs, staffClaims } from '../support/http.js';

/** A UnionPay-style card number whose last digit is its Luhn check digit. */
const CARD = '6222021234567894';

/**
 * The payee chosen on accepting a money offer (issue 18), through the API on DynamoDB Local: validated in
 * words, the account sealed on the payout (nowhere in the table in clear), masked in every staff view and
 * the audit trail, in full for finance only.
 */
describe('the payee on accepting a money offer (DynamoDB Local)', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDependencies>;
  let api: ReturnType<typeof createApi>;
  let number: string;
  let token: string;
  const finance = staffClaims(['finance']);
  const agent = staffClaims(['agent']);
  const admin = staffClaims(['admin']);

  beforeEach(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store, undefined, table.money);
    api = createApi(deps);
    const offered = await offeredMoneyClaim(deps);
    number = offered.claim.number;
    token = offered.token;
  });

  const accept = (payee: unknown, language = 'zh-CN') =>
    invoke(
      api,
      httpEvent('POST', `/claims/${number}/accept`, {
        body: { payee },
        customerToken: token,
        headers: { 'accept-language': language },
      }),
    );
  const issuesOf = (body: Record<string, unknown>) =>
    Object.fromEntries(
      ((body['error'] as { issues?: { path: string; message: string }[] }).issues ?? []).map((i) => [
        i.path,
        i.message,
      ]),
    );
  const payouts = async (claims: Record<string, string>) =>
    (await invoke(api, httpEvent('GET', `/staff/claims/${number}/payouts`, { claims }))).body['payouts'] as {
      id: string;
      payee?: Record<string, unknown>;
    }[];

  it('refuses a bank card that fails Luhn or has the wrong length, and missing names, in words; nothing changes', async () => {
    const before = await table.allItems();
    const luhn = await accept({
      method: 'bank_card',
      holderName: '王芳',
      bank: '招商银行',
      account: '6222 0212 3456 7895',
    });
    expect(luhn.status).toBe(400);
    expect(issuesOf(luhn.body)).toEqual({ 'payee.account': '银行卡号有误，请核对后重新输入。' });
    const short = await accept({ method: 'bank_card', account: '6222 0212 3456' }, 'en');
    expect(issuesOf(short.body)).toEqual({
      'payee.holderName': "Please fill in the account holder's name.",
      'payee.bank': 'Please fill in the bank.',
      'payee.account': 'A bank card number has 16 to 19 digits.',
    });
    const alipay = await accept({ method: 'alipay', holderName: '王芳', account: 'wang' });
    expect(issuesOf(alipay.body)).toEqual({ 'payee.account': '请填写支付宝账号：手机号码或电子邮箱。' });
    expect(await table.allItems()).toEqual(before);
  });

  it('seals a bank card on the payout: masked for staff and in the audit, in full for finance only', async () => {
    const accepted = await accept({
      method: 'bank_card',
      holderName: '王芳',
      bank: '招商银行',
      account: '6222 0212 3456 7894',
    });
    expect(accepted.status).toBe(200);
    // Nowhere in the table in clear: not on the payout, the claim or its audit event.
    const items = JSON.stringify(await table.allItems());
    expect(items).not.toContain(CARD);
    const payout = (await table.allItems()).find((i) => i['entityType'] === 'Payout');
    expect(payout?.['payee']).toMatchObject({
      method: 'bank_card',
      holderName: '王芳',
      bank: '招商银行',
      accountMasked: '6222 **** **** 7894',
    });
    expect(String((payout?.['payee'] as Record<string, unknown>)['accountSealed'])).toMatch(
      /^g1\.[\w-]{16}\.[\w-]+$/,
    );
    // The claim item does not carry the payee (it is stored once, on the payout).
    const claim = (await table.allItems()).find((i) => i['entityType'] === 'Claim');
    expect(JSON.stringify(claim)).not.toContain('payee');
    const events = await deps.store.listEvents(String(payout?.['claimId']));
    const [event] = events.filter((e) => e.action === 'accept_offer');
    expect(event?.changes).toContainEqual({
      field: 'payee',
      before: null,
      after: {
        method: 'bank_card',
        holderName: '王芳',
        bank: '招商银行',
        accountMasked: '6222 **** **** 7894',
      },
    });

    for (const claims of [agent, finance]) {
      const [listed] = await payouts(claims);
      expect(listed?.payee).toEqual({
        method: 'bank_card',
        holderName: '王芳',
        bank: '招商银行',
        accountMasked: '6222 **** **** 7894',
      });
    }
    const id = (await payouts(finance))[0]?.id ?? '';
    const revealed = await invoke(api, httpEvent('GET', `/staff/payouts/${id}/payee`, { claims: finance }));
    expect(revealed.status).toBe(200);
    expect(revealed.body).toMatchObject({
      method: 'bank_card',
      account: CARD,
      accountMasked: '6222 **** **** 7894',
    });
    // The reveal is on the claim's trail: who and which payout, the account masked only.
    const reveal = (await deps.store.listEvents(String(payout?.['claimId']))).find(
      (e) => e.action === 'reveal_payee',
    );
    expect(reveal).toMatchObject({ actor: { type: 'staff', roles: ['finance'] }, changes: [] });
    expect(reveal?.note).toContain('6222 **** **** 7894');
    expect(JSON.stringify(reveal)).not.toContain(CARD);
    for (const claims of [agent, admin]) {
      const refused = await invoke(api, httpEvent('GET', `/staff/payouts/${id}/payee`, { claims }));
      expect(refused.status).toBe(403);
      expect(refused.body['error']).toMatchObject({ message: '您的角色不能执行此操作：需要财务角色。' });
      expect(JSON.stringify(refused.body)).not.toContain(CARD);
    }
    // Recording the voucher answers with the payout, masked too.
    const confirmed = await postAs(api, `/staff/payouts/${id}/confirm`, finance, { voucherNumber: 'V-1' });
    expect(confirmed.status).toBe(200);
    expect(JSON.stringify(confirmed.body)).not.toContain('accountSealed');
  });

  it('takes 原路退回 with no account', async () => {
    expect((await accept({ method: 'original_route' })).status).toBe(200);
    expect((await payouts(finance))[0]?.payee).toEqual({ method: 'original_route' });
  });

  it('a WeChat account is masked, and a sealed value does not open for another claim', async () => {
    expect((await accept({ method: 'wechat_pay', holderName: '王芳', account: 'wangfang_88' })).status).toBe(
      200,
    );
    expect((await payouts(agent))[0]?.payee).toMatchObject({ accountMasked: 'wa***88' });
    const payout = (await table.allItems()).find((i) => i['entityType'] === 'Payout');
    const sealed = String((payout?.['payee'] as { accountSealed: string }).accountSealed);
    const { aesGcmSealer } = await import('../../shared/adapters/crypto/aes-gcm-sealer.js');
    const sealer = aesGcmSealer(deps.customerDataSecret);
    await expect(sealer.open(sealed, String(payout?.['claimId']))).resolves.toBe('wangfang_88');
    await expect(sealer.open(sealed, 'another-claim')).rejects.toThrow();
  });
});
