import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../shared/adapters/memory/claim-store.js';
import { InMemoryMoneyStore } from '../../shared/adapters/memory/money-store.js';
import { SimulatedGateway } from '../../shared/adapters/payments/simulated.js';
import type { Claim } from '../../shared/domain/claim.js';
import type { Language } from '../../shared/domain/categories.js';
import { DEFAULT_CATEGORIES } from '../../shared/domain/category-policy.js';
import {
  CLOCK_LABELS,
  NOT_ADMITTED_REASON_LABELS,
  PLAN_ITEM_LABELS,
  RECONSIDERATION_OUTCOME_LABELS,
  REMEDY_LABELS,
  RESOLUTION_TYPE_LABELS,
  ROOT_CAUSE_LABELS,
  STATUS_LABELS,
  URGENCY_LABELS,
} from '../../shared/domain/labels.js';
import {
  CUSTOMER_NOTIFICATION_KINDS,
  NOTIFICATION_KINDS,
  NotificationIntentSchema,
  TRACKING_LINK_KINDS,
  type NotificationIntent,
  type NotificationKind,
} from '../../shared/domain/messages.js';
import { SURVEY_RATINGS } from '../../shared/domain/resolution.js';
import { CUSTOMER_RESPONSE_KINDS } from '../../shared/domain/customer-response.js';
import { escalateToHq } from '../../shared/domain/use-cases/escalate-to-hq.js';
import { formatInstant } from '../../shared/domain/shanghai-time.js';
import {
  acceptOffer,
  confirmClosure,
  requestReconsideration,
} from '../../shared/domain/use-cases/customer-decision.js';
import { withdrawAsCustomer } from '../../shared/domain/use-cases/customer-claim.js';
import { resendTrackingLink } from '../../shared/domain/use-cases/resend-tracking-link.js';
import { extendDeadline } from '../../shared/domain/use-cases/extend-deadline.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { overdueReport } from '../../shared/domain/use-cases/overdue-report.js';
import { processPayout } from '../../shared/domain/use-cases/payouts.js';
import {
  approveResolution,
  clearLegalReview,
  decideReconsideration,
  proposeResolution,
  recordFindings,
} from '../../shared/domain/use-cases/resolution.js';
import { mailOf } from '../../shared/domain/use-cases/send-notification.js';
import { sweepDeadlines } from '../../shared/domain/use-cases/sweep.js';
import {
  applyTriageAction,
  type TriageAction,
  type TriagePayload,
} from '../../shared/domain/use-cases/triage.js';
import {
  FixedClock,
  SCHEDULE_2027,
  intakeInput,
  principal,
  settings,
  testDependencies,
} from '../support/fixtures.js';
import { storeHolidaySchedule } from '../../shared/domain/use-cases/calendar.js';
import { agent, areaManager, deptHead, executive, legal } from '../support/money.js';

/**
 * Every notification kind, produced by the real use cases on in-memory adapters and rendered by the
 * notify use case's own renderer, in both languages: complete, in words, with the values it is for.
 * All actions happen at the fixtures' clock, Monday 2026-11-23 10:00 Shanghai (02:00Z).
 */
type Deps = ReturnType<typeof testDependencies>;

const manager = principal(['manager'], 'HQ', { id: 'mgr-1' });
const sent: { deps: Deps; intent: NotificationIntent }[] = [];

function fresh(): Deps {
  const store = new InMemoryClaimStore();
  return testDependencies(store, undefined, new InMemoryMoneyStore(store));
}

function collect(deps: Deps): void {
  for (const m of deps.queues.sent)
    if (m.queue === 'notify') sent.push({ deps, intent: NotificationIntentSchema.parse(m.body) });
  deps.queues.sent.length = 0;
}

async function file(
  deps: Deps,
  overrides: Record<string, unknown> = {},
): Promise<{ claim: Claim; token: string }> {
  const filed = await fileClaim(deps, {
    input: intakeInput({ claimant: { name: '王芳', email: 'wangfang@example.com' }, ...overrides }),
    channel: 'web',
    actor: { type: 'customer' },
  });
  return { claim: filed.claim, token: filed.accessToken ?? '' };
}

function triage<A extends TriageAction>(
  deps: Deps,
  ref: string,
  action: A,
  payload: TriagePayload<A>,
  who = agent,
) {
  return applyTriageAction(deps, { ref, action, payload, principal: who });
}

