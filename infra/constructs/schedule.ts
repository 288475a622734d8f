/**
 * Runs a ClaimsFunction on an EventBridge Scheduler schedule. Scheduler retries a failed delivery and
 * then drops the event into a dead-letter queue; Lambda invokes the function asynchronously, so its own
 * failures go to the same queue through an on-failure destination. The event carries the scheduled
 * time and execution id so a handler can make each run idempotent.
 */
import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ClaimsFunction } from './claims-function.js';

/** `rate(15 minutes)`, `cron(0 2 * * ? *)` or `at(2026-01-01T00:00:00)`, as Scheduler writes them. */
const EXPRESSION = /^(rate|cron|at)\(.+\)$/;

export interface ScheduleOptions {
  /** Where undeliverable events and failed async invocations end up. */
  readonly deadLetterQueue: IQueue;
  readonly description?: string;
  /** Scheduler delivery retries; default 3. */
  readonly retryAttempts?: number;
  /** How long Scheduler keeps retrying one event; default 1 hour. */
  readonly maxEventAge?: Duration;
}

/** The payload every scheduled handler receives; validate it with zod on the handler side. */
export const SCHEDULED_EVENT_INPUT = ScheduleTargetInput.fromObject({
  scheduledTime: ContextAttribute.scheduledTime,
  executionId: ContextAttribute.executionId,
  scheduleArn: ContextAttribute.scheduleArn,
});

export function addSchedule(
  fn: ClaimsFunction,
  expression: string,
  timeZone: string,
  options: ScheduleOptions,
): Schedule {
  if (!EXPRESSION.test(expression)) throw new Error(`not a Scheduler expression: ${expression}`);
  if (!Intl.supportedValuesOf('timeZone').includes(timeZone))
    throw new Error(`unknown time zone: ${timeZone}`);

  fn.sendAsyncFailuresTo(options.deadLetterQueue);
  const target = new LambdaInvoke(fn.function, {
    input: SCHEDULED_EVENT_INPUT,
    retryAttempts: options.retryAttempts ?? 3,
    maxEventAge: options.maxEventAge ?? Duration.hours(1),
    deadLetterQueue: options.deadLetterQueue,
  });
  const schedule = new Schedule(fn, `Schedule-${scheduleCount(fn)}`, {
    schedule: ScheduleExpression.expression(expression, TimeZone.of(timeZone)),
    target,
    description: options.description ?? `${fn.node.id}: ${expression} (${timeZone})`,
  });

  // Scheduler's target role gets lambda:InvokeFunction on the function and `<arn>:*` (its versions
  // and aliases): the grant CDK's LambdaInvoke makes. Acknowledge exactly that ARN.
  Validations.of(Stack.of(fn)).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${functionLogicalId(fn)}.Arn>:*]`,
    reason:
      "Scheduler's invoke grant covers the function's own versions and aliases (<arn>:*), nothing else.",
  });
  return schedule;
}

function scheduleCount(fn: ClaimsFunction): number {
  return fn.node.children.filter((child) => child instanceof Schedule).length + 1;
}

function functionLogicalId(fn: ClaimsFunction): string {
  const stack = Stack.of(fn);
  const resolved: unknown = stack.resolve(fn.function.functionArn);
  const getAtt = typeof resolved === 'object' && resolved !== null ? Object.entries(resolved) : [];
  const [name, args] = getAtt[0] ?? [];
  if (name === 'Fn::GetAtt' && Array.isArray(args) && typeof args[0] === 'string') return args[0];
  throw new Error(`${fn.node.path}: function ARN is not a local GetAtt`);
}
