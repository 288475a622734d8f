/**
 * Builds the CDK app the way `npm run synth` does (cdk.json context, same stacks), except that
 * functions get placeholder code instead of an esbuild bundle, so a synth takes about a second.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { z } from 'zod';
import { REPO_ROOT, SKIP_BUNDLING_CONTEXT } from '../../../infra/constructs/claims-function.js';
import { defineClaimsApp, type ClaimsApp } from '../../../infra/stacks/claims-app.js';
import { nagPacks } from '../../../infra/stacks/nag-packs.js';

const CdkJson = z.object({ app: z.string(), context: z.record(z.string(), z.unknown()) });

/** cdk.json as the CLI reads it: the app command and the context defaults (settings and feature flags). */
export const cdkJson = CdkJson.parse(JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')));

/**
 * The region tests synthesize for (cdk.json names none: a deployment takes `-c region=` or the CLI's
 * default region). One where SES receives mail.
 */
export const TEST_REGION = 'eu-west-1';

/** A new App with cdk.json's context, the test region, test overrides on top, and bundling skipped. */
export function testApp(context: Record<string, unknown> = {}): App {
  return new App({
    context: { ...cdkJson.context, region: TEST_REGION, [SKIP_BUNDLING_CONTEXT]: true, ...context },
  });
}

export interface SynthesizedClaimsApp extends ClaimsApp {
  readonly app: App;
  readonly dataTemplate: Template;
  readonly serviceTemplate: Template;
}

export function synthClaimsApp(
  options: { context?: Record<string, unknown>; webBuildDirectory?: string } = {},
): SynthesizedClaimsApp {
  const app = testApp(options.context);
  const claims = defineClaimsApp(app, { webBuildDirectory: options.webBuildDirectory });
  return {
    ...claims,
    app,
    dataTemplate: Template.fromStack(claims.data),
    serviceTemplate: Template.fromStack(claims.service),
  };
}

export interface NagFinding {
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
}

/**
 * Unacknowledged cdk-nag findings (AwsSolutions and Serverless packs) under `scope`, errors and
 * warnings alike. cdk-nag 3 is a policy-validation plugin, not an Aspect, so tests call the packs
 * directly; acknowledgments are read from the same construct metadata either way.
 */
export function nagFindings(scope: IConstruct): NagFinding[] {
  const findings: NagFinding[] = [];
  for (const pack of nagPacks()) {
    for (const violation of pack.validateScope(scope).violations) {
      for (const resource of violation.violatingResources) {
        findings.push({
          rule: violation.ruleName,
          severity: violation.severity ?? 'unknown',
          path: resource.constructPath ?? '?',
        });
      }
    }
  }
  return findings;
}

/**
 * A value as `stack`'s template renders it: a reference to another stack becomes the cross-stack
 * form (Fn::GetStackOutput), a local one Ref/GetAtt. Call after synthesis.
 */
export function rendered(stack: Stack, value: unknown): unknown {
  const resolved: unknown = stack.resolve(value);
  return resolved;
}