async function claimOf(deps: Deps, id: string): Promise<Claim> {
  const claim = await deps.store.getById(id);
  if (!claim) throw new Error(`no claim ${id}`);
  return claim;
}

/** Drives every path that notifies, once, and keeps what each relayed to the notify queue. */
async function driveEverything() {
  // 1. The money path (zh-CN): intake, material, assignment, extension, approval, offer,
  //    reconsideration, payout, closure.
  const a = fresh();
  const { claim, token } = await file(a);
  await triage(a, claim.id, 'request_material', { items: ['购买发票', '漏水处照片'], note: '请一周内提供' });
  await triage(a, claim.id, 'mark_material_complete', {});
  await triage(a, claim.id, 'assign', { assigneeId: 'agent-7' }, manager);
  await triage(a, claim.id, 'start_investigation', {});
  // The handler writes to the customer, and asks the HQ manager for help in a note only staff read.
  const liMing = { ...agent, name: '李明' };
  await triage(
    a,
    claim.id,
    'reply_to_customer',
    { message: '王女士您好，我们已安排检测，预计三个工作日内给您结果。' },
    liMing,
  );
  await triage(
    a,
    claim.id,
    'add_internal_note',
    { note: '请协调检测中心尽快出报告，客户比较着急。', mentions: ['manager-hq'] },
    liMing,
  );
  const beforeExtension = await claimOf(a, claim.id);
  await extendDeadline(
    a,
    claim.id,
    { clock: 'decision', days: 3, reason: '需等待检测报告', customerAgreed: true },
    manager,
  );
  await recordFindings(a, {
    ref: claim.id,
    principal: agent,
    input: {
      summary: '壶底焊缝缺陷',
      evidenceRefs: ['QC-1'],
      rootCause: 'batch_defect',
      responsibility: 'company',
    },
  });
  await proposeResolution(a, {
    ref: claim.id,
    principal: { ...agent, name: '李明' },
    input: {
      type: 'compensation',
      items: [{ kind: 'direct_loss', description: '电热水壶 K1', amountFen: 19_900 }],
      executingDepartment: 'finance',
      dueOn: '2026-12-10',
    },
  });
  await approveResolution(a, { ref: claim.id, principal: areaManager, input: {} });
  await requestReconsideration(a, claim.number, token, '除水壶外还有桌面受损，请复议');
  const afterRequest = await claimOf(a, claim.id);
  await decideReconsideration(a, {
    ref: claim.id,
    principal: executive,
    input: {
      outcome: 'amended',
      reason: '桌面受损属实，增加赔偿',
      items: [
        { kind: 'direct_loss', description: '电热水壶 K1', amountFen: 19_900 },
        { kind: 'indirect_loss', description: '桌面修复', amountFen: 5_000 },
      ],
    },
  });
  // ¥249 is above the agent tier: the amendment the executive proposed is approved by someone else.
  await approveResolution(a, { ref: claim.id, principal: deptHead, input: {} });
  const accepted = await acceptOffer(a, claim.number, token);
  const payoutId = accepted.payouts?.at(-1)?.id ?? '';
  expect(await processPayout({ ...a, gateway: new SimulatedGateway() }, payoutId)).toBe('paid');
  await confirmClosure(a, claim.number, token);
  collect(a);

  // 2. Legal review first: legal is asked, then the approver.
  const b = fresh();
  const big = await file(b, { claimedAmountFen: 5_000_000, facts: { threatensMediaOrLegal: true } });
  for (const action of ['mark_material_complete', 'start_investigation'] as const)
    await triage(b, big.claim.id, action, {});
  await recordFindings(b, {
    ref: big.claim.id,
    principal: agent,
    input: {
      summary: '批次缺陷',
      evidenceRefs: ['QC-2'],
      rootCause: 'batch_defect',
      responsibility: 'company',
    },
  });
  await proposeResolution(b, {
    ref: big.claim.id,
    principal: agent,
    input: {
      type: 'refund',
      items: [{ kind: 'direct_loss', description: '整批退货', amountFen: 5_000_000 }],
      executingDepartment: 'finance',
      dueOn: '2026-12-10',
    },
  });
  const inLegal = await claimOf(b, big.claim.id);
  expect(inLegal.status).toBe('legal_review');
  await clearLegalReview(b, { ref: big.claim.id, principal: legal, input: { reason: '无法律风险' } });
  collect(b);

  // 3. The sweep (an English claim at a store): warning at 80 %, breach, escalation a working day later;
  //    then the nightly overdue report of that store.
  const c = fresh();
  const english = await file(c, {
    language: 'en',
    unitId: 'EAST-SH01',
    claimant: { name: 'Ann Lee', email: 'ann@example.com' },
  });
  collect(c);
  await sweepDeadlines(c, new Date('2026-11-26T03:00:00Z'));
  await sweepDeadlines(c, new Date('2026-11-26T10:00:00Z'));
  await sweepDeadlines(c, new Date('2026-11-27T10:00:00Z'));
  await overdueReport(c, new Date('2026-11-27T18:00:00Z'));
  await triage(c, english.claim.id, 'assign', { unitId: 'EAST' }, manager);
  collect(c);

  // 4. Not admitted: groundless (误投诉) by staff, and late at intake (the filing window).
  const d = fresh();
  const groundless = await file(d);
  await triage(d, groundless.claim.id, 'not_admit', {
    reason: 'groundless',
    explanation: '经核实，漏水系使用不当所致，不属于产品质量问题。',
  });
  await file(d, { foundOn: '2026-09-01' });
  // 5. Withdrawn: by staff on the customer's behalf, and by the customer on the tracking page.
  const byStaff = await file(d);
  await triage(d, byStaff.claim.id, 'withdraw', { reason: '客户来电表示已与门店协商解决' });
  const byCustomer = await file(d);
  await withdrawAsCustomer(d, byCustomer.claim.number, byCustomer.token, '已自行解决');
  // The customer lost the link and called: staff send a fresh one (issue 16).
  await resendTrackingLink(d, byStaff.claim.number, manager);
  collect(d);

  // 6. The 2027 holiday schedule loaded after deadlines in 2027 were computed on weekends only: a decision
  //    due Wednesday 20 January moves to Thursday 21 January, and the customer is told.
  const e = testDependencies(new InMemoryClaimStore(), new FixedClock(new Date('2026-12-30T02:00:00Z')));
  const early = await file(e, { foundOn: '2026-12-29' });
  await triage(e, early.claim.id, 'mark_material_complete', {});
  collect(e);
  await storeHolidaySchedule(e, { operator: 'ops' }, SCHEDULE_2027);
  collect(e);

  // 6. Moved to HQ: a store refuses and the customer escalates; HQ takes another store claim over.
  const h = fresh();
  const refused = await file(h, { unitId: 'EAST-SH01' });
  await triage(h, refused.claim.id, 'not_admit', {
    reason: 'groundless',
    explanation: '门店认为不属质量问题',
  });
  await escalateToHq(h, refused.claim.number, refused.token, { reason: '门店判断有误，请总部复核' });
  const slow = await file(h, { unitId: 'EAST-SH01', product: { name: '电饭煲 R2', orderNumber: 'SO-2002' } });
  await triage(h, slow.claim.id, 'take_over', { reason: '门店处理迟缓，总部接管' }, manager);
  collect(h);

  return { claim, beforeExtension, afterRequest, english };
}

