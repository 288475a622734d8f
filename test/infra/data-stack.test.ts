import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STAFF_ROLES } from '../../shared/domain/lifecycle.js';
import { TABLE_DEFINITION, allKeyAttributes } from '../../shared/adapters/dynamodb/table-definition.js';
import {
  MIN_MAX_RECEIVE_COUNT,
  VISIBILITY_TO_TIMEOUT_RATIO,
  type WorkQueue,
} from '../../infra/constructs/work-queue.js';
import { CONSUMER_TIMEOUTS } from '../../infra/stacks/consumer-timeouts.js';
import { RAW_MAIL_PREFIX, UNATTACHED_UPLOAD_DAYS } from '../../infra/stacks/data-stack.js';
import { nagFindings, synthClaimsApp } from './support/synth.js';
import { key, logicalIdOf, resource, resources, statementsOf } from './support/template-json.js';
import { KEPT_PREFIX, UPLOAD_PREFIX } from '../../shared/domain/evidence.js';

// One synth for the whole file.
const { data, dataTemplate: template } = synthClaimsApp();

const RedrivePolicy = z.object({ deadLetterTargetArn: z.unknown(), maxReceiveCount: z.number() });

const denyWithoutTls: unknown = expect.objectContaining({
  Effect: 'Deny',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

describe('claims table', () => {
  const table = resource(template, logicalIdOf(data.table.table));

  it('is keyed by PK/SK and declares every key attribute with its type (strings, one numeric count)', () => {
    expect(table.properties.KeySchema).toEqual([
      { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.properties.AttributeDefinitions).toEqual(
      expect.arrayContaining(
        allKeyAttributes().map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
      ),
    );
    // The top-products index sorts by a count: a number, or "10" would sort before "9".
    expect(table.properties.AttributeDefinitions).toContainEqual({
      AttributeName: 'GSI15SK',
      AttributeType: 'N',
    });
    expect(
      allKeyAttributes()
        .filter((a) => a.type !== 'S')
        .map((a) => a.name),
    ).toEqual(['GSI15SK']);
    expect(table.properties.AttributeDefinitions).toHaveLength(allKeyAttributes().length);
  });

  it.each(TABLE_DEFINITION.indexes.map((index) => [index.indexName, index] as const))(
    'has index %s with the keys and projection of the shared definition',
    (_name, index) => {
      const projection =
        index.projection.type === 'INCLUDE'
          ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection.nonKeyAttributes] }
          : { ProjectionType: index.projection.type };
      expect(table.properties.GlobalSecondaryIndexes).toContainEqual({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: projection,
      });
    },
  );

  it('has no index the shared definition does not', () => {
    expect(table.properties.GlobalSecondaryIndexes).toHaveLength(TABLE_DEFINITION.indexes.length);
  });

  it('is encrypted, point-in-time recoverable, deletion protected, retained, with TTL', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });
});

describe('work queues', () => {
  const workQueues: [string, WorkQueue, number][] = [
    ['email-in', data.emailInQueue, CONSUMER_TIMEOUTS.emailIn.toSeconds()],
    ['notify', data.notifyQueue, CONSUMER_TIMEOUTS.notify.toSeconds()],
    ['payout', data.payoutQueue, CONSUMER_TIMEOUTS.payout.toSeconds()],
  ];

  it.each(workQueues)(
    '%s redrives to its own DLQ after >= 5 receives, with visibility >= 6x its consumer timeout',
    (_name, workQueue, consumerTimeout) => {
      const queue = resource(template, logicalIdOf(workQueue.queue));
      const dlqId = logicalIdOf(workQueue.deadLetterQueue);
      const redrive = RedrivePolicy.parse(queue.properties.RedrivePolicy);
      expect(redrive.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [dlqId, 'Arn'] });
      expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(MIN_MAX_RECEIVE_COUNT);
      expect(queue.properties.VisibilityTimeout).toBeGreaterThanOrEqual(
        consumerTimeout * VISIBILITY_TO_TIMEOUT_RATIO,
      );
      // SQS keeps the original enqueue time in the DLQ: the DLQ must keep messages longer.
      const dlq = resource(template, dlqId);
      expect(dlq.properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      expect(queue.properties.MessageRetentionPeriod).toBeLessThan(14 * 24 * 3600);
    },
  );

  it('every queue (work, DLQ, scheduler DLQ) is encrypted, retained and refuses requests without TLS', () => {
    const queues = resources(template, 'AWS::SQS::Queue');
    expect(queues).toHaveLength(7);
    const policies = resources(template, 'AWS::SQS::QueuePolicy');
    for (const queue of queues) {
      expect(queue.properties.SqsManagedSseEnabled, queue.logicalId).toBe(true);
      expect(queue.deletionPolicy, queue.logicalId).toBe('Retain');
      const policy = policies.find((candidate) =>
        key(candidate.properties.Queues).includes(key({ Ref: queue.logicalId })),
      );
      expect(policy, `${queue.logicalId} has a queue policy`).toBeDefined();
      expect(statementsOf(policy?.properties.PolicyDocument)).toContainEqual(denyWithoutTls);
    }
  });

  it('inbound mail notifications reach the email-in queue raw, and undeliverable ones its DLQ', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      RawMessageDelivery: true,
      TopicArn: { Ref: logicalIdOf(data.inboundMailTopic) },
      Endpoint: { 'Fn::GetAtt': [logicalIdOf(data.emailInQueue.queue), 'Arn'] },
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(data.emailInQueue.deadLetterQueue), 'Arn'] },
      },
    });
  });
});

