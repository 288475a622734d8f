import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INDEXES } from '../../shared/adapters/dynamodb/table-definition.js';
import { REPORTS_PREFIX } from '../../shared/runtime/report-store.js';
import { rendered, synthClaimsApp } from './support/synth.js';
import { grantsOfRole, key, logicalIdOf, resource } from './support/template-json.js';

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

  /** The role's managed policy ARNs as rendered in the service template (cross-stack references). */
  const managedPolicyArns = (roleId: string): string[] =>
    z
      .array(z.unknown())
      .parse(resource(template, roleId).properties.ManagedPolicyArns ?? [])
      .map((arn) => key(arn));
  const statementsOf = (policy: IConstruct) =>
    z
      .object({
        Statement: z.array(z.object({ Action: z.unknown(), Resource: z.unknown() })),
      })
      .parse(resource(dataTemplate, logicalIdOf(policy)).properties.PolicyDocument).Statement;

  it('lets the report read the table, and read and write only under reports/ in the reports bucket', () => {
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
    // objectAccessPolicy and listPolicy return the policies bindBucket attached.
    const objects = data.reportsBucket.objectAccessPolicy('readWrite', REPORTS_PREFIX);
    const list = data.reportsBucket.listPolicy();
    expect(managedPolicyArns(logicalIdOf(report.role)).sort()).toEqual(
      [
        key(rendered(service, objects.managedPolicyArn)),
        key(rendered(service, list.managedPolicyArn)),
      ].sort(),
    );
    const [statement] = statementsOf(objects);
    expect(statement?.Action).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(key(statement?.Resource)).toContain(`/${REPORTS_PREFIX}*`);
  });

  it('lets the API only read reports under reports/, listing the bucket so a missing report is a 404', () => {
    const api = service.apiFunction;
    const env = EnvSchema.parse(resource(template, logicalIdOf(api.function)).properties.Environment);
    expect(env.Variables).toMatchObject({ REPORTS_BUCKET: rendered(service, data.reportsBucket.bucketName) });
    const read = data.reportsBucket.objectAccessPolicy('read', REPORTS_PREFIX);
    const list = data.reportsBucket.listPolicy();
    const reportPolicies = managedPolicyArns(logicalIdOf(api.role)).filter((arn) =>
      [read, list].some((p) => key(rendered(service, p.managedPolicyArn)) === arn),
    );
    expect(reportPolicies).toHaveLength(2);
    // No other bucket access on the API's role: no write policy of the reports bucket, no inline S3 grant.
    const write = data.reportsBucket.objectAccessPolicy('readWrite', REPORTS_PREFIX);
    expect(managedPolicyArns(logicalIdOf(api.role))).not.toContain(
      key(rendered(service, write.managedPolicyArn)),
    );
    expect(grantsOfRole(template, logicalIdOf(api.role)).filter((g) => g.action.startsWith('s3:'))).toEqual(
      [],
    );
    const [readStatement] = statementsOf(read);
    expect(readStatement?.Action).toBe('s3:GetObject');
    expect(key(readStatement?.Resource)).toContain(`/${REPORTS_PREFIX}*`);
    const [listStatement] = statementsOf(list);
    expect(listStatement?.Action).toBe('s3:ListBucket');
    expect(listStatement?.Resource).toEqual(rendered(data, data.reportsBucket.bucketArn));
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
