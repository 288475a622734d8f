import { defineConfig } from 'vitest/config';
import { layerGlobs } from './test/layers.js';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // Handlers log through Powertools; tests that provoke a 500 would otherwise print its stack, and
    // every business event its EMF line.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
    hookTimeout: 60_000,
    // One project per layer (test/layers.ts): `vitest run` runs them all, `--project unit` one of them.
    projects: [
      { extends: true, test: { name: 'unit', include: layerGlobs('unit') } },
      { extends: true, test: { name: 'infra', include: layerGlobs('infra') } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: layerGlobs('integration'),
          // DynamoDB Local is started for this project only; each test file makes its own table in it.
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      { extends: true, test: { name: 'e2e', include: layerGlobs('e2e') } },
    ],
  },
});
