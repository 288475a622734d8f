import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INDEXES } from '../../shared/adapters/dynamodb/table-definition.js';
import { rendered, synthClaimsApp } from './support/synth.js';
import { grantsOfRole, key, logicalIdOf, resource, resources } from './support/template-json.js';

const { data, service, serviceTemplate: template, dataTemplate } = synthClaimsApp();
const EnvSchema = z.object({ Variables: z.record(z.string(), z.unknown()) });

describe('SLA functions in the service stack', () => {
  const sweep = service.sweepFunction;
  const report = service.reportFunction;

  it.each([
    ['sweep', () => sweep, 'rate(15 minutes)'],
    ['report', () => report, 'cron(0 2 * * ? *)'],
  ])('runs the %s on %s, Asia/Shanghai, with the scheduler DLQ', (_name, fnOf, expression) => {
    const fn = fnOf();
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [logicalIdOf(fn.function), 'Arn'] },
        DeadLetterConfig: { Arn: rendered(service, data.schedulerDeadLetterQueue.queueArn) },
      }),
    });
    expect(resource(template, logicalIdOf(fn.function)).properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
    });
  });

  it('alarms when the sweep has not run for 30 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Invocations',
      Namespace: 'AWS/Lambda',
      Period: 1800,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(sweep.function) } }],
    });
  });

  it('tells the sweep where the table and the notify queue are, and lets it write both', () => {
    const env = EnvSchema.parse(resource(template, logicalIdOf(sweep.function)).properties.Environment);
    expect(env.Variables).toMatchObject({
      TABLE_NAME: rendered(service, data.table.tableName),
      NOTIFY_QUEUE_URL: rendered(service, data.notifyQueue.queue.queueUrl),
    });
    const grants = grantsOfRole(template, logicalIdOf(sweep.role));
    expect(grants).toEqual(
      expect.arrayContaining([
        { action: 'dynamodb:PutItem', resource: rendered(service, data.table.tableArn) },
        { action: 'sqs:SendMessage', resource: rendered(service, data.notifyQueue.queue.queueArn) },
      ]),
    );
  });

  it('lets the report read the table and write only under reports/ in the reports bucket', () => {
    const env = EnvSchema.parse(resource(template, logicalIdOf(report.function)).properties.Environment);
    expect(env.Variables).toMatchObject({
      REPORTS_BUCKET: rendered(service, data.reportsBucket.bucketName),
      NOTIFY_QUEUE_URL: rendered(service, data.notifyQueue.queue.queueUrl),
    });
    const dynamo = grantsOfRole(template, logicalIdOf(report.role)).filter((g) =>
      g.action.startsWith('dynamodb:'),
    );
    expect(new Set(dynamo.map((g) => g.action))).toEqual(
      new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query']),
    );
    const role = resource(template, logicalIdOf(report.role));
    const managed = z.array(z.unknown()).parse(role.properties.ManagedPolicyArns);
    expect(managed).toHaveLength(1);
    const policies = resources(dataTemplate, 'AWS::IAM::ManagedPolicy').filter((p) =>
      key(p.properties).includes('reports/*'),
    );
    expect(policies).toHaveLength(1);
    expect(key(policies[0]?.properties)).toContain('s3:PutObject');
    expect(key(policies[0]?.properties)).not.toContain('s3:GetObject');
  });

  it('defines the sparse deadline index GSI11 with its small projection on the table', () => {
    dataTemplate.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: INDEXES.deadlines.indexName,
          KeySchema: [
            { AttributeName: 'GSI11PK', KeyType: 'HASH' },
            { AttributeName: 'GSI11SK', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['summary', 'deadline'] },
        }),
      ]),
    });
  });
});
