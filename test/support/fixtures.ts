import { IntakeInputSchema, type IntakeInput } from '../../shared/domain/claim.js';
import type { HeldMailReading } from '../../shared/domain/use-cases/held-mail.js';
import { DynamoMailStore } from '../../shared/adapters/dynamodb/mail-store.js';
import type { MailStore } from '../../shared/ports/mail-store.js';
import { parseMail } from '../../shared/adapters/mail/parse-mail.js';
import { buildOrgTree } from '../../shared/domain/org-units.js';
import { toPrincipal, type StaffPrincipal } from '../../shared/domain/principal.js';
import { defaultPolicySettings, type PolicySettings } from '../../shared/domain/settings.js';
import type { StaffRole } from '../../shared/domain/lifecycle.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/ids.js';
import type { Dependencies } from '../../shared/runtime/composition.js';
import type { ClaimStore } from '../../shared/ports/claim-store.js';
import type { ClaimWriter } from '../../shared/ports/claim-writer.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { DynamoClaimWriter } from '../../shared/adapters/dynamodb/claim-writer.js';
import { InMemoryClaimWriter } from '../../shared/adapters/memory/claim-writer.js';
import { InMemoryQueueSender } from '../../shared/adapters/memory/queue-sender.js';
import { InMemoryCalendarStore } from '../../shared/adapters/memory/calendar-store.js';
import { cachedCalendarSource } from '../../shared/domain/sla/calendar-source.js';
import { InMemoryClaimStore } from '../../shared/adapters/memory/claim-store.js';
import { InMemoryCommitmentStore } from '../../shared/adapters/memory/commitment-store.js';
import { InMemoryMoneyStore } from '../../shared/adapters/memory/money-store.js';
import type { MoneyStore } from '../../shared/ports/money-store.js';
import { InMemoryBlobStore } from '../../shared/adapters/memory/blob-store.js';
import { InMemoryUploadSigner } from '../../shared/adapters/memory/upload-signer.js';
import type { BlobStore } from '../../shared/ports/blob-store.js';
import { InMemoryPolicyStore } from '../../shared/adapters/memory/policy-store.js';
import { cachedPolicySource } from '../../shared/domain/policy-source.js';
import { FakeStaffAccounts, InMemoryStaffDirectory } from '../../shared/adapters/memory/staff-directory.js';
import type { StaffMember } from '../../shared/domain/staff-directory.js';
import { InMemoryClaimFinderStore } from '../../shared/adapters/memory/claim-finder-store.js';
import { DynamoClaimFinderStore } from '../../shared/adapters/dynamodb/claim-finder-store.js';
import type { ClaimFinderStore } from '../../shared/ports/claim-finder-store.js';
import type { SecretSource } from '../../shared/ports/secret.js';
import { TEST_CUSTOMER_DATA_SECRET, TEST_FORM_CHALLENGE_SECRET } from './proof-of-work.js';

/** A clock tests move by hand. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advanceDays(days: number): void {
    this.advanceMs(days * 86_400_000);
  }
  advanceMs(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Predictable ids: `id-0001`, … and tokens `token-0001-…` (long enough to pass as ≥128-bit strings). */
export class SequentialIds implements IdGenerator {
  private n = 0;
  private t = 0;
  newId(at: Date): string {
    this.n++;
    // Time first so ids sort by time like ULIDs do.
    return `${at.getTime().toString(36).padStart(10, '0')}${String(this.n).padStart(6, '0')}`.toUpperCase();
  }
  newAccessToken(): string {
    this.t++;
    return `token-${String(this.t).padStart(4, '0')}-abcdefghijklmnopqrstuvwxyz0123456789`;
  }
  private c = 0;
  /** `100001`, `100002`, …: distinct and six digits. */
  newLookupCode(): string {
    this.c++;
    return String(100_000 + this.c);
  }
}

export const settings: PolicySettings = defaultPolicySettings();
export const orgTree = buildOrgTree(settings.units);

