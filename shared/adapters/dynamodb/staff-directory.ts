import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { staffWriteConflict } from '../../domain/staff-directory.js';
import {
  StaffEventSchema,
  StaffMemberSchema,
  type StaffEvent,
  type StaffMember,
} from '../../domain/staff-directory.js';
import type { StaffChange, StaffDirectory } from '../../ports/staff-directory.js';
import {
  ENTITY,
  EVENT_SK_PREFIX,
  SCHEMA_VERSION,
  STAFF_DIRECTORY_PARTITION,
  STAFF_MEMBER_SK_PREFIX,
  staffEventKey,
  staffEventPartition,
  staffMemberKey,
} from './keys.js';
import { queryAll, type Item } from './query-pages.js';
import { cancellationCodes, transactWrite } from './transaction-errors.js';

/**
 * The directory on the claims table: entries `STAFF#DIRECTORY` / `MEMBER#<id>` (one partition, read with
 * one Query), audit events `STAFF#EVENTS#<id>` / `EVENT#<ulid>`. Validated on the way in and out.
 */
export class DynamoStaffDirectory implements StaffDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<StaffMember | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: staffMemberKey(id), ConsistentRead: true }),
    );
    return result.Item ? memberOf(result.Item) : null;
  }

  async list(): Promise<StaffMember[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': STAFF_DIRECTORY_PARTITION, ':prefix': STAFF_MEMBER_SK_PREFIX },
    });
    return items.map(memberOf);
  }

  async history(id: string): Promise<StaffEvent[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': staffEventPartition(id), ':prefix': EVENT_SK_PREFIX },
      ConsistentRead: true,
    });
    return items.map((item) => StaffEventSchema.parse(item['event']));
  }

  async save(change: StaffChange): Promise<void> {
    const member = StaffMemberSchema.parse(change.member);
    const event = StaffEventSchema.parse(change.event);
    const condition =
      change.expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': change.expectedVersion },
          };
    try {
      await transactWrite(
        this.client,
        [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...staffMemberKey(member.id),
                entityType: ENTITY.staffMember,
                schemaVersion: SCHEMA_VERSION,
                ...member,
              },
              ...condition,
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...staffEventKey(member.id, event.id),
                entityType: ENTITY.staffEvent,
                schemaVersion: SCHEMA_VERSION,
                event,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
        false,
      );
    } catch (error) {
      if (cancellationCodes(error).some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict'))
        throw staffWriteConflict(member.id, change.expectedVersion);
      throw error;
    }
  }
}

function memberOf(item: Item): StaffMember {
  const { PK: _pk, SK: _sk, entityType: _type, schemaVersion: _schema, ...member } = item;
  return StaffMemberSchema.parse(member);
}
