import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  QueueDoesNotExist,
  type LocalMessageAttribute,
  type LocalQueues,
  type StoredMessage,
} from './local-queues.js';
import { readBody } from './http-helpers.js';
import type { QueueName } from '../../shared/domain/messages.js';

/** The account id in local queue URLs, as in `http://127.0.0.1:<port>/000000000000/notify`. */
export const LOCAL_ACCOUNT = '000000000000';
const MAX_BODY = 1024 * 1024;
/** SQS's longest long poll. */
const MAX_WAIT_SECONDS = 20;

const Attribute = z.object({ DataType: z.string().min(1), StringValue: z.string().optional() });
const Attributes = z.record(z.string(), Attribute).optional();
const QueueUrl = z.string().min(1);
const Requests = {
  SendMessage: z.object({ QueueUrl, MessageBody: z.string().min(1), MessageAttributes: Attributes }),
  SendMessageBatch: z.object({
    QueueUrl,
    Entries: z
      .array(
        z.object({ Id: z.string().min(1), MessageBody: z.string().min(1), MessageAttributes: Attributes }),
      )
      .min(1)
      .max(10),
  }),
  ReceiveMessage: z.object({
    QueueUrl,
    MaxNumberOfMessages: z.number().int().min(1).max(10).optional(),
    VisibilityTimeout: z.number().int().min(0).max(43_200).optional(),
    WaitTimeSeconds: z.number().int().min(0).max(MAX_WAIT_SECONDS).optional(),
  }),
  DeleteMessage: z.object({ QueueUrl, ReceiptHandle: z.string().min(1) }),
  ChangeMessageVisibility: z.object({
    QueueUrl,
    ReceiptHandle: z.string().min(1),
    VisibilityTimeout: z.number().int().min(0).max(43_200),
  }),
  GetQueueUrl: z.object({ QueueName: z.string().min(1) }),
} as const;
type Operation = keyof typeof Requests;

class SqsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** A queue's URL at a local SQS endpoint (`npm start`'s, or the one the CLI reaches: SQS_PORT). */
export function localQueueUrl(endpoint: string, name: string): string {
  return `${endpoint}/${LOCAL_ACCOUNT}/${name}`;
}

/** The variables the functions read their queue URLs from (config.ts). */
export const QUEUE_URL_VARIABLES: Readonly<Record<QueueName, string>> = {
  notify: 'NOTIFY_QUEUE_URL',
  'email-in': 'EMAIL_IN_QUEUE_URL',
  payout: 'PAYOUT_QUEUE_URL',
};

export interface LocalSqsServer {
  readonly endpoint: string;
  queueUrl(name: string): string;
  stop(): Promise<void>;
}

/**
 * The local stand-in for the SQS API, speaking the AWS JSON 1.0 protocol the SDK v3 uses
 * (`X-Amz-Target: AmazonSQS.<Operation>`), so the real SqsQueueSender talks to it unchanged through
 * SQS_ENDPOINT. Loopback only; the operations this system uses and nothing else.
 */