const ORIGIN = 'https://claims.example';
const notify = { publicBaseUrl: ORIGIN, settings };

/** Renders the intent as its claim's customer or staff would read it, in the language asked. */
async function rendered(deps: Deps, intent: NotificationIntent, language: Language, token: string | null) {
  const claim = intent.kind === 'overdue_report' ? null : await deps.store.getById(intent.claimId);
  const { subject, body } = mailOf(notify, { ...intent, language }, claim, token);
  return { subject, body, text: `${subject}\n${body}` };
}

// Codes that must never reach a reader: every code the label tables put in words, and our own names.
// Whole words; snake_case codes everywhere, single-word codes in Chinese text (in English ones
// "received" or "reconsideration" are plain words).
const CODES = [
  ...Object.keys(STATUS_LABELS),
  ...DEFAULT_CATEGORIES.map((c) => c.code),
  ...Object.keys(REMEDY_LABELS),
  ...Object.keys(RESOLUTION_TYPE_LABELS),
  ...Object.keys(PLAN_ITEM_LABELS),
  ...Object.keys(ROOT_CAUSE_LABELS),
  ...Object.keys(CLOCK_LABELS),
  ...Object.keys(RECONSIDERATION_OUTCOME_LABELS),
  ...Object.keys(URGENCY_LABELS),
  ...Object.keys(NOT_ADMITTED_REASON_LABELS),
  ...SURVEY_RATINGS,
  ...NOTIFICATION_KINDS,
  ...CUSTOMER_RESPONSE_KINDS,
];