describe('buckets', () => {
  const buckets = resources(template, 'AWS::S3::Bucket');
  const policies = resources(template, 'AWS::S3::BucketPolicy');

  it('are all encrypted, private, TLS-only and retained', () => {
    expect(buckets).toHaveLength(4);
    for (const bucket of buckets) {
      expect(bucket.properties.BucketEncryption, bucket.logicalId).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
      expect(bucket.properties.PublicAccessBlockConfiguration, bucket.logicalId).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.deletionPolicy, bucket.logicalId).toBe('Retain');
      const policy = policies.find(
        (candidate) => key(candidate.properties.Bucket) === key({ Ref: bucket.logicalId }),
      );
      expect(statementsOf(policy?.properties.PolicyDocument)).toContainEqual(denyWithoutTls);
    }
  });

  it.each([
    ['raw mail', () => data.rawMailBucket],
    ['evidence', () => data.evidenceBucket],
    ['reports', () => data.reportsBucket],
  ])('%s bucket is versioned, access-logged and has lifecycle rules', (_name, bucketOf) => {
    const bucket = resource(template, logicalIdOf(bucketOf()));
    expect(bucket.properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalIdOf(data.accessLogBucket) },
      LogFilePrefix: expect.stringMatching(/^[a-z-]+\/$/) as unknown,
    });
    const rules = z
      .object({ Rules: z.array(z.record(z.string(), z.unknown())) })
      .parse(bucket.properties.LifecycleConfiguration).Rules;
    expect(rules.length).toBeGreaterThan(1);
    expect(rules).toContainEqual(
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }) as unknown,
    );
  });

  it('lets browsers PUT and GET evidence from CloudFront and the stage origin (CORS), no other bucket', () => {
    const evidence = resource(template, logicalIdOf(data.evidenceBucket));
    expect(evidence.properties.CorsConfiguration).toEqual({
      CorsRules: [
        {
          Id: 'browser-uploads',
          AllowedMethods: ['PUT', 'GET'],
          AllowedOrigins: ['https://*.cloudfront.net'],
          AllowedHeaders: ['content-type'],
          ExposedHeaders: ['ETag'],
          MaxAge: 3000,
        },
      ],
    });
    for (const other of [data.rawMailBucket, data.reportsBucket])
      expect(resource(template, logicalIdOf(other)).properties.CorsConfiguration).toBeUndefined();
  });

  it('expires browser uploads that no claim took, and only those (attached files are kept under kept/)', () => {
    const rules = z
      .object({ Rules: z.array(z.record(z.string(), z.unknown())) })
      .parse(resource(template, logicalIdOf(data.evidenceBucket)).properties.LifecycleConfiguration).Rules;
    const expiring = rules.filter((rule) => rule['ExpirationInDays'] !== undefined);
    expect(expiring).toEqual([
      {
        Id: 'expire-unattached-uploads',
        Prefix: UPLOAD_PREFIX,
        ExpirationInDays: UNATTACHED_UPLOAD_DAYS,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        Status: 'Enabled',
      },
    ]);
    expect(UPLOAD_PREFIX).not.toBe(KEPT_PREFIX);
  });

  it('lets SES of this account write raw mail under the inbound prefix only', () => {
    const rawMailId = logicalIdOf(data.rawMailBucket);
    const policy = policies.find((candidate) => key(candidate.properties.Bucket) === key({ Ref: rawMailId }));
    const sesStatements = statementsOf(policy?.properties.PolicyDocument).filter((statement) =>
      key(statement).includes('ses.amazonaws.com'),
    );
    expect(sesStatements).toHaveLength(1);
    expect(sesStatements[0]).toMatchObject({
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [rawMailId, 'Arn'] }, `/${RAW_MAIL_PREFIX}*`]] },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
  });
});

describe('staff directory', () => {
  it('has one group per staff role and no other', () => {
    const groups = resources(template, 'AWS::Cognito::UserPoolGroup').map(
      (group) => group.properties.GroupName,
    );
    expect(groups.sort()).toEqual([...STAFF_ROLES].sort());
  });

  it('carries the unit and approval limit as custom attributes, requires MFA, and is retained', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        DeletionProtection: 'ACTIVE',
        UserPoolTier: 'PLUS',
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'unit', AttributeDataType: 'String' }),
          Match.objectLike({ Name: 'approval_limit', AttributeDataType: 'Number' }),
        ]),
      }),
    });
  });

  it('has no app client of its own: the console client is in the service stack, beside its callback pages', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
  });
});

describe('cdk-nag', () => {
  it('AwsSolutions and Serverless packs report nothing unacknowledged in the data stack', () => {
    expect(nagFindings(data)).toEqual([]);
  });
});
