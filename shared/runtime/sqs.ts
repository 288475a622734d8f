import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from '../zod.js';
import { lambdaContextLogging, logger } from './logger.js';
import type { OutboxRef } from '../ports/claim-store.js';
import { OUTBOX_CLAIM_ATTRIBUTE } from '../ports/queue-sender.js';

/** The message id consumers key idempotency on: our business id when sent by us, SQS's otherwise. */
export function messageIdOf(record: SQSRecord): string {
  return record.messageAttributes['messageId']?.stringValue ?? record.messageId;
}

const OutboxAttributesSchema = z.object({
  messageId: z.object({ stringValue: z.string().check(z.minLength(1), z.maxLength(200)) }),
  [OUTBOX_CLAIM_ATTRIBUTE]: z.object({ stringValue: z.string().check(z.minLength(1), z.maxLength(200)) }),
});

/** The outbox row a record came from, when the sender named one (messages sent directly carry none). */
export function outboxRefOf(record: SQSRecord): OutboxRef | undefined {
  const parsed = OutboxAttributesSchema.safeParse(record.messageAttributes);
  if (!parsed.success) return undefined;
  return { claimId: parsed.data[OUTBOX_CLAIM_ATTRIBUTE].stringValue, id: parsed.data.messageId.stringValue };
}

/**
 * An SQS consumer that handles each record on its own and reports only the failed ones
 * (`reportBatchItemFailures`), so one bad message neither blocks nor repeats the others.
 * A body that is not JSON or fails the schema is a permanent failure: it is reported failed as well,
 * so it is retried up to the queue's maxReceiveCount and then lands in the DLQ, never silently dropped.
 * With `arrived`, a record from the outbox is first reported as arrived (its row is marked relayed),
 * before its body is even parsed, so a message that reached its consumer is never re-sent by the catch-up,
 * whatever its processing does.
 */
export function sqsHandler<S extends z.core.$ZodType>(
  schema: S,
  handleRecord: (
    message: z.infer<S>,
    meta: { id: string; receiveCount: number; record: SQSRecord },
  ) => Promise<void>,
  options: { arrived?: (ref: OutboxRef) => Promise<void> } = {},
) {
  return middy<SQSEvent, SQSBatchResponse>()
    .use(lambdaContextLogging())
    .handler(async (event) => {
      const failures: SQSBatchResponse['batchItemFailures'] = [];
      for (const record of event.Records) {
        const id = messageIdOf(record);
        try {
          const ref = outboxRefOf(record);
          if (ref && options.arrived) await options.arrived(ref);
          const message = z.parse(schema, parseJson(record.body));
          await handleRecord(message, {
            id,
            receiveCount: Number(record.attributes.ApproximateReceiveCount),
            record,
          });
        } catch (error) {
          logger.error('message failed', {
            messageId: id,
            error: error instanceof Error ? error : String(error),
          });
          failures.push({ itemIdentifier: record.messageId });
        }
      }
      return { batchItemFailures: failures };
    });
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new Error('message body is not JSON');
  }
}

/** What EventBridge Scheduler sends our scheduled functions (the schedule's input template). */
export const ScheduledEventSchema = z.object({
  scheduledTime: z.iso.datetime({ offset: true }),
  executionId: z.string().check(z.minLength(1)),
  scheduleArn: z.string().check(z.minLength(1)),
});
export type ScheduledEvent = z.infer<typeof ScheduledEventSchema>;

/** A scheduled function: the event is validated with zod before the job runs. */
export function scheduledHandler<R>(job: (event: ScheduledEvent) => Promise<R>) {
  return middy<unknown, R>()
    .use(lambdaContextLogging())
    .handler((event) => job(ScheduledEventSchema.parse(event)));
}