/** A valid web-form submission; pass overrides for what a test is about. */
export function intakeInput(overrides: Record<string, unknown> = {}): IntakeInput {
  return IntakeInputSchema.parse({
    claimant: { name: '王芳', phone: '13800138000' },
    product: { name: '电热水壶 K1', orderNumber: 'SO-1001' },
    foundOn: '2026-11-20',
    description: '壶底漏水，无法使用',
    category: 'product_quality',
    requestedRemedy: 'replacement',
    claimedAmountFen: 19_900,
    ...overrides,
  });
}

export function principal(
  roles: StaffRole[],
  unitId = 'HQ',
  extra: Partial<StaffPrincipal> = {},
): StaffPrincipal {
  return {
    ...toPrincipal({ id: `staff-${roles.join('-')}-${unitId}`, roles, unitId, approvalLimitFen: 0 }, orgTree),
    ...extra,
  };
}

export function testDependencies(
  store: ClaimStore,
  clock = new FixedClock(new Date('2026-11-23T02:00:00Z')),
  /** Money store: defaults to one over the in-memory claim store (pass a DynamoMoneyStore on DynamoDB Local). */
  money: MoneyStore = new InMemoryMoneyStore(
    store instanceof InMemoryClaimStore ? store : new InMemoryClaimStore(),
  ),
): Dependencies & {
  clock: FixedClock;
  queues: InMemoryQueueSender;
  evidence: InMemoryBlobStore;
  uploads: InMemoryUploadSigner;
  reports: BlobStore;
  mailStore: MailStore;
  heldMail: () => Promise<HeldMailReading>;
  policyStore: InMemoryPolicyStore;
  staff: InMemoryStaffDirectory;
  formChallengeSecret: SecretSource;
  customerDataSecret: SecretSource;
} {
  const calendarStore = new InMemoryCalendarStore();
  // Breaches recorded by a claim change land on the in-memory commitments, as in one DynamoDB transaction
  // (a store already linked to commitments keeps them).
  const commitments =
    (store instanceof InMemoryClaimStore ? store.commitments : undefined) ?? new InMemoryCommitmentStore();
  const writer = writerFor(store, money);
  if (store instanceof InMemoryClaimStore) store.commitments = commitments;
  const policyStore = new InMemoryPolicyStore();
  return {
    commitments,
    calendarStore,
    // TTL 0: a schedule a test stores applies at once.
    calendars: cachedCalendarSource(calendarStore, clock, 0),
    store,
    writer,
    money,
    clock,
    queues: new InMemoryQueueSender(),
    ids: new SequentialIds(),
    // The use cases called directly read these; the handlers read the policy in force from `policy`
    // (seeded with the same defaults as version 1 on first read; TTL 0: a saved version applies at once).
    settings,
    orgTree,
    policyVersion: 1,
    policyStore,
    policy: cachedPolicySource(policyStore, clock, settings, 0),
    maxBodyBytes: 64 * 1024,
    evidence: new InMemoryBlobStore(),
    uploads: new InMemoryUploadSigner(),
    reports: new InMemoryBlobStore(),
    mailStore: mailStoreFor(store),
    heldMail: heldMailFor(store),
    staff: new InMemoryStaffDirectory(testStaff()),
    staffAccounts: new FakeStaffAccounts(counter('sub')),
    finder: finderFor(store),
    formChallengeSecret: () => Promise.resolve(TEST_FORM_CHALLENGE_SECRET),
    customerDataSecret: () => Promise.resolve(TEST_CUSTOMER_DATA_SECRET),
  };
}

/**
 * Stored inbound mail beside a claim store on DynamoDB Local (the mail store has no in-memory fake: its
 * conditions are tested on the real table). Tests of held mail pass the raw-mail store they deliver to.
 */
function heldMailFor(store: ClaimStore): () => Promise<HeldMailReading> {
  if (!(store instanceof DynamoClaimStore))
    return () => Promise.reject(new Error('held mail needs DynamoDB Local: build the deps on a test table'));
  const reading: HeldMailReading = {
    rawMail: new InMemoryBlobStore(),
    parse: (raw) => parseMail(raw, settings.mail),
  };
  return () => Promise.resolve(reading);
}

