/**
 * SQS queues with the house defaults: SSE, TLS-only, and a dead-letter queue that a message reaches
 * after `maxReceiveCount` failed receives. The visibility timeout is derived from the consumer's
 * timeout (6x, as AWS recommends for Lambda event sources) so a slow batch is never handed out twice;
 * `addQueueConsumer` checks the pairing again when the consumer is attached.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The smallest redrive count we accept: a handful of retries rides out throttles and timeouts. */
export const MIN_MAX_RECEIVE_COUNT = 5;
/** AWS guidance for Lambda SQS event sources: visibility timeout at least six times the function timeout. */
export const VISIBILITY_TO_TIMEOUT_RATIO = 6;

/**
 * A queue that only ever receives failed messages. It keeps them for the SQS maximum (14 days)
 * so someone can look and redrive; the alarms watch its depth.
 */
export function createDeadLetterQueue(scope: Construct, id: string, purpose: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(queue).acknowledge(
    {
      id: 'Serverless-SQSRedrivePolicy',
      reason: `Dead-letter queue for ${purpose}; a redrive policy on it would only move failures one queue further.`,
    },
    {
      id: 'AwsSolutions-SQS3',
      reason:
        `Dead-letter queue for ${purpose}. cdk-nag recognises a DLQ only from another queue's redrive policy, ` +
        'not when it is the target of a schedule, an SNS subscription or a Lambda on-failure destination.',
    },
  );
  return queue;
}

export interface WorkQueueProps {
  /** The timeout of the function that will consume this queue; sizes the visibility timeout. */
  readonly consumerTimeout: Duration;
  /** Receives before a message moves to the DLQ; at least 5. */
  readonly maxReceiveCount?: number;
  readonly retentionPeriod?: Duration;
}

export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly visibilityTimeout: Duration;
  readonly maxReceiveCount: number;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    this.maxReceiveCount = props.maxReceiveCount ?? MIN_MAX_RECEIVE_COUNT;
    if (!Number.isInteger(this.maxReceiveCount) || this.maxReceiveCount < MIN_MAX_RECEIVE_COUNT) {
      throw new Error(`${this.node.path}: maxReceiveCount must be an integer >= ${MIN_MAX_RECEIVE_COUNT}`);
    }
    this.visibilityTimeout = Duration.seconds(
      props.consumerTimeout.toSeconds() * VISIBILITY_TO_TIMEOUT_RATIO,
    );

    this.deadLetterQueue = createDeadLetterQueue(this, 'DeadLetterQueue', `the ${id} queue`);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: this.visibilityTimeout,
      retentionPeriod: props.retentionPeriod ?? Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: this.maxReceiveCount },
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
