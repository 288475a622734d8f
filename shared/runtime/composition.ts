import type { OrgTree } from '../domain/org-units.js';
import type { PolicySettings } from '../domain/settings.js';
import { cachedPolicySource } from '../domain/policy-source.js';
import { DynamoPolicyStore } from '../adapters/dynamodb/policy-store.js';
import type { PolicySource, PolicyStore } from '../ports/policy-store.js';
import type { AtColdStart } from './current-policy.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/dynamodb/client.js';
import { DynamoClaimStore } from '../adapters/dynamodb/claim-store.js';
import { DynamoClaimWriter } from '../adapters/dynamodb/claim-writer.js';
import type { ClaimWriter } from '../ports/claim-writer.js';
import { DynamoMoneyStore } from '../adapters/dynamodb/money-store.js';
import type { MoneyStore } from '../ports/money-store.js';
import { randomIds } from '../adapters/random-ids.js';
import { systemClock } from '../adapters/system-clock.js';
import { offsetClock } from '../adapters/offset-clock.js';
import type { ClockOffset } from '../domain/clock-offset.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/ids.js';
import type { QueueSender } from '../ports/queue-sender.js';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsQueueSender } from '../adapters/sqs/queue-sender.js';
import type { RuntimeConfig } from './config.js';
import { DynamoCalendarStore } from '../adapters/dynamodb/calendar-store.js';
import { cachedCalendarSource } from '../domain/sla/calendar-source.js';
import type { CalendarSource, CalendarStore } from '../ports/calendar-store.js';
import { DynamoCommitmentStore } from '../adapters/dynamodb/commitment-store.js';
import type { CommitmentStore } from '../ports/commitment-store.js';
import { DynamoStaffDirectory } from '../adapters/dynamodb/staff-directory.js';
import type { StaffDirectory } from '../ports/staff-directory.js';
import type { StaffAccounts } from '../ports/staff-accounts.js';
import { staffAccountsFor } from './staff-accounts.js';
import { DynamoClaimFinderStore } from '../adapters/dynamodb/claim-finder-store.js';
import type { ClaimFinderStore } from '../ports/claim-finder-store.js';

/**
 * Everything a handler's use cases need: built once per cold start (the composition root) except the policy,
 * which each request reads current from `policy` (see withCurrentPolicy).
 */
export interface Dependencies {
  readonly store: ClaimStore;
  /** The one way claims change: each use case's ClaimChange becomes one transaction. */
  readonly writer: ClaimWriter;
  /** Payouts, recoveries, the ledger (issue 6): same table, its own port. */
  readonly money: MoneyStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The policy in force at the request's time, and its version (issue 15). */
  readonly settings: PolicySettings;
  readonly orgTree: OrgTree;
  readonly policyVersion: number;
  /** Where the policy in force is read from (cached for a minute), and the versioned document itself. */
  readonly policy: PolicySource;
  readonly policyStore: PolicyStore;
  readonly queues: QueueSender;
  readonly maxBodyBytes: number;
  /** Operator holiday schedules (SLA work). */
  readonly calendarStore: CalendarStore;
  /** The working calendar in force: shipped schedules plus operator overrides, cached briefly. */
  readonly calendars: CalendarSource;
  /** The commitments registry (承诺). */
  readonly commitments: CommitmentStore;
  /** The staff directory (issue 15): assignment, notice routing and the admin pages read it. */
  readonly staff: StaffDirectory;
  /** Sign-in accounts for new staff: Cognito in the cloud, a fake that mints a subject locally. */
  readonly staffAccounts: StaffAccounts;
  /** "Find my claim" (issue 16): codes, wrong-code counts and locks per claim number. */
  readonly finder: ClaimFinderStore;
  /** The rehearsal clock's offset when `clock` is shifted (local only), for the pages' banner. */
  readonly clockOffset?: ClockOffset | undefined;
}

/** What every function needs to read and change claims: the claim store, the clock, ids and the settings. */
export type CoreDependencies = Pick<
  Dependencies,
  'store' | 'writer' | 'clock' | 'ids' | 'settings' | 'policyVersion' | 'policy'
>;

const documentClients = new WeakMap<RuntimeConfig, DynamoDBDocumentClient>();

/** One DynamoDB document client per configuration: every store a function builds shares it. */
export function documentClientFor(config: RuntimeConfig): DynamoDBDocumentClient {
  let client = documentClients.get(config);
  if (!client) {
    client = createDocumentClient({ endpoint: config.dynamoEndpoint, region: config.region });
    documentClients.set(config, client);
  }
  return client;
}

export interface CompositionOptions {
  /** The function may only read the table (the report): it never writes the policy's seed. */
  readonly readOnly?: boolean;
}

const policySources = new WeakMap<RuntimeConfig, { store: PolicyStore; source: PolicySource }>();

/**
 * The policy document of this configuration's table and its one cached source (shared by every store the
 * function builds); POLICY_SETTINGS only seeds a table that has no document yet.
 */
export function policyFor(
  config: RuntimeConfig,
  options: CompositionOptions = {},
): { store: PolicyStore; source: PolicySource } {
  let policy = policySources.get(config);
  if (!policy) {
    const store = new DynamoPolicyStore(documentClientFor(config), config.tableName);
    const source = cachedPolicySource(
      store,
      clockFor(config),
      config.policySeed,
      undefined,
      !(options.readOnly ?? false),
    );
    policy = { store, source };
    policySources.set(config, policy);
  }
  return policy;
}

/** The core alone, for a function that needs no queue client or calendars (notify). */
export function buildCoreDependencies(
  config: RuntimeConfig,
  options: CompositionOptions = {},
): AtColdStart<CoreDependencies> {
  const policy = policyFor(config, options).source;
  return {
    store: new DynamoClaimStore(documentClientFor(config), config.tableName, policy),
    writer: new DynamoClaimWriter(documentClientFor(config), config.tableName, policy),
    clock: clockFor(config),
    ids: randomIds,
    policy,
  };
}

/** The system clock, or the rehearsal clock shifted by CLAIMS_CLOCK_OFFSET (local only, see loadConfig). */
export function clockFor(config: Pick<RuntimeConfig, 'clockOffset'>): Clock {
  return config.clockOffset ? offsetClock(systemClock, config.clockOffset.milliseconds) : systemClock;
}

export function buildDependencies(
  config: RuntimeConfig,
  options: CompositionOptions = {},
): AtColdStart<Dependencies> {
  const client = documentClientFor(config);
  const calendarStore = new DynamoCalendarStore(client, config.tableName);
  const core = buildCoreDependencies(config, options);
  return {
    ...core,
    money: new DynamoMoneyStore(client, config.tableName),
    policyStore: policyFor(config, options).store,
    queues: new SqsQueueSender(sqsClient(config), config.queueUrls),
    maxBodyBytes: config.maxBodyBytes,
    calendarStore,
    calendars: cachedCalendarSource(calendarStore, core.clock),
    commitments: new DynamoCommitmentStore(client, config.tableName),
    staff: new DynamoStaffDirectory(client, config.tableName),
    staffAccounts: staffAccountsFor(config),
    finder: new DynamoClaimFinderStore(client, config.tableName),
    clockOffset: config.clockOffset,
  };
}

function sqsClient(config: RuntimeConfig): SQSClient {
  return new SQSClient({
    ...(config.region ? { region: config.region } : {}),
    ...(config.sqsEndpoint
      ? {
          endpoint: config.sqsEndpoint,
          region: config.region ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
}
