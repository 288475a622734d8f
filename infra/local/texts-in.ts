import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { lambdaContext } from './api-gateway.js';
import { readBody } from './http-helpers.js';
import { toRecord } from './queue-consumer.js';

const LocalTextSchema = z.strictObject({
  from: z.string().min(1).max(32),
  text: z.string().max(1600),
});

/**
 * `POST /local/sms-in` with `{"from": "13800138000", "text": "TD"}`: a customer's text back to our number,
 * as End User Messaging's two-way SMS would publish it, handed to the sms-in function as its queue would.
 * Local only (the cloud's texts arrive through the SmsInbound topic).
 */
export function localTextsIn() {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/local/sms-in')
      return false;
    const body = await readBody(req, 16 * 1024);
    const parsed = LocalTextSchema.safeParse(body === 'too-large' ? null : jsonOrNull(body.toString('utf8')));
    if (!parsed.success) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('send {"from": "<phone number>", "text": "<what the customer texted>"}');
      return true;
    }
    const { handler } = await import('../../functions/sms-in/handler.js');
    const message = JSON.stringify({ originationNumber: parsed.data.from, messageBody: parsed.data.text });
    const now = Date.now();
    // Handed over as the sms-in queue's consumer would: one record built the way the local consumers build theirs.
    const event: SQSEvent = {
      Records: [
        toRecord('sms-in', {
          messageId: `local-sms-${now}`,
          body: message,
          md5OfBody: createHash('md5').update(message).digest('hex'),
          sentAt: now,
          firstReceivedAt: now,
          receiveCount: 1,
          visibleAt: now,
          receiptHandle: null,
          attributes: {},
        }),
      ],
    };
    const result = await handler(event, lambdaContext());
    const failed = (result?.batchItemFailures.length ?? 0) > 0;
    res.writeHead(failed ? 500 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ handled: !failed }));
    return true;
  };
}

function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
