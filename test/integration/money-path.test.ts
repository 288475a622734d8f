import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApi } from '../../functions/api/app.js';
import { createPayoutHandler } from '../../functions/payout/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { manualGateway } from '../../shared/adapters/payments/manual.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { FixedClock, testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, postAs, staffClaims } from '../support/http.js';
import { sqsEvent, sqsRecord } from '../support/sqs.js';

/** A staff token's claims with an approval limit in fen. */
const staff = (roles: Parameters<typeof staffClaims>[0], sub: string, limitFen = 0) => ({
  ...staffClaims(roles, 'HQ', sub),
  'custom:approval_limit': String(limitFen),
});

describe('one claim through the whole money path (API on DynamoDB Local)', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDependencies>;
  let api: ReturnType<typeof createApi>;
  const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store, clock, table.money);
    api = createApi(deps);
  });

  it('intake → investigation → plan → legal review and executive approval → accept → payout paid with voucher → closed → survey', async () => {
    const agent = staff(['agent'], 'agent-7', 10_000);
    const deptHead = staff(['manager'], 'head-quality', 3_000_000);
    const legal = staff(['legal'], 'legal-1');
    const executive = staff(['executive'], 'exec-1', 100_000_000);
    const finance = staff(['finance'], 'finance-1');
    const post = (
      path: string,
      claims: Record<string, string> | undefined,
      body: unknown = {},
      token?: string,
    ) => postAs(api, path, claims, body, token);

    // 1. Intake (web form) and triage.
    const filed = await invoke(
      api,
      httpEvent('POST', '/claims', { body: formBody({ claimedAmountFen: 19_900 }) }),
    );
    expect(filed.status).toBe(201);
    const { number, accessToken } = z
      .object({ number: z.string(), accessToken: z.string() })
      .parse(filed.body);
    expect((await post(`/staff/claims/${number}/material-complete`, agent)).status).toBe(200);
    expect((await post(`/staff/claims/${number}/start-investigation`, agent)).status).toBe(200);

    // 2. Investigation: a supplier's batch defect, named.
    const findings = await post(`/staff/claims/${number}/findings`, agent, {
      summary: '同批次 K1 壶底焊缝缺陷',
      evidenceRefs: ['evidence/photo-1.jpg', 'QC-2026-118'],
      rootCause: 'batch_defect',
      responsibility: 'supplier',
      partyName: '宁波甲供应商',
    });
    expect(findings.status).toBe(200);

    // 3. Plan: ¥40,000 itemised, HQ pays first and recovers from the supplier.
    const proposed = await post(`/staff/claims/${number}/propose`, agent, {
      type: 'compensation',
      items: [
        { kind: 'direct_loss', description: '产品及配件', amountFen: 3_500_000 },
        { kind: 'indirect_loss', description: '误工', amountFen: 400_000 },
        { kind: 'other', description: '交通费', amountFen: 100_000 },
      ],
      executingDepartment: 'finance',
      dueOn: '2026-12-10',
      advancePayment: { basis: '采购合同第 7 条质量责任', dueOn: '2027-01-31' },
    });
    expect(proposed.status).toBe(200);
    // Above ¥30,000: legal first, then the executive.
    expect(proposed.body).toMatchObject({
      status: 'legal_review',
      resolution: { totalFen: 4_000_000, status: 'proposed' },
      approval: { requiredTier: 'executive', legalReviewRequired: true },
    });

    // 4. The approval chain: nobody approves before legal; legal clears; the department head's limit
    //    is too low; the executive approves.
    expect((await post(`/staff/claims/${number}/approve`, executive)).status).toBe(409);
    expect(
      (await post(`/staff/claims/${number}/legal-clear`, legal, { reason: '符合合同与消法' })).body,
    ).toMatchObject({
      status: 'proposed',
    });
    expect((await post(`/staff/claims/${number}/approve`, deptHead)).status).toBe(403);
    const approved = await post(`/staff/claims/${number}/approve`, executive, { note: '同意先行赔付' });
    expect(approved.body).toMatchObject({
      status: 'offer_sent',
      offer: { totalFen: 4_000_000, decidedBy: 'exec-1' },
    });

    // 5. The customer sees the offer and accepts it with their token.
    const view = await invoke(api, httpEvent('GET', `/claims/${number}`, { customerToken: accessToken }));
    expect(view.body).toMatchObject({
      status: 'offer_sent',
      offer: { totalFen: 4_000_000, total: '¥40,000.00' },
    });
    const accepted = await post(`/claims/${number}/accept`, undefined, {}, accessToken);
    expect(accepted.body).toMatchObject({ status: 'executing' });

    // 6. The payout message went to the payout queue; the worker (manual gateway) leaves it for finance.
    const payoutMessages = deps.queues.sent.filter((m) => m.queue === 'payout');
    expect(payoutMessages).toHaveLength(1);
    const message = payoutMessages[0];
    if (!message) throw new Error('no payout message');
    const worker = createPayoutHandler({ ...deps, gateway: manualGateway });
    const batch = await worker(sqsEvent(sqsRecord(message.body, message.id)), lambdaContext());
    expect(batch.batchItemFailures).toEqual([]);
    const payoutId = z.object({ payoutId: z.string() }).parse(message.body).payoutId;
    expect(await table.money.getPayout(payoutId)).toMatchObject({ status: 'submitting', attempts: 1 });

    // 7. Finance confirms with the voucher number: payout paid, claim executed, recovery opened.
    expect((await post(`/staff/payouts/${payoutId}/confirm`, agent, { voucherNumber: 'PZ-1' })).status).toBe(
      403,
    );
    const confirmed = await post(`/staff/payouts/${payoutId}/confirm`, finance, {
      voucherNumber: 'PZ-2026-0001',
    });
    expect(confirmed.body).toMatchObject({ status: 'paid', voucherNumber: 'PZ-2026-0001' });
    expect(
      (await post(`/staff/payouts/${payoutId}/confirm`, finance, { voucherNumber: 'PZ-X' })).status,
    ).toBe(409);
    const detail = await invoke(api, httpEvent('GET', `/staff/claims/${number}`, { claims: finance }));
    expect(detail.body).toMatchObject({
      claim: { status: 'executed', execution: { kind: 'payout', reference: 'PZ-2026-0001' } },
    });
    const payoutDone = deps.queues.sent.find(
      (m) => m.queue === 'notify' && m.id === `${payoutId}:payout_done`,
    );
    expect(payoutDone?.body).toMatchObject({ kind: 'payout_done', data: { voucherNumber: 'PZ-2026-0001' } });
    const ledger = await invoke(
      api,
      httpEvent('GET', '/staff/ledger', {
        claims: finance,
        query: { partyType: 'supplier', partyName: '宁波甲供应商' },
      }),
    );
    expect(ledger.body).toMatchObject({
      totals: { advancedFen: 4_000_000, recoveredFen: 0, netFen: 4_000_000 },
    });

    // 8. The customer confirms closure; return visits are scheduled as tasks.
    const closed = await post(`/claims/${number}/confirm-closure`, undefined, {}, accessToken);
    expect(closed.body).toMatchObject({ status: 'closed' });
    const closedClaim = await table.store.getByNumber(number);
    expect(closedClaim?.followUps?.map((f) => f.kind)).toEqual(['return_visit', 'quality_revisit']);

    // 9. The survey through the tracking link.
    const survey = await post(
      `/claims/${number}/survey`,
      undefined,
      { rating: 'satisfied', comment: '处理及时' },
      accessToken,
    );
    expect(survey.body).toMatchObject({ status: 'closed', survey: { rating: 'satisfied' } });

    // Every step is in the audit trail, in order.
    const trail = await table.store.listEvents(closedClaim?.id ?? '');
    expect(trail.map((e) => e.action)).toEqual([
      'file_claim',
      'mark_material_complete',
      'start_investigation',
      'record_findings',
      'propose_resolution',
      'clear_legal_review',
      'approve',
      'accept_offer',
      'record_execution',
      'confirm_closure',
      'record_survey',
    ]);
  });
});
