import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_LAYERS, type TestLayer } from '../layers.js';

const testFiles = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.test.ts'))
  .map((path) => join('test', path))
  .sort();

const layersOf = (file: string): TestLayer[] =>
  (Object.keys(TEST_LAYERS) as TestLayer[]).filter((layer) =>
    TEST_LAYERS[layer].some((dir) => file.startsWith(`${dir}/`)),
  );

/** What a unit test must not load, directly or through a test helper: Java, a browser or another process. */
const NOT_IN_UNIT = [
  'test/support/dynamo.ts',
  'test/support/global-setup.ts',
  'test/e2e/browser.ts',
  'infra/local/stack.ts',
  'infra/local/dynamodb-local.ts',
  'playwright-core',
  'node:child_process',
];

/** Relative imports of a file, resolved to repository paths (`.js` specifiers name `.ts` sources). */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] ?? '');
  return specifiers.map((s) =>
    s.startsWith('.') ? normalize(join(dirname(file), s)).replace(/\.js$/, '.ts') : s,
  );
}

/** Every file a test loads through the test tree (test/**), plus the first step out of it. */
function reach(file: string, seen = new Set<string>()): Set<string> {
  for (const target of importsOf(file)) {
    if (seen.has(target)) continue;
    seen.add(target);
    if (target.startsWith('test/')) reach(target, seen);
  }
  return seen;
}

describe('test layers', () => {
  it('finds the test files', () => {
    expect(testFiles.length).toBeGreaterThan(50);
  });

  it('puts every test file in exactly one layer, so none is left out of `npm test`', () => {
    const wrong = testFiles.filter((file) => layersOf(file).length !== 1);
    expect(wrong).toEqual([]);
  });

  it('keeps DynamoDB Local, the local stack, the browser and child processes out of the unit layer', () => {
    const offending = testFiles
      .filter((file) => layersOf(file)[0] === 'unit')
      .flatMap((file) =>
        [...reach(file)].filter((target) => NOT_IN_UNIT.includes(target)).map((t) => `${file} → ${t}`),
      );
    expect(offending).toEqual([]);
  });
});
