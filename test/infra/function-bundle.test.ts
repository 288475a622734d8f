/**
 * The functions' own bundler (infra/constructs/function-bundle.ts), with real esbuild runs: each
 * function gets its own bundle through CDK's asset cache, rarely used parts are chunks read on demand,
 * and what ships carries names and maps but not our sources.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ClaimsFunction,
  SKIP_BUNDLING_CONTEXT,
  SOURCE_MAPS_CONTEXT,
} from '../../infra/constructs/claims-function.js';
import { bundleFunction } from '../../infra/constructs/function-bundle.js';
import { testApp } from './support/synth.js';

const run = promisify(execFile);
const Handler = z.object({ handler: z.function() });
const FunctionCode = z.object({
  Properties: z.object({
    Handler: z.string(),
    // The default synthesizer names the zip by the asset's hash, and stages it as `asset.<hash>`.
    Code: z.object({ S3Key: z.string().regex(/^[0-9a-f]{64}\.zip$/) }),
  }),
});

/** The inputs (source files) that went into a set of bundle outputs. */
function inputsOf(
  metafile: ReturnType<typeof bundleFunction>['metafile'],
  outputs: readonly string[],
): string[] {
  return outputs.flatMap((output) => Object.keys(metafile.outputs[output]?.inputs ?? {}));
}

describe('function bundles', () => {
  it('gives each function the bundle of its own entry (CDK caches bundles by their options)', async () => {
    const app = testApp({ [SKIP_BUNDLING_CONTEXT]: false });
    const stack = new Stack(app, 'Bundles');
    new ClaimsFunction(stack, 'A', { entry: 'test/infra/fixtures/bundle-a.ts' });
    new ClaimsFunction(stack, 'B', { entry: 'test/infra/fixtures/bundle-b.ts' });
    const assembly = app.synth();
    const template = z
      .object({ Resources: z.record(z.string(), z.object({ Type: z.string() }).loose()) })
      .parse(assembly.getStackArtifact(stack.artifactId).template);
    const functions = Object.values(template.Resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function')
      .map((resource) => FunctionCode.parse(resource));
    expect(functions).toHaveLength(2);

    const answers: string[] = [];
    for (const fn of functions) {
      expect(fn.Properties.Handler).toBe('index.handler');
      const dir = join(assembly.directory, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
      const module = Handler.parse(await import(pathToFileURL(join(dir, 'index.mjs')).href));
      answers.push(String(await module.handler()));
    }
    expect(answers.sort()).toEqual(['bundle a', 'bundle b']);
  });

  it('runs functions with --enable-source-maps only when claims:sourceMaps asks for it', () => {
    const nodeOptions = (context: Record<string, unknown>): unknown[] => {
      const stack = new Stack(testApp(context), 'Maps');
      new ClaimsFunction(stack, 'Fn', { entry: 'test/infra/fixtures/bundle-a.ts' });
      return Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')).map(
        (fn) =>
          z
            .object({
              Properties: z.object({
                Environment: z.object({ Variables: z.record(z.string(), z.string()) }),
              }),
            })
            .parse(fn).Properties.Environment.Variables['NODE_OPTIONS'],
      );
    };
    expect(nodeOptions({})).toEqual([undefined]);
    expect(nodeOptions({ [SOURCE_MAPS_CONTEXT]: true })).toEqual(['--enable-source-maps']);
  });

  it('puts an awaited import in a chunk of its own, read only when the code reaches it', () => {
    const built = bundleFunction('test/infra/fixtures/bundle-b.ts', mkdtempSync(join(tmpdir(), 'bundle-')));
    expect(inputsOf(built.metafile, built.loadedAtStart)).toEqual(['test/infra/fixtures/bundle-b.ts']);
    expect(inputsOf(built.metafile, built.loadedOnDemand)).toEqual(['test/infra/fixtures/bundle-b-lazy.ts']);
  });

  it("reads the payout worker's Secrets Manager client only when a webhook token is stored there", () => {
    const built = bundleFunction(
      'functions/payout/handler.ts',
      mkdtempSync(join(tmpdir(), 'bundle-payout-')),
    );
    const secrets = (path: string) => path.includes('node_modules/@aws-sdk/client-secrets-manager/');
    expect(inputsOf(built.metafile, built.loadedAtStart).filter(secrets)).toEqual([]);
    expect(inputsOf(built.metafile, built.loadedOnDemand).some(secrets)).toBe(true);
  });

  it('reads the Secrets Manager client of email-in and notify (the reply-address key) on first use only', () => {
    const secrets = (path: string) => path.includes('node_modules/@aws-sdk/client-secrets-manager/');
    for (const name of ['email-in', 'notify']) {
      const built = bundleFunction(
        `functions/${name}/handler.ts`,
        mkdtempSync(join(tmpdir(), `bundle-${name}-secrets-`)),
      );
      expect(inputsOf(built.metafile, built.loadedAtStart).filter(secrets), name).toEqual([]);
      expect(inputsOf(built.metafile, built.loadedOnDemand).some(secrets), name).toBe(true);
    }
  });

  it('builds every handler on zod/mini through shared/zod.ts, without classic zod or other locales', () => {
    const handlers = readdirSync('functions').filter((name) =>
      existsSync(join('functions', name, 'handler.ts')),
    );
    expect(handlers.length).toBeGreaterThanOrEqual(6);
    for (const name of handlers) {
      const built = bundleFunction(
        join('functions', name, 'handler.ts'),
        mkdtempSync(join(tmpdir(), `bundle-${name}-`)),
      );
      const inputs = inputsOf(built.metafile, [...built.loadedAtStart, ...built.loadedOnDemand]);
      expect(inputs, name).toContain('shared/zod.ts');
      expect(
        inputs.filter((path) => path.includes('node_modules/zod/v4/classic/')),
        name,
      ).toEqual([]);
      // Every zod locale is ~350 KiB together; only the English one is meant to ship.
      expect(
        inputs.filter((path) => path.includes('node_modules/zod/v4/locales/')),
        name,
      ).toEqual(['node_modules/zod/v4/locales/en.js']);
    }
  });

  it('gives a bundled function English zod messages from shared/zod.ts alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-zod-'));
    bundleFunction('test/infra/fixtures/zod-messages.ts', dir);
    // A fresh process: the test runner's own (classic) zod would otherwise have set a locale already.
    const script = `const m = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)}); process.stdout.write(m.message());`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
    expect(stdout).toBe('Invalid input: expected number, received string');
  });

  it("keeps the API's S3 client out of what its cold start reads, and ships names and maps without sources", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-api-'));
    const built = bundleFunction('functions/api/handler.ts', dir);
    const s3 = (path: string) => path.includes('node_modules/@aws-sdk/client-s3/');
    expect(inputsOf(built.metafile, built.loadedAtStart).filter(s3)).toEqual([]);
    expect(inputsOf(built.metafile, built.loadedOnDemand).some(s3)).toBe(true);

    const entry = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(entry).toContain('function createApi(');
    const map = z
      .object({ sources: z.array(z.string()), sourcesContent: z.unknown().optional() })
      .parse(JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')));
    expect(map.sources.some((source) => source.endsWith('functions/api/handler.ts'))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
    expect(readdirSync(join(dir, 'chunks')).length).toBeGreaterThan(0);
  });
});
