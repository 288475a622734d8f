/**
 * The helpers later functions plug in with (queue consumer, schedule, bind…, heartbeat alarm),
 * proven on a test-only stack with placeholder functions, since the real consumers come later.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ClaimsFunction } from '../../infra/constructs/claims-function.js';
import { ClaimsTable } from '../../infra/constructs/claims-table.js';
import { OpsAlarms } from '../../infra/constructs/ops-alarms.js';
import { addQueueConsumer } from '../../infra/constructs/queue-consumer.js';
import { addSchedule } from '../../infra/constructs/schedule.js';
import { AccessLogBucket, SecureBucket } from '../../infra/constructs/secure-bucket.js';
import { WorkQueue, createDeadLetterQueue } from '../../infra/constructs/work-queue.js';
import { nagFindings, testApp } from './support/synth.js';
import { grantsOfRole, logicalIdOf, resource, resources } from './support/template-json.js';

const ScheduleTarget = z.object({
  RoleArn: z.object({ 'Fn::GetAtt': z.tuple([z.string(), z.literal('Arn')]) }),
});

function helperStack(): Stack {
  return new Stack(testApp(), 'Helpers');
}

// Prepare: one stack wired the way the service stack will wire email-in, sweep and report.
const stack = helperStack();
const table = new ClaimsTable(stack, 'Table');
const jobs = new WorkQueue(stack, 'Jobs', { consumerTimeout: Duration.seconds(20) });
const outbox = new WorkQueue(stack, 'Outbox', { consumerTimeout: Duration.seconds(30) });
const schedulerDlq = createDeadLetterQueue(stack, 'SchedulerDlq', 'test schedules');
const bucket = new SecureBucket(stack, 'Blobs', {
  accessLogs: new AccessLogBucket(stack, 'Logs'),
  accessLogsPrefix: 'blobs/',
});
const alarms = new OpsAlarms(stack, 'Alarms', { email: 'ops@example.com' });

const consumer = new ClaimsFunction(stack, 'Consumer', {
  entry: 'functions/consumer/handler.ts',
  timeout: Duration.seconds(20),
})
  .bindTable(table, 'read')
  .bindQueue(outbox.queue, 'OUTBOX_QUEUE_URL')
  .bindBucket(bucket, 'BLOB_BUCKET', 'read', 'inbound/');
addQueueConsumer(consumer, jobs, { batchSize: 5 });

const sweep = new ClaimsFunction(stack, 'Sweep', { entry: 'functions/sweep/handler.ts' }).bindTable(table);
addSchedule(sweep, 'rate(15 minutes)', 'Asia/Shanghai', { deadLetterQueue: schedulerDlq });
alarms.watchHeartbeat(sweep, Duration.minutes(30));

const report = new ClaimsFunction(stack, 'Report', { entry: 'functions/report/handler.ts' });
addSchedule(report, 'cron(0 2 * * ? *)', 'Asia/Shanghai', {
  deadLetterQueue: schedulerDlq,
  retryAttempts: 2,
});

// Act: one synth for the file.
const template = Template.fromStack(stack);
const ref = (construct: Parameters<typeof logicalIdOf>[0]) => ({ Ref: logicalIdOf(construct) });
const arn = (construct: Parameters<typeof logicalIdOf>[0]) => ({
  'Fn::GetAtt': [logicalIdOf(construct), 'Arn'],
});

describe('addQueueConsumer', () => {
  it('maps the queue to the function with partial batch failure reporting', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arn(jobs.queue),
      FunctionName: ref(consumer.function),
      BatchSize: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('keeps the queue visibility at least 6x the consumer timeout', () => {
    expect(resource(template, logicalIdOf(jobs.queue)).properties.VisibilityTimeout).toBe(6 * 20);
  });

  it('refuses a consumer slower than the queue was sized for', () => {
    const other = helperStack();
    const queue = new WorkQueue(other, 'Fast', { consumerTimeout: Duration.seconds(10) });
    const slow = new ClaimsFunction(other, 'Slow', {
      entry: 'functions/slow/handler.ts',
      timeout: Duration.seconds(30),
    });
    expect(() => addQueueConsumer(slow, queue)).toThrow(/visibility timeout 60s is less than 6x/);
  });

  it('grants receive/delete on the consumed queue only, and send on the bound one only', () => {
    const grants = grantsOfRole(template, logicalIdOf(consumer.role));
    const sqs = grants.filter((grant) => grant.action.startsWith('sqs:'));
    for (const grant of sqs.filter((candidate) => candidate.action !== 'sqs:SendMessage')) {
      expect(grant.resource).toEqual(arn(jobs.queue));
    }
    expect(sqs.filter((grant) => grant.action === 'sqs:SendMessage')).toEqual([
      { action: 'sqs:SendMessage', resource: arn(outbox.queue) },
    ]);
    expect(new Set(sqs.map((grant) => grant.action))).toEqual(
      new Set([
        'sqs:ReceiveMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:GetQueueUrl',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:SendMessage',
      ]),
    );
  });
});

describe('bind methods', () => {
  it('bindTable(read) grants reads only, and Query on the table and its indexes', () => {
    const dynamo = grantsOfRole(template, logicalIdOf(consumer.role)).filter((grant) =>
      grant.action.startsWith('dynamodb:'),
    );
    expect(new Set(dynamo.map((grant) => grant.action))).toEqual(
      new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query']),
    );
  });

  it('bindBucket attaches a policy for the objects under one prefix, and names the bucket', () => {
    const role = resource(template, logicalIdOf(consumer.role));
    expect(role.properties.ManagedPolicyArns).toEqual([ref(bucket.objectAccessPolicy('read', 'inbound/'))]);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: { 'Fn::Join': ['', [arn(bucket), '/inbound/*']] },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ BLOB_BUCKET: ref(bucket), OUTBOX_QUEUE_URL: ref(outbox.queue) }),
      },
    });
  });

  it('refuses to bind the same variable twice', () => {
    const other = helperStack();
    const fn = new ClaimsFunction(other, 'Twice', { entry: 'functions/twice/handler.ts' });
    const otherTable = new ClaimsTable(other, 'Table');
    fn.bindTable(otherTable);
    expect(() => fn.bindTable(otherTable)).toThrow(/TABLE_NAME is already bound/);
  });
});

describe('addSchedule', () => {
  it.each([
    ['sweep', 'rate(15 minutes)', () => sweep, 3],
    ['report', 'cron(0 2 * * ? *)', () => report, 2],
  ])(
    'runs %s on %s in Asia/Shanghai with retries and the scheduler DLQ',
    (_name, expression, fnOf, retries) => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: 'Asia/Shanghai',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: Match.objectLike({
          Arn: arn(fnOf().function),
          DeadLetterConfig: { Arn: arn(schedulerDlq) },
          RetryPolicy: { MaximumRetryAttempts: retries, MaximumEventAgeInSeconds: 3600 },
          Input: Match.stringLikeRegexp('<aws.scheduler.scheduled-time>'),
        }),
      });
    },
  );

  it('sends failed asynchronous runs to the same DLQ', () => {
    for (const fn of [sweep, report]) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: ref(fn.function),
        DestinationConfig: { OnFailure: { Destination: arn(schedulerDlq) } },
      });
    }
  });

  it("gives the scheduler's role invoke on its function and send on the DLQ, nothing else", () => {
    const schedules = resources(template, 'AWS::Scheduler::Schedule');
    for (const schedule of schedules) {
      const target = ScheduleTarget.parse(schedule.properties.Target);
      const [roleId] = target.RoleArn['Fn::GetAtt'];
      for (const grant of grantsOfRole(template, roleId)) {
        expect(['lambda:InvokeFunction', 'sqs:SendMessage']).toContain(grant.action);
        if (grant.action === 'sqs:SendMessage') expect(grant.resource).toEqual(arn(schedulerDlq));
      }
    }
  });

  it('rejects expressions and time zones Scheduler would reject', () => {
    const other = helperStack();
    const fn = new ClaimsFunction(other, 'Bad', { entry: 'functions/bad/handler.ts' });
    const dlq = createDeadLetterQueue(other, 'Dlq', 'test');
    expect(() => addSchedule(fn, 'every 15 minutes', 'Asia/Shanghai', { deadLetterQueue: dlq })).toThrow(
      /expression/,
    );
    expect(() => addSchedule(fn, 'rate(15 minutes)', 'Asia/Beijing', { deadLetterQueue: dlq })).toThrow(
      /time zone/,
    );
  });
});

describe('OpsAlarms.watchHeartbeat', () => {
  it('alarms when the sweep has not been invoked for 30 minutes, missing data included', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Invocations',
      Dimensions: [{ Name: 'FunctionName', Value: ref(sweep.function) }],
      Period: 1800,
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  });
});

describe('WorkQueue', () => {
  it('refuses a redrive count below 5', () => {
    expect(
      () =>
        new WorkQueue(helperStack(), 'Impatient', {
          consumerTimeout: Duration.seconds(10),
          maxReceiveCount: 3,
        }),
    ).toThrow(/maxReceiveCount/);
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged once consumers and schedules are attached', () => {
    expect(nagFindings(stack)).toEqual([]);
  });
});
