/**
 * The whole system as two stacks for one stage: data (retained state) and service (replaceable).
 * Shared by infra/app.ts and the template tests so both build exactly the same app.
 */
import type { App } from 'aws-cdk-lib';
import { DataStack } from './data-stack.js';
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
    webOrigins: config.webOrigin === 'cloudfront' ? [] : [config.webOrigin],
    tableIndexLimit: config.tableIndexLimit,
  });
  const service = new ServiceStack(app, `ClaimsDesk-${config.stage}-Service`, {
    env,
    description: `Claims desk (${config.stage}): functions, HTTP API, web, mail rules, alarms.`,
    tags,
    config,
    data,
    webBuildDirectory: options.webBuildDirectory,
  });
  return { config, data, service };
}