export async function startLocalSqs(queues: LocalQueues, port = 0): Promise<LocalSqsServer> {
  let endpoint = '';
  const server: Server = createServer((req, res) => {
    handle(queues, endpoint, req, res).catch((error: unknown) => {
      const failure =
        error instanceof SqsError
          ? error
          : error instanceof QueueDoesNotExist
            ? new SqsError('QueueDoesNotExist', error.message)
            : new SqsError('InternalError', error instanceof Error ? error.message : String(error), 500);
      if (!res.headersSent)
        res.writeHead(failure.status, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-requestid': randomUUID(),
        });
      res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${failure.code}`, message: failure.message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    queueUrl: (name) => localQueueUrl(endpoint, name),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(
  queues: LocalQueues,
  endpoint: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const remote = req.socket.remoteAddress ?? '';
  if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote))
    throw new SqsError('AccessDenied', 'the local SQS accepts loopback connections only', 403);
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : '';
  if (req.method !== 'POST' || !(operation in Requests))
    throw new SqsError('InvalidAction', `unsupported action ${target || '(none)'}`);
  const body = await readJson(req);
  const result = await run(queues, endpoint, operation as Operation, body);
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(result));
}

async function run(
  queues: LocalQueues,
  endpoint: string,
  operation: Operation,
  body: unknown,
): Promise<unknown> {
  switch (operation) {
    case 'SendMessage': {
      const r = parse(Requests.SendMessage, body);
      const message = await queues.send(queueName(queues, r.QueueUrl), r.MessageBody, r.MessageAttributes);
      return sent(message);
    }
    case 'SendMessageBatch': {
      const r = parse(Requests.SendMessageBatch, body);
      const name = queueName(queues, r.QueueUrl);
      const successful = [];
      for (const entry of r.Entries) {
        const message = await queues.send(name, entry.MessageBody, entry.MessageAttributes);
        successful.push({ Id: entry.Id, ...sent(message) });
      }
      return { Successful: successful, Failed: [] };
    }
    case 'ReceiveMessage': {
      const r = parse(Requests.ReceiveMessage, body);
      const name = queueName(queues, r.QueueUrl);
      const max = r.MaxNumberOfMessages ?? 1;
      let messages = await queues.receive(name, max, r.VisibilityTimeout);
      const deadline = Date.now() + (r.WaitTimeSeconds ?? 0) * 1000;
      while (messages.length === 0 && Date.now() < deadline) {
        await waitForMessage(queues, deadline - Date.now());
        messages = await queues.receive(name, max, r.VisibilityTimeout);
      }
      return { Messages: messages.map(toWire) };
    }
    case 'DeleteMessage': {
      const r = parse(Requests.DeleteMessage, body);
      await queues.delete(queueName(queues, r.QueueUrl), r.ReceiptHandle);
      return {};
    }
    case 'ChangeMessageVisibility': {
      const r = parse(Requests.ChangeMessageVisibility, body);
      const changed = await queues.changeVisibility(
        queueName(queues, r.QueueUrl),
        r.ReceiptHandle,
        r.VisibilityTimeout,
      );
      if (!changed) throw new SqsError('MessageNotInflight', 'the message is not in flight');
      return {};
    }
    case 'GetQueueUrl': {
      const r = parse(Requests.GetQueueUrl, body);
      if (!queues.has(r.QueueName)) throw new QueueDoesNotExist(r.QueueName);
      return { QueueUrl: `${endpoint}/${LOCAL_ACCOUNT}/${r.QueueName}` };
    }
  }
}

function sent(message: StoredMessage) {
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: message.md5OfBody,
    ...(Object.keys(message.attributes).length > 0
      ? { MD5OfMessageAttributes: md5OfAttributes(message.attributes) }
      : {}),
  };
}

function toWire(message: StoredMessage) {
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    Attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      SenderId: LOCAL_ACCOUNT,
    },
    ...(Object.keys(message.attributes).length > 0
      ? { MessageAttributes: message.attributes, MD5OfMessageAttributes: md5OfAttributes(message.attributes) }
      : {}),
  };
}

/** SQS's digest of message attributes: sorted names, each length-prefixed with type and value. */
export function md5OfAttributes(attributes: Readonly<Record<string, LocalMessageAttribute>>): string {
  const hash = createHash('md5');
  const field = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name];
    if (!attribute) continue;
    field(name);
    field(attribute.DataType);
    hash.update(Buffer.from([1]));
    field(attribute.StringValue ?? '');
  }
  return hash.digest('hex');
}

function queueName(queues: LocalQueues, url: string): string {
  const name = url.split('/').pop() ?? '';
  if (!queues.has(name)) throw new QueueDoesNotExist(name);
  return name;
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new SqsError(
      'InvalidParameterValue',
      result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return result.data;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, MAX_BODY);
  if (body === 'too-large') throw new SqsError('RequestTooLarge', 'request body too large');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new SqsError('MalformedQueryString', 'request body is not JSON');
  }
}

function waitForMessage(queues: LocalQueues, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    const off = queues.onMessage(done);
    function done() {
      clearTimeout(timer);
      off();
      resolve();
    }
  });
}
