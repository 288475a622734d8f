import { queryAll } from './query-pages.js';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../zod.js';
import { HolidayScheduleSchema, type HolidaySchedule } from '../../domain/calendar/holiday-schedule.js';
import type { CalendarStore, StoredSchedule } from '../../ports/calendar-store.js';
import { CALENDAR_PARTITION, ENTITY, SCHEMA_VERSION, holidayScheduleKey } from './keys.js';

const StoredItemSchema = z.object({
  schedule: HolidayScheduleSchema,
  updatedBy: z.string(),
  updatedAt: z.string(),
});

/** Operator holiday schedules: item `CALENDAR` / `SCHEDULE#<year>`, validated on the way in and out. */
export class DynamoCalendarStore implements CalendarStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listSchedules(): Promise<StoredSchedule[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': CALENDAR_PARTITION, ':prefix': 'SCHEDULE#' },
    });
    return items
      .map((item) => StoredItemSchema.parse(item))
      .sort((a, b) => a.schedule.year - b.schedule.year);
  }

  async getSchedule(year: number): Promise<StoredSchedule | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: holidayScheduleKey(year), ConsistentRead: true }),
    );
    return result.Item ? StoredItemSchema.parse(result.Item) : null;
  }

  async putSchedule(schedule: HolidaySchedule, by: string, at: Date): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...holidayScheduleKey(schedule.year),
          entityType: ENTITY.holidaySchedule,
          schemaVersion: SCHEMA_VERSION,
          schedule: HolidayScheduleSchema.parse(schedule),
          updatedBy: by,
          updatedAt: at.toISOString(),
        },
      }),
    );
  }
}
