import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TABLE_DEFINITION } from '../../shared/adapters/dynamodb/table-definition.js';
import { PUBLIC_ROUTES, STAFF_METHODS, STAFF_PATH } from '../../infra/constructs/claims-api.js';
import { customerRoutes } from '../../functions/api/routes/customer.js';
import { customerDecisionRoutes } from '../../functions/api/routes/customer-decision.js';
import { staffRoutes } from '../../functions/api/routes/staff.js';
import { evidenceDownloadRoutes, uploadRoutes } from '../../functions/api/routes/evidence.js';
import { KEPT_PREFIX, UPLOAD_PREFIX } from '../../shared/domain/evidence.js';
import { EMAIL_EVIDENCE_PREFIX } from '../../infra/stacks/service-stack.js';
import { RAW_MAIL_PREFIX } from '../../infra/stacks/data-stack.js';
import { REPORTS_PREFIX } from '../../shared/runtime/report-store.js';
import { nagFindings, rendered, synthClaimsApp, TEST_REGION } from './support/synth.js';
import { grantsOfRole, key, logicalIdOf, resource, resources } from './support/template-json.js';

// One synth for the whole file.
const { config, data, service, serviceTemplate: template, dataTemplate } = synthClaimsApp();

describe('api function', () => {
  const fnId = logicalIdOf(service.apiFunction.function);
  const fn = resource(template, fnId);

  it('carries the house Lambda defaults', () => {
    expect(fn.properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      MemorySize: 512,
      Timeout: 10,
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logicalIdOf(service.apiFunction.logGroup) } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: config.logRetentionDays });
  });

  it('is told the table name, the queues, the evidence, raw-mail and reports buckets, the origin, form-challenge and customer-data secrets and the log level, and nothing else', () => {
    const env = z.object({ Variables: z.record(z.string(), z.unknown()) }).parse(fn.properties.Environment);
    expect(Object.keys(env.Variables).sort()).toEqual(
      [
        'CUSTOMER_DATA_SECRET_ARN',
        'FORM_CHALLENGE_SECRET_ARN',
        'EVIDENCE_BUCKET',
        'LOG_LEVEL',
        'NOTIFY_QUEUE_URL',
        'ORIGIN_VERIFY_SECRET_ARN',
        'PAYOUT_QUEUE_URL',
        'POWERTOOLS_SERVICE_NAME',
        'RAW_MAIL_BUCKET',
        'REPORTS_BUCKET',
        'STAFF_USER_POOL_ID',
        'TABLE_NAME',
      ].sort(),
    );
    expect(env.Variables.RAW_MAIL_BUCKET).toEqual(rendered(service, data.rawMailBucket.bucketName));
    expect(env.Variables.NOTIFY_QUEUE_URL).toEqual(rendered(service, data.notifyQueue.queue.queueUrl));
    expect(env.Variables.TABLE_NAME).toEqual(rendered(service, data.table.tableName));
    expect(env.Variables.EVIDENCE_BUCKET).toEqual(rendered(service, data.evidenceBucket.bucketName));
    expect(env.Variables.LOG_LEVEL).toBe(config.logLevel);
  });

  it('may use exactly the table and its named indexes: item actions on the table, Query on both', () => {
    const grants = grantsOfRole(template, logicalIdOf(service.apiFunction.role));
    const tableArn = rendered(service, data.table.tableArn);
    const indexArns = data.table.indexArns.map((arn) => key(rendered(service, arn)));
    expect(indexArns).toHaveLength(TABLE_DEFINITION.indexes.length);
    for (const index of TABLE_DEFINITION.indexes) {
      expect(indexArns.some((arn) => arn.includes(`/index/${index.indexName}"`))).toBe(true);
    }

    const dynamo = grants.filter((grant) => grant.action.startsWith('dynamodb:'));
    const itemActions = dynamo.filter((grant) => grant.action !== 'dynamodb:Query');
    expect(new Set(itemActions.map((grant) => grant.action))).toEqual(
      new Set([
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:ConditionCheckItem',
      ]),
    );
    for (const grant of itemActions) expect(grant.resource).toEqual(tableArn);

    const queried = dynamo
      .filter((grant) => grant.action === 'dynamodb:Query')
      .map((grant) => key(grant.resource));
    expect(new Set(queried)).toEqual(new Set([key(tableArn), ...indexArns]));
  });

  it('may create staff accounts and add them to groups in the staff user pool only (issue 15)', () => {
    const grants = grantsOfRole(template, logicalIdOf(service.apiFunction.role));
    const cognito = grants.filter((grant) => grant.action.startsWith('cognito-idp:'));
    expect(cognito.map((grant) => grant.action).sort()).toEqual([
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminGetUser',
    ]);
    for (const grant of cognito)
      expect(grant.resource).toEqual(rendered(service, data.staff.userPool.userPoolArn));
    const fnEnv = z.object({ Variables: z.record(z.string(), z.unknown()) }).parse(fn.properties.Environment);
    expect(fnEnv.Variables.STAFF_USER_POOL_ID).toEqual(rendered(service, data.staff.userPool.userPoolId));
  });

  it('gets no other permission than sending to the notify and payout queues, reading the origin, form-challenge and customer-data secrets, its log group and X-Ray (the one `*`)', () => {
    const grants = grantsOfRole(template, logicalIdOf(service.apiFunction.role));
    const others = grants.filter(
      (grant) => !grant.action.startsWith('dynamodb:') && !grant.action.startsWith('cognito-idp:'),
    );
    expect(others).toEqual(
      expect.arrayContaining([
        {
          action: 'logs:CreateLogStream',
          resource: { 'Fn::GetAtt': [logicalIdOf(service.apiFunction.logGroup), 'Arn'] },
        },
        {
          action: 'logs:PutLogEvents',
          resource: { 'Fn::GetAtt': [logicalIdOf(service.apiFunction.logGroup), 'Arn'] },
        },
        { action: 'xray:PutTraceSegments', resource: '*' },
        { action: 'xray:PutTelemetryRecords', resource: '*' },
        { action: 'sqs:SendMessage', resource: rendered(service, data.notifyQueue.queue.queueArn) },
        { action: 'sqs:SendMessage', resource: rendered(service, data.payoutQueue.queue.queueArn) },
        // CloudFront's X-Origin-Verify value, to refuse requests that skipped the WAF.
        {
          action: 'secretsmanager:GetSecretValue',
          resource: { Ref: logicalIdOf(service.originVerifySecret) },
        },
        {
          action: 'secretsmanager:DescribeSecret',
          resource: { Ref: logicalIdOf(service.originVerifySecret) },
        },
        // The form's proof-of-work key and the payee sealing key (issue 18).
        {
          action: 'secretsmanager:GetSecretValue',
          resource: { Ref: logicalIdOf(service.formChallengeSecret) },
        },
        {
          action: 'secretsmanager:GetSecretValue',
          resource: rendered(service, data.customerDataSecret.secret.secretArn),
        },
      ]),
    );
    expect(others).toHaveLength(12);
  });

  it('may put and get evidence under uploads/, kept/ and email/ (held mail released), only read raw mail and reports (presigned URLs carry these rights)', () => {
    const upload = data.evidenceBucket.objectAccessPolicy('readWrite', UPLOAD_PREFIX);
    const kept = data.evidenceBucket.objectAccessPolicy('readWrite', KEPT_PREFIX);
    const mailed = data.evidenceBucket.objectAccessPolicy('readWrite', EMAIL_EVIDENCE_PREFIX);
    const rawMail = data.rawMailBucket.objectAccessPolicy('read', RAW_MAIL_PREFIX);
    const role = resource(template, logicalIdOf(service.apiFunction.role));
    expect(
      z
        .array(z.unknown())
        .parse(role.properties.ManagedPolicyArns)
        .map((arn) => key(arn))
        .sort(),
    ).toEqual(
      [
        key(rendered(service, upload.managedPolicyArn)),
        key(rendered(service, kept.managedPolicyArn)),
        key(rendered(service, mailed.managedPolicyArn)),
        key(rendered(service, rawMail.managedPolicyArn)),
        // sla-functions.test.ts checks what these two allow.
        ...[
          data.reportsBucket.objectAccessPolicy('read', REPORTS_PREFIX),
          data.reportsBucket.listPolicy(),
        ].map((p) => key(rendered(service, p.managedPolicyArn))),
      ].sort(),
    );
    const statement = (policy: typeof upload) =>
      z
        .object({
          Statement: z.array(z.object({ Effect: z.unknown(), Action: z.unknown(), Resource: z.unknown() })),
        })
        .parse(resource(dataTemplate, logicalIdOf(policy)).properties.PolicyDocument).Statement;
    expect(statement(upload)).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: {
          'Fn::Join': [
            '',
            [{ 'Fn::GetAtt': [logicalIdOf(data.evidenceBucket), 'Arn'] }, `/${UPLOAD_PREFIX}*`],
          ],
        },
      },
    ]);
    expect(statement(kept)).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: {
          'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalIdOf(data.evidenceBucket), 'Arn'] }, `/${KEPT_PREFIX}*`]],
        },
      },
    ]);
    expect(statement(rawMail)).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: {
          'Fn::Join': [
            '',
            [{ 'Fn::GetAtt': [logicalIdOf(data.rawMailBucket), 'Arn'] }, `/${RAW_MAIL_PREFIX}*`],
          ],
        },
      },
    ]);
    expect(statement(mailed)).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: {
          'Fn::Join': [
            '',
            [{ 'Fn::GetAtt': [logicalIdOf(data.evidenceBucket), 'Arn'] }, `/${EMAIL_EVIDENCE_PREFIX}*`],
          ],
        },
      },
    ]);
  });
});