/** The mail store on the claim store's table; in memory there is none, and a test that needs one fails in words. */
function mailStoreFor(store: ClaimStore): MailStore {
  return store instanceof DynamoClaimStore
    ? new DynamoMailStore(store.client, store.tableName)
    : new NoMailStore();
}

/** Stands in where a test runs in memory: every call fails, naming what it needs (never a silent answer). */
class NoMailStore implements MailStore {
  private refuse(): Promise<never> {
    return Promise.reject(new Error('the mail store needs DynamoDB Local: build the deps on a test table'));
  }
  getInbound = () => this.refuse();
  recordInbound = () => this.refuse();
  listHeldMail = () => this.refuse();
  settleHeldMail = () => this.refuse();
  claimForMessageIds = () => this.refuse();
  takeAcknowledgmentAllowance = () => this.refuse();
  takeClaimAllowance = () => this.refuse();
  getNotification = () => this.refuse();
  prepareNotification = () => this.refuse();
  markSent = () => this.refuse();
  markFinal = () => this.refuse();
  recordTextOptOut = () => this.refuse();
  // True to this store: nothing can record an opt-out here (above), so no number has opted out. Intake reads it
  // for every claim with a phone, and in-memory API tests file claims.
  isTextOptedOut = () => Promise.resolve(false);
  countAttempt = () => this.refuse();
}

/** The lookup store beside the claim store: the same table, or the same memory. */
export function finderFor(store: ClaimStore): ClaimFinderStore {
  if (store instanceof DynamoClaimStore) return new DynamoClaimFinderStore(store.client, store.tableName);
  return new InMemoryClaimFinderStore(store instanceof InMemoryClaimStore ? store : new InMemoryClaimStore());
}

function counter(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(4, '0')}`;
}

/** A directory entry for tests: active, not on leave, version 1, at `unitId` (HQ by default). */
export function staffMember(
  id: string,
  roles: StaffRole[] = ['agent'],
  unitId = 'HQ',
  extra: Partial<StaffMember> = {},
): StaffMember {
  return {
    id,
    name: id,
    email: `${id}@staff.claims.example`,
    unitId,
    roles,
    active: true,
    onLeave: false,
    version: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...extra,
  };
}

/**
 * The people the tests assign claims to, at the units they work at, and a manager for each unit; the
 * `principal()` ids are here too, so a claim taken over is assigned to someone the directory knows.
 */
export function testStaff(): StaffMember[] {
  const agents = ['agent-1', 'agent-7', 'agent-9', 'x', 'y', 'a', 'b', 'me', 'hq-mgr'];
  return [
    ...agents.map((id) => staffMember(id, ['agent'], 'EAST-SH01')),
    ...settings.units.map((u) => staffMember(`manager-${u.id.toLowerCase()}`, ['manager'], u.id)),
  ];
}

/**
 * The claim writer over the same storage as `store`: DynamoDB's for a DynamoDB store (same table and
 * severity rules), else the in-memory one over the in-memory stores' maps.
 */
export function writerFor(store: ClaimStore, money?: MoneyStore): ClaimWriter {
  if (store instanceof DynamoClaimStore)
    return new DynamoClaimWriter(store.client, store.tableName, store.policy);
  if (!(store instanceof InMemoryClaimStore)) throw new Error('no claim writer for this store');
  return new InMemoryClaimWriter(store, money instanceof InMemoryMoneyStore ? money : undefined);
}

/** The 2027 New Year holiday as a schedule an operator loads (2027 ships without one). */
export const SCHEDULE_2027 = {
  year: 2027,
  source: 'test: the announced 2027 New Year holiday',
  days: [
    { date: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
    { date: '2027-01-02', kind: 'holiday' as const, name: '元旦' },
    { date: '2027-01-03', kind: 'holiday' as const, name: '元旦' },
  ],
};
