/**
 * What a first deploy on a fresh account, a second stage beside the first, an upgrade or a teardown
 * would trip over (issue 23), each pinned in the synthesized templates.
 */
import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readStageConfig, SES_RECEIVING_REGIONS } from '../../infra/stacks/stage-config.js';
import {
  indexChanges,
  readReleasedTable,
  ReleasedIndexSchema,
  type ReleasedIndex,
} from '../../infra/stacks/table-upgrade.js';
import { TABLE_DEFINITION } from '../../shared/adapters/dynamodb/table-definition.js';
import { cdkJson, synthClaimsApp, testApp, TEST_REGION } from './support/synth.js';
import { logicalIdOf, resource, resources } from './support/template-json.js';

const readConfig = (context: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) =>
  readStageConfig(new App({ context: { ...cdkJson.context, ...context } }).node, env);

describe('region', () => {
  it.each(['cn-north-1', 'cn-northwest-1', 'ap-east-1', 'us-gov-west-1', 'eu-south-1'])(
    'refuses %s at synth: SES does not receive mail there',
    (region) => {
      expect(() => readStageConfig(testApp({ region }).node)).toThrow(
        new RegExp(`region: SES does not receive mail in ${region}`),
      );
    },
  );

  it('takes -c region, else the CLI default region, and refuses to guess without either', () => {
    expect(readConfig({ region: 'us-east-1' }, { CDK_DEFAULT_REGION: 'eu-west-1' }).region).toBe('us-east-1');
    expect(readConfig({}, { CDK_DEFAULT_REGION: 'us-west-2' }).region).toBe('us-west-2');
    expect(() => readConfig({}, {})).toThrow(/region: set -c region=/);
  });

  it('pins both stacks to the region, so the templates name it', () => {
    const { data, service } = synthClaimsApp({ context: { region: 'us-east-1' } });
    expect([data.region, service.region]).toEqual(['us-east-1', 'us-east-1']);
    expect(SES_RECEIVING_REGIONS).toContain(TEST_REGION);
  });
});

describe('two stages in one account and region', () => {
  const dev = synthClaimsApp();
  const prod = synthClaimsApp({ context: { stage: 'prod' } });

  it('never ask for the same sign-in domain prefix', () => {
    const prefix = (template: typeof dev.serviceTemplate) =>
      JSON.stringify(resources(template, 'AWS::Cognito::UserPoolDomain')[0]?.properties.Domain);
    expect(prefix(dev.serviceTemplate)).toContain('claims-desk-dev-');
    expect(prefix(prod.serviceTemplate)).toContain('claims-desk-prod-');
  });
});

describe('an SES identity and receipt rule set that already exist', () => {
  const shared = synthClaimsApp({
    context: { existingMailIdentity: 'true', receiptRuleSetName: 'region-inbound' },
  });

  it('uses the existing identity instead of creating one, still sending through our configuration set', () => {
    shared.serviceTemplate.resourceCountIs('AWS::SES::EmailIdentity', 0);
    shared.serviceTemplate.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    expect(Object.keys(shared.serviceTemplate.findOutputs('*'))).not.toContain('DkimRecord1');
    const notify = resource(shared.serviceTemplate, logicalIdOf(shared.service.notifyFunction.function));
    expect(JSON.stringify(notify.properties.Environment)).toContain('"MAIL_DOMAIN":"claims.example.com"');
  });

  it('adds the claims rule to the existing rule set, creates none and activates nothing', () => {
    shared.serviceTemplate.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    shared.serviceTemplate.hasResourceProperties('AWS::SES::ReceiptRule', { RuleSetName: 'region-inbound' });
    shared.serviceTemplate.resourceCountIs('Custom::AWS', 0);
    expect(shared.serviceTemplate.findOutputs('MailReceivingRuleSetName')).toEqual({
      MailReceivingRuleSetName: expect.objectContaining({ Value: 'region-inbound' }) as unknown,
    });
  });
});

describe('teardown', () => {
  const { service, serviceTemplate: template } = synthClaimsApp();

  it('activates its own rule set after creating it and deactivates it before deleting it', () => {
    expect(service.mailReceiving.activation).toBeDefined();
    const [activation, ...others] = resources(template, 'Custom::AWS');
    expect(others).toEqual([]);
    const ruleSetId = logicalIdOf(service.mailReceiving.ruleSet);
    const ruleId = logicalIdOf(service.mailReceiving.rule);
    // CloudFormation deletes in reverse dependency order: this goes (deactivating) before set and rule.
    expect(activation?.dependsOn).toEqual(expect.arrayContaining([ruleSetId, ruleId]));
    const create = JSON.stringify(activation?.properties.Create);
    const remove = JSON.stringify(activation?.properties.Delete);
    expect(create).toContain('setActiveReceiptRuleSet');
    expect(create).toContain(ruleSetId);
    expect(remove).toContain('setActiveReceiptRuleSet');
    expect(remove).not.toContain('RuleSetName');
  });

  it('lets the activation call only SetActiveReceiptRuleSet', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({ Action: 'ses:SetActiveReceiptRuleSet', Effect: 'Allow' })],
      },
    });
  });
});

