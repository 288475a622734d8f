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
  const data = new DataStack(app, `ClaimsDesk-${config.stage}-Data`, {
    description: `Claims desk (${config.stage}): table, buckets, queues, staff accounts. Retained.`,
    tags,
    webOrigins: config.webOrigin === 'cloudfront' ? [] : [config.webOrigin],
  });
  const service = new ServiceStack(app, `ClaimsDesk-${config.stage}-Service`, {
    description: `Claims desk (${config.stage}): functions, HTTP API, web, mail rules, alarms.`,
    tags,
    config,
    data,
    webBuildDirectory: options.webBuildDirectory,
  });
  return { config, data, service };
}
