import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../zod.js';
import { ConflictError } from '../../domain/errors.js';
import {
  PolicyVersionSchema,
  policyConflict,
  type PolicyVersion,
  type PolicyVersionSummary,
} from '../../domain/policy-document.js';
import type { PolicyStore } from '../../ports/policy-store.js';
import {
  ENTITY,
  POLICY_PARTITION,
  POLICY_VERSION_SK_PREFIX,
  SCHEMA_VERSION,
  currentPolicyKey,
  policyVersionKey,
} from './keys.js';
import { queryAll } from './query-pages.js';
import { cancellationCodes, transactWrite } from './transaction-errors.js';

const VersionSummarySchema = z.omit(PolicyVersionSchema, { settings: true });

/**
 * The policy document in the single table: `POLICY` / `VERSION#<n>` per version, and `POLICY` / `CURRENT`
 * holding a copy of the version in force. A save is one transaction of both puts, conditional on the
 * pointer's version being the one the admin edited and on the new version's item not existing.
 */
export class DynamoPolicyStore implements PolicyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async current(): Promise<PolicyVersion | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: currentPolicyKey(), ConsistentRead: true }),
    );
    return result.Item ? PolicyVersionSchema.parse(result.Item['document']) : null;
  }

  async version(n: number): Promise<PolicyVersion | null> {
    if (!Number.isSafeInteger(n) || n < 1) return null;
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: policyVersionKey(n), ConsistentRead: true }),
    );
    return result.Item ? PolicyVersionSchema.parse(result.Item['document']) : null;
  }

  async listVersions(): Promise<PolicyVersionSummary[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': POLICY_PARTITION, ':prefix': POLICY_VERSION_SK_PREFIX },
      ProjectionExpression: '#d.#v, #d.savedBy, #d.savedAt, #d.changes, #d.#n',
      ExpressionAttributeNames: { '#d': 'document', '#v': 'version', '#n': 'note' },
      ScanIndexForward: false,
    });
    return items.map((item) => VersionSummarySchema.parse(item['document']));
  }

  async save(next: PolicyVersion, expectedVersion: number): Promise<void> {
    const document = PolicyVersionSchema.parse(next);
    if (document.version !== expectedVersion + 1)
      throw new ConflictError(
        `policy version ${document.version} does not follow version ${expectedVersion}`,
      );
    const common = {
      entityType: ENTITY.policyVersion,
      schemaVersion: SCHEMA_VERSION,
      version: document.version,
      document,
    };
    try {
      await transactWrite(
        this.client,
        [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...currentPolicyKey(), ...common, entityType: ENTITY.currentPolicy },
              ...(expectedVersion === 0
                ? { ConditionExpression: 'attribute_not_exists(PK)' }
                : {
                    ConditionExpression: '#version = :expected',
                    ExpressionAttributeNames: { '#version': 'version' },
                    ExpressionAttributeValues: { ':expected': expectedVersion },
                  }),
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: { ...policyVersionKey(document.version), ...common },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
        false,
      );
    } catch (error) {
      if (cancellationCodes(error).includes('ConditionalCheckFailed')) throw policyConflict(expectedVersion);
      throw error;
    }
  }
}
