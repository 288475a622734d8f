import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['node_modules/**'],
    // DynamoDB Local is started once per run; each test file makes its own table.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
    // Handlers log through Powertools; tests that provoke a 500 would otherwise print its stack.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
    hookTimeout: 60_000,
  },
});
