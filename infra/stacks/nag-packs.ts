/**
 * The cdk-nag packs every synth runs. cdk-nag 3 plugs into CDK's policy validation (the report is
 * printed by `cdk synth` and a failing error stops it); findings are acknowledged next to the
 * resource they concern with `Validations.of(construct).acknowledge({ id, reason })`.
 */
import { Validations, type App } from 'aws-cdk-lib';
import cdkNag, { type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** cdk-nag is CommonJS with re-exported names Node's ESM loader cannot see; use the default export. */
const { AwsSolutionsChecks, ServerlessChecks } = cdkNag;

export function nagPacks(scope?: IConstruct): NagPack[] {
  return [new AwsSolutionsChecks(scope, { verbose: true }), new ServerlessChecks(scope, { verbose: true })];
}

export function addNagPacks(app: App): void {
  Validations.of(app).addPlugins(...nagPacks(app));
}