describe('from address', () => {
  it('sends from the first claims address at the mail domain, so replies reach the receipt rule', () => {
    const { service, serviceTemplate } = synthClaimsApp({
      context: {
        mailDomain: 'mail.example.cn',
        claimsRecipients: 'kefu@other.example.cn, tousu@mail.example.cn, claims@mail.example.cn',
      },
    });
    const notify = resource(serviceTemplate, logicalIdOf(service.notifyFunction.function));
    expect(JSON.stringify(notify.properties.Environment)).toContain('"MAIL_FROM":"tousu@mail.example.cn"');
  });

  it('refuses claims addresses none of which is at the mail domain', () => {
    expect(() => readStageConfig(testApp({ claimsRecipients: 'claims@elsewhere.example.cn' }).node)).toThrow(
      /claimsRecipients: at least one address must be at mailDomain/,
    );
  });
});

describe('outputs', () => {
  const { dataTemplate, serviceTemplate } = synthClaimsApp();
  // PublishOutput* are CDK's own outputs for references between the two stacks, not ours.
  const ours = (template: typeof dataTemplate) =>
    Object.keys(template.findOutputs('*'))
      .filter((name) => !name.startsWith('PublishOutput'))
      .sort();

  it('have stable names, without construct-path hashes, so scripts and docs can name them', () => {
    expect(ours(dataTemplate)).toEqual([
      'CustomerDataSecretArn',
      'EmailInDeadLetterQueueUrl',
      'NotifyDeadLetterQueueUrl',
      'PaymentWebhookSecretArn',
      'PayoutDeadLetterQueueUrl',
      'ReplyAddressSecretArn',
      'SchedulerDeadLetterQueueUrl',
      'TableName',
      'UserPoolId',
    ]);
    expect(ours(serviceTemplate)).toEqual([
      'AlarmTopicArn',
      'ApiGatewayUrl',
      'ApiUrl',
      'DkimRecord1',
      'DkimRecord2',
      'DkimRecord3',
      'MailReceivingRuleSetName',
      'StaffClientId',
      'StaffSignInUrl',
      'WebUrl',
    ]);
  });
});

describe('upgrading the table: one index per deployment', () => {
  const released = readReleasedTable();
  const { dataTemplate, data } = synthClaimsApp();
  const deployedIndexes = () => {
    const table = resource(dataTemplate, logicalIdOf(data.table.table));
    const types = new Map(
      z
        .array(z.object({ AttributeName: z.string(), AttributeType: z.string() }))
        .parse(table.properties.AttributeDefinitions)
        .map((a) => [a.AttributeName, a.AttributeType]),
    );
    return z
      .array(
        z.object({
          IndexName: z.string(),
          KeySchema: z.tuple([
            z.object({ AttributeName: z.string() }),
            z.object({ AttributeName: z.string() }),
          ]),
          Projection: z.object({
            ProjectionType: z.string(),
            NonKeyAttributes: z.array(z.string()).optional(),
          }),
        }),
      )
      .parse(table.properties.GlobalSecondaryIndexes)
      .map((index): ReleasedIndex => ({
        indexName: index.IndexName,
        partitionKey: index.KeySchema[0].AttributeName,
        sortKey: index.KeySchema[1].AttributeName,
        ...(types.get(index.KeySchema[1].AttributeName) === 'N' ? { sortKeyType: 'N' as const } : {}),
        projection: ReleasedIndexSchema.shape.projection.parse(
          index.Projection.ProjectionType === 'INCLUDE'
            ? { type: 'INCLUDE', nonKeyAttributes: index.Projection.NonKeyAttributes }
            : { type: index.Projection.ProjectionType },
        ),
      }));
  };

  it(`the template's indexes differ from the last release (${released.release}) by at most one creation or deletion`, () => {
    const changes = indexChanges(released.indexes, deployedIndexes());
    // More than one and CloudFormation's table update fails: ship one index per release instead, or
    // record the release in infra/releases/table-indexes.json when it is cut (docs/upgrade.md).
    expect(changes.operations, JSON.stringify(changes)).toBeLessThanOrEqual(1);
  });

  it('counts what DynamoDB would have to do: two new indexes are two, an altered one is a delete and a create', () => {
    const base = released.indexes.slice(0, 3);
    const extra = (n: number): ReleasedIndex => ({
      indexName: `GSI${100 + n}`,
      partitionKey: `GSI${100 + n}PK`,
      sortKey: `GSI${100 + n}SK`,
      projection: { type: 'KEYS_ONLY' },
    });
    expect(indexChanges(base, [...base, extra(1), extra(2)])).toMatchObject({
      added: ['GSI101', 'GSI102'],
      operations: 2,
    });
    const [first, ...rest] = base;
    if (!first) throw new Error('no released index');
    expect(indexChanges(base, [{ ...first, projection: { type: 'ALL' } }, ...rest])).toMatchObject({
      changed: [first.indexName],
      operations: 2,
    });
    expect(indexChanges(base, rest)).toMatchObject({ removed: [first.indexName], operations: 1 });
    expect(indexChanges(base, base).operations).toBe(0);
  });

  it('lets a deployment several indexes behind catch up one per deployment with tableIndexLimit', () => {
    const step = synthClaimsApp({ context: { tableIndexLimit: '12' } });
    const table = resource(step.dataTemplate, logicalIdOf(step.data.table.table));
    const names = z.array(z.object({ IndexName: z.string() })).parse(table.properties.GlobalSecondaryIndexes);
    expect(names.map((index) => index.IndexName)).toEqual(
      TABLE_DEFINITION.indexes.slice(0, 12).map((index) => index.indexName),
    );
    // The functions' grants name only the indexes that exist.
    expect(step.data.table.indexArns).toHaveLength(12);
  });
});
