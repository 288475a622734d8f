import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { traceClients, tracer } from '../../shared/runtime/tracing.js';
import { reachable } from '../support/import-graph.js';

describe('X-Ray tracing (Powertools tracer)', () => {
  it('is loaded by the report and email-in functions, never by the API (a customer waits on its cold start)', () => {
    const tracing = 'shared/runtime/tracing.ts';
    expect(reachable('functions/report/handler.ts').has(tracing)).toBe(true);
    expect(reachable('functions/email-in/handler.ts').has(tracing)).toBe(true);
    expect(reachable('functions/api/handler.ts').has(tracing)).toBe(false);
  });

  it('stays off outside Lambda, leaving clients as they are', () => {
    const client = new DynamoDBClient({ region: 'eu-west-1' });
    const before = client.middlewareStack.identify();
    traceClients(client);
    expect(tracer.isTracingEnabled()).toBe(false);
    expect(client.middlewareStack.identify()).toEqual(before);
    client.destroy();
  });

  it('in Lambda, adds its X-Ray middleware to each SDK client', async () => {
    vi.resetModules();
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'claims-report');
    try {
      const inLambda = await import('../../shared/runtime/tracing.js');
      const client = new DynamoDBClient({ region: 'eu-west-1' });
      const before = client.middlewareStack.identify().length;
      inLambda.traceClients(client);
      expect(inLambda.tracer.isTracingEnabled()).toBe(true);
      expect(client.middlewareStack.identify().length).toBeGreaterThan(before);
      client.destroy();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
