import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readStageConfig } from '../../infra/stacks/stage-config.js';
import { cdkJson, TEST_REGION } from './support/synth.js';

function configFrom(overrides: Record<string, unknown>) {
  return readStageConfig(
    new App({ context: { ...cdkJson.context, region: TEST_REGION, ...overrides } }).node,
  );
}

describe('stage config', () => {
  it('cdk.json runs the app with tsx and its defaults are a complete, valid stage', () => {
    expect(cdkJson.app).toBe('npx tsx infra/app.ts');
    expect(configFrom({})).toMatchObject({
      stage: 'dev',
      webOrigin: 'cloudfront',
      logLevel: 'INFO',
      claimsRecipients: [expect.stringContaining('@')],
    });
  });

  it('accepts command-line strings (-c key=value) for lists, numbers and JSON', () => {
    const config = configFrom({
      stage: 'prod',
      mailDomain: 'mail.example.cn',
      claimsRecipients: 'claims@mail.example.cn, complaints@mail.example.cn',
      publicRateLimit: '3',
      publicBurstLimit: '6',
      logRetentionDays: '365',
      webOrigin: 'https://claims.example.cn',
      policySettings: '{"filingWindowDays":45}',
    });
    expect(config).toMatchObject({
      stage: 'prod',
      claimsRecipients: ['claims@mail.example.cn', 'complaints@mail.example.cn'],
      publicRateLimit: 3,
      publicBurstLimit: 6,
      logRetentionDays: 365,
      webOrigin: 'https://claims.example.cn',
      policySettings: { filingWindowDays: 45 },
    });
  });

  it.each([
    ['stage', 'Prod_1'],
    ['mailDomain', 'not a domain'],
    ['claimsRecipients', 'nobody'],
    ['webOrigin', 'http://insecure.example.com'],
    ['logRetentionDays', '42'],
    ['publicRateLimit', '0'],
    ['publicBurstLimit', '1'],
    ['policySettings', '{not json'],
    ['region', 'EU-WEST-1'],
    ['staffSignInDomainPrefix', 'claims-aws-prod'],
    ['receiptRuleSetName', 'no spaces please'],
  ])('names the bad key %s in its error', (name, value) => {
    expect(() => configFrom({ [name]: value })).toThrow(new RegExp(`\\b${name}(\\.\\d+)?:`));
  });
});