describe('HTTP API', () => {
  const routes = resources(template, 'AWS::ApiGatewayV2::Route');
  const authorizerId = resources(template, 'AWS::ApiGatewayV2::Authorizer')[0]?.logicalId;

  it('has exactly the public routes and the staff routes', () => {
    const keys = routes.map((route) => route.properties.RouteKey);
    expect(new Set(keys)).toEqual(
      new Set([
        ...PUBLIC_ROUTES.map((route) => `${route.method} ${route.path}`),
        ...STAFF_METHODS.map((method) => `${method} ${STAFF_PATH}`),
      ]),
    );
  });

  it('exposes every public route the api function serves, and no other', () => {
    const served = [...customerRoutes, ...customerDecisionRoutes, ...uploadRoutes].map(
      (route) => `${route.method} ${route.path}`,
    );
    expect(new Set(PUBLIC_ROUTES.map((route) => `${route.method} ${route.path}`))).toEqual(new Set(served));
    for (const route of [...staffRoutes, ...evidenceDownloadRoutes])
      expect(route.path.startsWith(STAFF_PATH.replace('{proxy+}', ''))).toBe(true);
  });

  it('puts the JWT authorizer on every staff route and on no public route', () => {
    for (const route of routes) {
      const routeKey = String(route.properties.RouteKey);
      if (routeKey.includes(' /staff/')) {
        expect(route.properties, routeKey).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerId },
        });
      } else {
        expect(route.properties.AuthorizationType, routeKey).toBe('NONE');
        expect(route.properties.AuthorizerId, routeKey).toBeUndefined();
      }
    }
  });

  it('accepts ID tokens of the staff console client from the staff user pool', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalIdOf(service.staffSignIn.client) }],
        Issuer: {
          'Fn::Join': [
            '',
            [
              `https://cognito-idp.${TEST_REGION}.amazonaws.com/`,
              rendered(service, data.staff.userPool.userPoolId),
            ],
          ],
        },
      },
    });
  });

  it('throttles each public route, and the stage by default, from context', () => {
    const stage = resource(template, logicalIdOf(service.api.stage));
    expect(stage.properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: config.staffRateLimit,
      ThrottlingBurstLimit: config.staffBurstLimit,
    });
    const expected = Object.fromEntries(
      PUBLIC_ROUTES.map((route) => [
        `${route.method} ${route.path}`,
        { ThrottlingRateLimit: config.publicRateLimit, ThrottlingBurstLimit: config.publicBurstLimit },
      ]),
    );
    expect(stage.properties.RouteSettings).toEqual(expected);
    // Route settings name route keys, so the routes must exist before the stage.
    const publicRouteIds = routes
      .filter((route) => !String(route.properties.RouteKey).includes('/staff/'))
      .map((route) => route.logicalId);
    expect(stage.dependsOn).toEqual(expect.arrayContaining(publicRouteIds));
  });

  it('writes JSON access logs with the request id to a log group', () => {
    const stage = resource(template, logicalIdOf(service.api.stage));
    const settings = z
      .object({ DestinationArn: z.unknown(), Format: z.string() })
      .parse(stage.properties.AccessLogSettings);
    expect(settings.DestinationArn).toMatchObject({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    expect(z.record(z.string(), z.string()).parse(JSON.parse(settings.Format))).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
  });

  it('allows CORS from the web distribution only', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [
          {
            'Fn::Join': [
              '',
              ['https://', { 'Fn::GetAtt': [logicalIdOf(service.web.distribution), 'DomainName'] }],
            ],
          },
        ],
        // x-claim-token: the tracking page sends the customer's token in it (never in a URL).
        // x-proof-of-work: the claim form's proof of work (issue 18); without it the browser's preflight fails.
        AllowHeaders: Match.arrayWith([
          'authorization',
          'content-type',
          'idempotency-key',
          'x-claim-token',
          'x-proof-of-work',
        ]),
      }),
    });
  });

  it('alarms on 5xx answers', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5xx',
      Namespace: 'AWS/ApiGateway',
      Threshold: 1,
    });
  });
});

