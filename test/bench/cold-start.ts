import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { median } from './stats.js';

const run = promisify(execFile);

export interface ColdStart {
  readonly handler: string;
  readonly bundleBytes: number;
  readonly loadMs: number;
  readonly baselineMs: number;
  readonly ratio: number;
}

/** Bundles an entry (a file, or source text) the way the CDK function construct does (ESM, minified, one file). */
async function bundle(entry: string | { contents: string }, outfile: string): Promise<number> {
  await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: process.cwd(), loader: 'ts' } }),
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return statSync(outfile).size;
}

/** Time to import a bundle in a fresh Node process, as a cold start does before the first request. */
async function loadTime(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], {
    env: {
      PATH: process.env['PATH'] ?? '',
      TABLE_NAME: 'bench',
      AWS_REGION: 'ap-east-1',
      // What the CDK constructs bind for the mail, report and payout functions (nothing is called at import).
      RAW_MAIL_BUCKET: 'bench-raw-mail',
      EVIDENCE_BUCKET: 'bench-evidence',
      REPORTS_BUCKET: 'bench-reports',
      NOTIFY_QUEUE_URL: 'https://sqs.ap-east-1.amazonaws.com/000000000000/bench-notify',
      PAYOUT_QUEUE_URL: 'https://sqs.ap-east-1.amazonaws.com/000000000000/bench-payout',
      EMAIL_IN_QUEUE_URL: 'https://sqs.ap-east-1.amazonaws.com/000000000000/bench-email-in',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      MAIL_DOMAIN: 'claims.example.com',
      SES_CONFIGURATION_SET: 'claims',
      PUBLIC_BASE_URL: 'https://claims.example.com',
    },
  });
  return Number(stdout);
}

/**
 * Each handler's minified bundle size and import time in a fresh process, against a bundle that only
 * imports the DynamoDB client (the least any of them loads); runs interleaved so machine noise hits both.
 */
export async function benchColdStart(runs: number): Promise<ColdStart[]> {
  const dir = mkdtempSync(join(tmpdir(), 'claims-cold-'));
  const baselineFile = join(dir, 'baseline.mjs');
  await bundle(
    {
      contents:
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({});\n",
    },
    baselineFile,
  );
  const handlers = readdirSync('functions').filter((name) =>
    existsSync(join('functions', name, 'handler.ts')),
  );
  const results: ColdStart[] = [];
  for (const name of handlers) {
    const file = join(dir, `${name}.mjs`);
    const bytes = await bundle(resolve('functions', name, 'handler.ts'), file);
    const mine: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < runs; i++) {
      mine.push(await loadTime(file));
      base.push(await loadTime(baselineFile));
    }
    results.push({
      handler: name,
      bundleBytes: bytes,
      loadMs: median(mine),
      baselineMs: median(base),
      ratio: median(mine) / median(base),
    });
  }
  return results;
}
