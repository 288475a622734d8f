import { queryAll } from './query-pages.js';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  CommitmentSchema,
  commitmentRefusals,
  customerOfCommitment,
  type Commitment,
} from '../../domain/commitments.js';
import type { CommitmentStore } from '../../ports/commitment-store.js';
import type { RelatedWrite } from '../../ports/claim-store.js';
import { INDEXES, type IndexDefinition } from './table-definition.js';
import {
  ACTIVE_COMMITMENTS_PARTITION,
  BREACHED_COMMITMENTS_PARTITION,
  COMMITMENT_SK_PREFIX,
  ENTITY,
  SCHEMA_VERSION,
  commitmentKey,
} from './keys.js';
import type { Item } from './claim-items.js';

/**
 * The commitment item: the commitment as its `summary` map (what both indexes project), in its customer's
 * partition. Active ones sit in GSI11 by end of validity; breached ones in GSI12 by latest breach.
 */
export function commitmentToItem(commitment: Commitment): Item {
  const item: Item = {
    ...commitmentKey(commitment.customerId, commitment.id),
    entityType: ENTITY.commitment,
    schemaVersion: SCHEMA_VERSION,
    summary: commitment,
  };
  if (commitment.status === 'active') {
    item[INDEXES.deadlines.partitionKey] = ACTIVE_COMMITMENTS_PARTITION;
    item[INDEXES.deadlines.sortKey] = `${commitment.validUntil}#${commitment.id}`;
  }
  const last = commitment.breaches.at(-1);
  if (last) {
    item[INDEXES.commitmentsBreached.partitionKey] = BREACHED_COMMITMENTS_PARTITION;
    item[INDEXES.commitmentsBreached.sortKey] = `${last.at}#${commitment.id}`;
  }
  return item;
}

function commitmentFromItem(item: Item): Commitment {
  return CommitmentSchema.parse(item['summary']);
}

/** The Update a claim transaction carries when a breach of a cited commitment is recorded. */
export function commitmentBreachUpdate(
  tableName: string,
  write: Extract<RelatedWrite, { type: 'commitment_breach' }>,
) {
  return {
    Update: {
      TableName: tableName,
      Key: commitmentKey(customerOfCommitment(write.commitmentId), write.commitmentId),
      UpdateExpression:
        'SET summary.breaches = list_append(summary.breaches, :breach), summary.version = summary.version + :one, #gpk = :gpk, #gsk = :gsk',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: {
        '#gpk': INDEXES.commitmentsBreached.partitionKey,
        '#gsk': INDEXES.commitmentsBreached.sortKey,
      },
      ExpressionAttributeValues: {
        ':breach': [{ claimId: write.claimId, at: write.at }],
        ':one': 1,
        ':gpk': BREACHED_COMMITMENTS_PARTITION,
        ':gsk': `${write.at}#${write.commitmentId}`,
      },
    },
  };
}

export class DynamoCommitmentStore implements CommitmentStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(commitment: Commitment): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: commitmentToItem(CommitmentSchema.parse(commitment)),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw commitmentRefusals.exists(commitment.id);
      throw error;
    }
  }

  async get(id: string): Promise<Commitment | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: commitmentKey(customerOfCommitment(id), id) }),
    );
    return result.Item ? commitmentFromItem(result.Item) : null;
  }

  async byCustomer(customerId: string): Promise<Commitment[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': commitmentKey(customerId, '').PK, ':prefix': COMMITMENT_SK_PREFIX },
    });
    return items.map(commitmentFromItem).sort((a, b) => a.validUntil.localeCompare(b.validUntil));
  }

  async activeEndingBy(untilDate: string): Promise<Commitment[]> {
    const items = await this.queryAll(
      indexRange(INDEXES.deadlines, ACTIVE_COMMITMENTS_PARTITION, `${untilDate}#~`),
    );
    return items.map(commitmentFromItem);
  }

  async breached(): Promise<Commitment[]> {
    const items = await this.queryAll({
      ...indexRange(INDEXES.commitmentsBreached, BREACHED_COMMITMENTS_PARTITION, '~'),
      ScanIndexForward: false,
    });
    return items.map(commitmentFromItem);
  }

  async save(commitment: Commitment, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: commitmentToItem(CommitmentSchema.parse(commitment)),
          ConditionExpression: 'summary.version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw commitmentRefusals.changed();
      throw error;
    }
  }

  private queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<Item[]> {
    return queryAll(this.client, { ...input, TableName: this.tableName });
  }
}

function indexRange(index: IndexDefinition, partition: string, until: string) {
  return {
    IndexName: index.indexName,
    KeyConditionExpression: '#pk = :pk AND #sk <= :until',
    ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
    ExpressionAttributeValues: { ':pk': partition, ':until': until },
  };
}
