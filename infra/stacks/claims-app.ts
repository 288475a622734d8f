/**
 * The whole system as three stacks for one stage: data (retained state), service (replaceable) and edge
 * (us-east-1: the API's WAF web ACL, which CloudFront takes from there only).
 * Shared by infra/app.ts and the template tests so both build exactly the same app.
 */
import type { App } from 'aws-cdk-lib';
import { DataStack } from './data-stack.js';
import { EDGE_REGION, EdgeStack } from './edge-stack.js';
import { ServiceStack } from './service-stack.js';
import { readStageConfig, type StageConfig } from './stage-config.js';

export interface ClaimsAppOptions {
  /** web/dist when it exists; see ServiceStack. */
  readonly webBuildDirectory?: string;
}

export interface ClaimsApp {
  readonly config: StageConfig;
  readonly data: DataStack;
  readonly service: ServiceStack;
  readonly edge: EdgeStack;
}

export function defineClaimsApp(app: App, options: ClaimsAppOptions = {}): ClaimsApp {
  const config = readStageConfig(app.node);
  const tags = { app: 'claims-desk', stage: config.stage };
  // The region is fixed at synth (it decides whether SES can receive mail there); the account stays
  // whatever the CLI's credentials name, so synth needs no credentials.
  const env = { region: config.region, account: process.env.CDK_DEFAULT_ACCOUNT };
  const data = new DataStack(app, `ClaimsDesk-${config.stage}-Data`, {
    env,
    description: `Claims desk (${config.stage}): table, buckets, queues, staff accounts. Retained.`,
    tags,
    stage: config.stage,
    existingSecrets: {
      ...(config.replyAddressSecret ? { replyAddress: config.replyAddressSecret } : {}),
      ...(config.paymentWebhookSecret ? { paymentWebhook: config.paymentWebhookSecret } : {}),
      ...(config.customerDataSecret ? { customerData: config.customerDataSecret } : {}),
    },
    webOrigins: config.webOrigin === 'cloudfront' ? [] : [config.webOrigin],
    tableIndexLimit: config.tableIndexLimit,
  });
  // The service stack reads the web ACL's ARN across regions (CDK keeps it in SSM parameters of both).
  const edge = new EdgeStack(app, `ClaimsDesk-${config.stage}-Edge`, {
    env: { ...env, region: EDGE_REGION },
    description: `Claims desk (${config.stage}): the API's WAF web ACL (CloudFront scope, us-east-1).`,
    tags,
    stage: config.stage,
    crossRegionReferences: true,
  });
  const service = new ServiceStack(app, `ClaimsDesk-${config.stage}-Service`, {
    env,
    crossRegionReferences: true,
    apiWebAclArn: edge.firewall.arn,
    description: `Claims desk (${config.stage}): functions, HTTP API, web, mail rules, alarms.`,
    tags,
    config,
    data,
    webBuildDirectory: options.webBuildDirectory,
  });
  return { config, data, service, edge };
}