function rawCodesIn(text: string, language: Language): string[] {
  const codes = language === 'en' ? CODES.filter((c) => c.includes('_')) : CODES;
  return [...new Set(codes.filter((code) => new RegExp(`(?<![\\w-])${code}(?![\\w-])`).test(text)))];
}

describe('every notification, driven through the use cases and rendered in zh-CN and en', () => {
  let facts: Awaited<ReturnType<typeof driveEverything>>;
  beforeAll(async () => {
    facts = await driveEverything();
  });

  it('produces every kind', () => {
    expect(new Set(sent.map((s) => s.intent.kind))).toEqual(new Set(NOTIFICATION_KINDS));
  });

  it('renders every one complete: no stand-ins, no placeholders, no undefined/null/NaN, no codes', async () => {
    for (const { deps, intent } of sent)
      for (const language of ['zh-CN', 'en'] as const)
        for (const token of ['tok-1', null]) {
          const { subject, text } = await rendered(deps, intent, language, token);
          const where = `${intent.kind} ${language}`;
          // The footer's separator line is the only dash allowed.
          expect(text.replace(/^——$/m, ''), where).not.toContain('—');
          expect(text, where).not.toMatch(/\{\{|\}\}|undefined|\bnull\b|NaN|\[object/);
          expect(rawCodesIn(text, language), where).toEqual([]);
          expect(subject, where).not.toMatch(/[\r\n]/);
          if (intent.kind !== 'overdue_report')
            expect(subject.startsWith(`[${intent.claimNumber}]`), where).toBe(true);
        }
  });

  it('every customer message has a fresh link where its kind carries one, else points to the earlier link', async () => {
    const customer: readonly NotificationKind[] = CUSTOMER_NOTIFICATION_KINDS;
    for (const { deps, intent } of sent.filter((s) => customer.includes(s.intent.kind)))
      for (const language of ['zh-CN', 'en'] as const) {
        const earlier = language === 'en' ? 'link you received earlier' : '之前收到的链接';
        const capped = await rendered(deps, intent, language, null);
        expect(capped.body, intent.kind).toContain(earlier);
        expect(capped.body).not.toContain('#t=');
        if (TRACKING_LINK_KINDS.includes(intent.kind)) {
          const linked = await rendered(deps, intent, language, 'tok-1');
          const query = `number=${intent.kind === 'overdue_report' ? '' : intent.claimNumber}`;
          // The token in the fragment (never sent, never logged); the language in the query.
          expect(linked.body).toContain(
            `${ORIGIN}/track.html?${query}${language === 'en' ? '&lang=en' : ''}#t=tok-1`,
          );
          expect(linked.body).not.toContain('token=');
          expect(linked.body).not.toContain(earlier);
        }
      }
  });

  /** The one intent of a kind (the first, when a path sends several). */
  function first<K extends NotificationKind>(
    kind: K,
    where: (i: NotificationIntent) => boolean = () => true,
  ) {
    const found = sent.find((s) => s.intent.kind === kind && where(s.intent));
    if (!found) throw new Error(`no ${kind}`);
    return found;
  }
  async function both(kind: NotificationKind, where?: (i: NotificationIntent) => boolean) {
    const { deps, intent } = first(kind, where);
    return {
      zh: (await rendered(deps, intent, 'zh-CN', 'tok-1')).text,
      en: (await rendered(deps, intent, 'en', 'tok-1')).text,
    };
  }

  it('acknowledgment: number, time received, first-reply deadline', async () => {
    const { zh, en } = await both('acknowledgment', (i) => i.language === 'zh-CN');
    expect(zh).toContain('收到时间 2026年11月23日 10:00');
    expect(zh).toContain('我们将在 2026年11月26日 18:00 前给您首次答复');
    expect(en).toContain('first reply by 26 Nov 2026, 18:00');
  });

  it('material request: the items and the note', async () => {
    const { zh, en } = await both('material_request');
    expect(zh).toContain('- 购买发票\n- 漏水处照片');
    expect(zh).toContain('说明：请一周内提供');
    expect(en).toContain('- 购买发票');
  });

  it('offer: plan in words, items, total in yuan, reconsideration deadline, link to accept or dispute', async () => {
    const { zh, en } = await both(
      'decision_offer',
      (i) => i.kind === 'decision_offer' && i.data.revision === 1,
    );
    expect(zh).toContain('我们的处理方案：赔偿');
    expect(zh).toContain('- 直接损失：电热水壶 K1 ¥199.00');
    expect(zh).toContain('合计：¥199.00');
    expect(zh).toContain('可在 2026年12月8日 10:00 前申请复议'); // 15 days after the decision
    expect(zh).toContain(
      `请通过以下链接接受或提出异议：${ORIGIN}/track.html?number=${facts.claim.number}#t=tok-1`,
    );
    expect(en).toContain('we offer: Compensation');
    expect(en).toContain('- Direct loss: 电热水壶 K1 ¥199.00');
    expect(en).toContain('Total: ¥199.00');
    expect(en).toContain('by 8 Dec 2026, 10:00');
    const amended = await both('decision_offer', (i) => i.kind === 'decision_offer' && i.data.revision === 2);
    expect(amended.zh).toContain('- 间接损失：桌面修复 ¥50.00');
    expect(amended.zh).toContain('合计：¥249.00');
  });

  it('extension: the clock in words, the old and the new deadline', async () => {
    const before = facts.beforeExtension.clocks?.decision?.dueAt ?? '';
    const after =
      (await claimOf(first('deadline_extension').deps, facts.claim.id)).clocks?.decision?.extension
        ?.newDueAt ?? '';
    expect(before).not.toBe('');
    expect(after).not.toBe(before);
    const { zh, en } = await both('deadline_extension');
    expect(zh).toContain(
      `处理决定时限由 ${formatInstant(before, 'zh-CN')} 延长至 ${formatInstant(after, 'zh-CN')}`,
    );
    expect(en).toContain(`moves from ${formatInstant(before, 'en')} to ${formatInstant(after, 'en')}`);
  });

  it('deadline moved by a loaded holiday schedule: the clock in words, old and new deadline, the year', async () => {
    const { zh, en } = await both(
      'deadline_moved',
      (i) => i.kind === 'deadline_moved' && i.data.clock === 'decision',
    );
    expect(zh).toContain('[CLM-');
    expect(zh).toContain(
      '根据 2027 年法定节假日安排，索赔 CLM-2026-000001 的处理决定时限由 2027年1月20日 18:00 顺延至 2027年1月21日 18:00。',
    );
    expect(en).toContain('Deadline adjusted for public holidays');
    expect(en).toContain(
      'With the 2027 public holiday schedule now published, the deadline of claim CLM-2026-000001 (Decision) moves from 20 Jan 2027, 18:00 to 21 Jan 2027, 18:00.',
    );
  });

  it('reconsideration received: the due date its clock got; decided: the outcome in words', async () => {
    const due = facts.afterRequest.clocks?.reconsideration?.dueAt ?? '';
    expect(due).not.toBe('');
    const received = await both('reconsideration_received');
    expect(received.zh).toContain(`在 ${formatInstant(due, 'zh-CN')} 前作出复议决定`);
    expect(received.en).toContain(`decide by ${formatInstant(due, 'en')}`);
    const decided = await both('reconsideration_decided');
    expect(decided.zh).toContain('复议决定：变更原决定，方案合计 ¥249.00');
    expect(decided.zh).toContain('理由：桌面受损属实，增加赔偿');
    expect(decided.en).toContain('is decided: The decision is changed; the plan totals ¥249.00');
    expect(decided.zh).toContain('此为公司内部的最终决定；变更后的方案须经审批，批准后另函发送给您。');
    expect(decided.en).toContain(
      'the amended plan needs approval and follows in a separate message once approved',
    );
  });

  it('customer responded: what they did in words, their words, what to do next, to the assignee', async () => {
    const { intent } = first(
      'customer_responded',
      (i) => i.kind === 'customer_responded' && i.data.what === 'reconsideration',
    );
    if (intent.kind !== 'customer_responded') throw new Error('not a customer_responded intent');
    expect(intent.recipient).toEqual({ type: 'staff', staffId: 'agent-7' });
    const { zh, en } = await both('customer_responded', (i) => i.id === intent.id);
    expect(zh).toMatch(/^\[CLM-2026-\d{6}\] 客户申请复议\n/);
    expect(zh).toContain('客户的话：「除水壶外还有桌面受损，请复议」');
    expect(zh).toContain('复议须由原经办人和审批人以外的人员处理。');
    expect(zh).toContain(`打开索赔：${ORIGIN}/staff.html#${intent.claimNumber}`);
    expect(en).toMatch(/^\[CLM-2026-\d{6}\] The customer asks for reconsideration\n/);
    expect(en).toContain(`In the customer's words: "除水壶外还有桌面受损，请复议"`);
    expect(en).toContain(`Open the claim: ${ORIGIN}/staff.html#${intent.claimNumber}`);
  });

  it('payout: amount and voucher number', async () => {
    const { intent } = first('payout_done');
    const voucher = intent.kind === 'payout_done' ? intent.data.voucherNumber : '';
    const { zh, en } = await both('payout_done');
    expect(zh).toContain(`款项 ¥249.00 已支付，凭证号 ${voucher}`);
    expect(en).toContain(`payment of ¥249.00`);
  });

  it('survey: a link to the survey form on the tracking page', async () => {
    const { zh, en } = await both('closure_survey');
    expect(zh).toContain(`${ORIGIN}/track.html?number=${facts.claim.number}#t=tok-1&section=survey`);
    expect(en).toContain(`${ORIGIN}/track.html?number=${facts.claim.number}&lang=en#t=tok-1&section=survey`);
  });

  it('approval needed: plan, amount, proposer and the claim in the console; legal first when required', async () => {
    const { zh, en } = await both(
      'approval_needed',
      (i) => i.kind === 'approval_needed' && i.claimId === facts.claim.id,
    );
    expect(zh).toContain('方案：赔偿\n金额：¥199.00\n提出人：李明（agent-7）');
    expect(zh).toContain(`打开索赔：${ORIGIN}/staff.html#${facts.claim.number}`);
    expect(en).toContain('Plan: Compensation\nAmount: ¥199.00\nProposed by: 李明 (agent-7)');
    const legalFirst = await both(
      'approval_needed',
      (i) => i.kind === 'approval_needed' && i.data.legalReview,
    );
    expect(legalFirst.zh).toContain('待您法务审核');
    expect(legalFirst.zh).toContain('¥50,000.00');
  });

  it('moved to HQ: who moved it, from which unit, why, and the console link', async () => {
    const escalated = await both(
      'moved_to_hq',
      (i) =>
        i.kind === 'moved_to_hq' &&
        i.data.by === 'customer' &&
        i.recipient.type === 'unit_role' &&
        i.recipient.unitId === 'HQ',
    );
    expect(escalated.zh).toContain('客户已将索赔');
    expect(escalated.zh).toContain('申诉至总部（原处理单位：上海一店），现由 总部 处理。');
    expect(escalated.zh).toContain('客户的理由：门店判断有误，请总部复核');
    expect(escalated.en).toContain('The customer escalated claim');
    expect(escalated.en).toContain("The customer's reason: 门店判断有误，请总部复核");
    const takenOver = await both(
      'moved_to_hq',
      (i) => i.kind === 'moved_to_hq' && i.data.by === 'hq_manager',
    );
    expect(takenOver.zh).toContain('已由总部接管（原处理单位：上海一店）');
    expect(takenOver.zh).toContain('原因：门店处理迟缓，总部接管');
    expect(takenOver.en).toContain('Headquarters took over claim');
    expect(takenOver.zh).toContain(`打开索赔：${ORIGIN}/staff.html#`);
  });

  it('assignment: unit, severity and urgency in words, first-reply deadline, console link', async () => {
    const { zh, en } = await both('assignment', (i) => i.recipient.type === 'staff');
    expect(zh).toContain('已分派至 总部，');
    expect(zh).toMatch(/严重程度：[一二三]级/);
    expect(zh).toContain('紧急程度：普通');
    expect(zh).toContain('首次答复时限：2026年11月26日 18:00');
    expect(en).toContain(`Open the claim: ${ORIGIN}/staff.html#${facts.claim.number}`);
    const dispatched = await both('assignment', (i) => i.recipient.type === 'unit_role');
    expect(dispatched.en).toContain('assigned to East region');
    expect(dispatched.zh).toContain('已分派至 华东大区，');
  });

  it('warning: clock in words, due instant, percent used', async () => {
    const { zh, en } = await both('deadline_warning');
    expect(zh).toContain('首次答复时限将于 2026年11月26日 18:00 到期，已用 80%');
    expect(en).toContain('The first reply deadline of claim');
    expect(en).toContain('is 26 Nov 2026, 18:00; 80% of the time is used');
  });

  it('breach and escalation: clock, due instant, the unit escalated to', async () => {
    const breach = await both(
      'breach_escalation',
      (i) => i.kind === 'breach_escalation' && i.data.escalatedTo === 'EAST-SH01',
    );
    expect(breach.zh).toContain('首次答复时限已于 2026年11月26日 18:00 到期，现已升级至 上海一店。');
    expect(breach.en).toContain('passed at 26 Nov 2026, 18:00; it is escalated to Shanghai store 1');
    const up = await both(
      'breach_escalation',
      (i) => i.kind === 'breach_escalation' && i.data.escalatedTo === 'EAST',
    );
    expect(up.zh).toContain('现已升级至 华东大区。');
    expect(up.en).toContain('escalated to East region');
  });

  it('overdue report: date, counts, dashboard and CSV links', async () => {
    const { zh, en } = await both('overdue_report');
    expect(zh).toMatch(/超时报告 2026年11月28日：已超时 1 件，即将到期 0 件/);
    expect(zh).toContain(`查看报告：${ORIGIN}/dashboard.html#overdue-report`);
    expect(zh).toContain(`下载 CSV：${ORIGIN}/dashboard.html#overdue-csv=2026-11-28`);
    expect(en).toContain('Overdue report 28 Nov 2026: 1 overdue, 0 due soon');
  });

  it('not admitted: the reason in words and its explanation, at intake and by staff (误投诉)', async () => {
    const staff = await both('not_admitted', (i) => i.kind === 'not_admitted' && !i.data.atIntake);
    expect(staff.zh).toContain(
      '原因：经核实为误投诉\n说明：经核实，漏水系使用不当所致，不属于产品质量问题。',
    );
    expect(staff.en).toContain('Reason: Found to be groundless');
    const late = await both('not_admitted', (i) => i.kind === 'not_admitted' && i.data.atIntake);
    expect(late.zh).toContain('原因：超过受理时限\n说明：问题发现于 2026年9月1日，距提出索赔已');
    expect(late.en).toContain('Reason: Filed after the filing window');
  });

  it('staff reply: who replied and when, the message whole, the link to read and answer it', async () => {
    const { zh, en } = await both('staff_reply');
    expect(zh).toContain('[CLM-');
    expect(zh).toContain('关于您索赔的回复');
    expect(zh).toContain('经办人 李明 于 2026年11月23日 10:00 回复如下：');
    expect(zh).toContain('王女士您好，我们已安排检测，预计三个工作日内给您结果。');
    expect(zh).toContain('查看处理进度并回复：https://claims.example/track.html?number=');
    expect(en).toContain('A reply about your claim');
    expect(en).toContain('李明, who handles it, replied on 23 Nov 2026, 10:00:');
    expect(en).toContain('Follow your claim and answer here: https://claims.example/track.html?number=');
  });

  it('note mention: to the colleague named, who wrote it, the note, that the customer never sees it', async () => {
    const intent = sent.find((s) => s.intent.kind === 'note_mention')?.intent;
    expect(intent?.recipient).toEqual({ type: 'staff', staffId: 'manager-hq' });
    const { zh, en } = await both('note_mention');
    expect(zh).toContain('李明 在内部备注中提到了您');
    expect(zh).toContain('于 2026年11月23日 10:00 在索赔 CLM-');
    expect(zh).toContain('「请协调检测中心尽快出报告，客户比较着急。」');
    expect(zh).toContain('内部备注不会发给客户。');
    expect(zh).toContain('打开索赔：https://claims.example/staff.html#CLM-');
    expect(en).toContain('李明 mentioned you in an internal note');
    expect(en).toContain('Internal notes are never sent to the customer.');
  });

  it('withdrawn: the reason, by staff on the customer’s behalf or by the customer', async () => {
    const staff = await both('withdrawn', (i) => i.kind === 'withdrawn' && i.data.byStaff);
    expect(staff.zh).toContain('按您的要求，您的索赔');
    expect(staff.zh).toContain('撤回原因：客户来电表示已与门店协商解决');
    const own = await both('withdrawn', (i) => i.kind === 'withdrawn' && !i.data.byStaff);
    expect(own.zh).toContain('撤回原因：已自行解决');
    expect(own.en).toContain('Reason given: 已自行解决');
  });
});
