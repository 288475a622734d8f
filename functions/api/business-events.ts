import type { MiddlewareObj } from '@middy/core';
import * as z from '../../shared/zod.js';
import { BUSINESS_METRICS, recordMetric } from '../../shared/runtime/metrics.js';
import type { HttpEvent, HttpResult } from '../../shared/runtime/http/types.js';

const StaffChannelSchema = z.object({ channel: z.enum(['phone', 'walk_in']) });

export interface BusinessEvent {
  readonly metric: (typeof BUSINESS_METRICS)['claimFiled' | 'firstReply'];
  readonly dimensions: Readonly<Record<string, string>>;
}

/**
 * The business events an answered request stands for: a claim filed (201: a replayed submission answers
 * 200 and counts once), a first reply recorded. Read from method, path and status, so no route changes.
 */
export function businessEventsOf(event: HttpEvent, result: HttpResult): BusinessEvent[] {
  const method = event.requestContext.http.method;
  const path = event.rawPath;
  const status = result.statusCode ?? 200;
  if (method !== 'POST' || status < 200 || status >= 300) return [];
  if (path === '/claims' && status === 201)
    return [{ metric: BUSINESS_METRICS.claimFiled, dimensions: { channel: 'web' } }];
  if (path === '/staff/claims' && status === 201) {
    const body = z.safeParse(StaffChannelSchema, safeJson(event.body, event.isBase64Encoded));
    return [
      {
        metric: BUSINESS_METRICS.claimFiled,
        dimensions: { channel: body.success ? body.data.channel : 'staff' },
      },
    ];
  }
  if (/^\/staff\/claims\/[^/]+\/first-reply$/.test(path))
    return [{ metric: BUSINESS_METRICS.firstReply, dimensions: {} }];
  return [];
}

function safeJson(body: string | undefined, base64: boolean): unknown {
  if (!body) return undefined;
  try {
    return JSON.parse(base64 ? Buffer.from(body, 'base64').toString('utf8') : body);
  } catch {
    return undefined;
  }
}

/** Middy middleware: counts each answered request's business events (see businessEventsOf). */
export function businessMetrics(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    after: (request) => {
      if (!request.response) return;
      for (const { metric, dimensions } of businessEventsOf(request.event, request.response))
        recordMetric(metric, 1, dimensions);
    },
  };
}