describe('web hosting', () => {
  it('serves a private bucket through CloudFront with origin access control, HTTPS only', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Origins: [
          Match.objectLike({
            OriginAccessControlId: Match.anyValue(),
            S3OriginConfig: { OriginAccessIdentity: '' },
          }),
        ],
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
    const bucket = resource(template, logicalIdOf(service.web.bucket));
    expect(bucket.properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it('uploads nothing while web/dist does not exist', () => {
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
  });
});

describe('mail', () => {
  it('receives claim mail: scan, store raw under the inbound prefix, then notify the email-in topic', () => {
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        Enabled: true,
        ScanEnabled: true,
        Recipients: config.claimsRecipients,
        Actions: [
          {
            S3Action: {
              BucketName: rendered(service, data.rawMailBucket.bucketName),
              ObjectKeyPrefix: RAW_MAIL_PREFIX,
              TopicArn: rendered(service, data.inboundMailTopic.topicArn),
            },
          },
        ],
      }),
    });
  });

  it('sends from the mail domain through a configuration set', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: config.mailDomain,
      ConfigurationSetAttributes: {
        ConfigurationSetName: { Ref: logicalIdOf(service.mailSending.configurationSet) },
      },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
  });
});

describe('alarms', () => {
  const alarms = resources(template, 'AWS::CloudWatch::Alarm');
  const topicRef = { Ref: logicalIdOf(service.alarms.topic) };

  it('watch every dead-letter queue for depth > 0', () => {
    const dlqAlarms = alarms.filter(
      (alarm) => alarm.properties.MetricName === 'ApproximateNumberOfMessagesVisible',
    );
    const watched = dlqAlarms.map((alarm) => key(alarm.properties.Dimensions));
    for (const queue of Object.values(data.deadLetterQueues)) {
      expect(watched.some((dimensions) => dimensions.includes(key(rendered(service, queue.queueName))))).toBe(
        true,
      );
    }
    expect(dlqAlarms).toHaveLength(Object.keys(data.deadLetterQueues).length);
    for (const alarm of dlqAlarms) {
      expect(alarm.properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it('watch the api function for errors and throttles', () => {
    const fnRef = { Ref: logicalIdOf(service.apiFunction.function) };
    for (const metric of ['Errors', 'Throttles']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: fnRef }],
      });
    }
  });

  it('all notify one topic, which mails the configured address', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.properties.AlarmActions, alarm.logicalId).toEqual([topicRef]);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: config.alarmEmail,
    });
  });
});

describe('names', () => {
  // Physical names block replacement and collide between stages; CloudFormation names everything.
  const physicalNameProperties = [
    'TableName',
    'BucketName',
    'QueueName',
    'TopicName',
    'FunctionName',
    'RoleName',
    'LogGroupName',
    'UserPoolName',
    'AlarmName',
    'RuleSetName',
    'ScheduleName',
  ];

  it.each([
    ['data', dataTemplate],
    ['service', template],
  ])(
    'no %s resource has a hard-coded name (references to generated names are fine)',
    (_stack, stackTemplate) => {
      for (const found of resources(stackTemplate)) {
        for (const name of physicalNameProperties) {
          expect(typeof found.properties[name], `${found.logicalId}.${name}`).not.toBe('string');
        }
      }
    },
  );
});

describe('cdk-nag', () => {
  it('AwsSolutions and Serverless packs report nothing unacknowledged in the service stack', () => {
    expect(nagFindings(service)).toEqual([]);
  });
});
