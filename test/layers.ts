/**
 * The test layers: the directory a test file sits in decides its vitest project (vitest.config.ts), and so
 * what it may use. test/unit/test-layers.test.ts checks that every test file has exactly one layer and that
 * unit files reach neither DynamoDB Local, the local stack nor a browser.
 */
export const TEST_LAYERS = {
  /** In process: no DynamoDB Local, no browser, no local stack, no child processes. Runs without Java. */
  unit: ['test/unit'],
  /** CDK templates, cdk-nag and esbuild bundles: no Java either, but CPU-heavy (a minute or more). */
  infra: ['test/infra'],
  /** DynamoDB Local (started once by test/support/global-setup.ts), the local stack, CLI processes; and
   * test/security, issue 22's suite of attacks reproduced (most against DynamoDB Local). */
  integration: ['test/integration', 'test/security'],
  /** Headless Chromium against the local stack. */
  e2e: ['test/e2e'],
} as const satisfies Record<string, readonly string[]>;

export type TestLayer = keyof typeof TEST_LAYERS;

/** vitest include globs of a layer. */
export function layerGlobs(layer: TestLayer): string[] {
  return TEST_LAYERS[layer].map((dir) => `${dir}/**/*.test.ts`);
}
