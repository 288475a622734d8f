/**
 * Every alarm in the system, on one SNS topic. Each `watch…` method adds the alarms one kind of
 * resource needs, so a new function or queue is watched with one call.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ClaimsFunction } from './claims-function.js';
import { METRICS_NAMESPACE, type BusinessMetric } from '../../shared/runtime/metrics.js';

/** A business metric as a function publishes it (Powertools adds the `service` dimension). */
export function businessMetric(
  name: BusinessMetric,
  service: string,
  props: { statistic: string; period: Duration; dimensions?: Record<string, string> },
): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service, ...props.dimensions },
    statistic: props.statistic,
    period: props.period,
  });
}

/**
 * SES reviews an account at a 5 % bounce rate and 0.1 % complaint rate (and may pause sending at 10 % and
 * 0.5 %): alarm at half the review levels, while there is time to act.
 */
export const SES_BOUNCE_RATE_ALARM = 0.025;
export const SES_COMPLAINT_RATE_ALARM = 0.0005;

export interface OpsAlarmsProps {
  /** Receives every alarm (SNS sends a confirmation mail first). */
  readonly email: string;
}

export class OpsAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    // Alarm texts name resources, not customers; SSE would need a customer key CloudWatch may use.
    this.topic = new Topic(this, 'Topic', { enforceSSL: true });
    const subscription = new EmailSubscription(props.email);
    this.topic.addSubscription(subscription);
    Validations.of(this.topic).acknowledge({
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        'The only subscription is an e-mail address; when delivery fails the alarm still shows in CloudWatch, ' +
        'and a dead-letter queue for alarm mail would need an alarm of its own on this same topic.',
    });
  }

  /** Any message in a dead-letter queue needs a person: alarm on depth > 0. */
  watchDeadLetterQueue(id: string, queue: IQueue): Alarm {
    return this.alarm(`${id}-DlqDepth`, {
      description: `Messages are waiting in the ${id} dead-letter queue: inspect, fix, then redrive (docs/operations.md).`,
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** A work queue whose oldest message waits longer than `maxAge`: its consumer is stuck or failing. */
  watchQueueAge(id: string, queue: IQueue, maxAge: Duration): Alarm {
    return this.alarm(`${id}-OldestMessage`, {
      description: `The oldest message in the ${id} queue has waited over ${maxAge.toHumanString()}: check its consumer's errors.`,
      metric: queue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: maxAge.toSeconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** The account's SES reputation (bounce and complaint rates over the recent sending). */
  watchSesReputation(): Alarm[] {
    const rate = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    return [
      this.alarm('Ses-BounceRate', {
        description: `SES bounce rate above ${SES_BOUNCE_RATE_ALARM * 100} % (review at 5 %): check the addresses claims carry.`,
        metric: rate('Reputation.BounceRate'),
        threshold: SES_BOUNCE_RATE_ALARM,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      this.alarm('Ses-ComplaintRate', {
        description: `SES complaint rate above ${SES_COMPLAINT_RATE_ALARM * 100} % (review at 0.1 %): check what is being sent.`,
        metric: rate('Reputation.ComplaintRate'),
        threshold: SES_COMPLAINT_RATE_ALARM,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
  }

  /** A success metric that must appear at least once per `within` (a run that errors emits none). */
  watchBusinessHeartbeat(id: string, metric: Metric, description: string): Alarm {
    return this.alarm(`${id}-Missing`, {
      description,
      metric,
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
    });
  }

  /** A business metric at or above a threshold (e.g. holiday years missing ≥ 1). */
  watchBusinessThreshold(id: string, metric: Metric, threshold: number, description: string): Alarm {
    return this.alarm(id, {
      description,
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** Errors and throttles of one function. */
  watchFunction(fn: ClaimsFunction): Alarm[] {
    const id = fn.node.id;
    return [
      this.alarm(`${id}-Errors`, {
        description: `${id} reported errors.`,
        metric: fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      this.alarm(`${id}-Throttles`, {
        description: `${id} was throttled (account or reserved concurrency exhausted).`,
        metric: fn.function.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
  }

  /** Server errors (5xx) from the HTTP API stage. */
  watchHttpApi(id: string, stage: IHttpStage): Alarm {
    return this.alarm(`${id}-5xx`, {
      description: `The ${id} HTTP API answered with 5xx errors.`,
      metric: stage.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /**
   * A scheduled function that has not run within `within` (e.g. the sweep, every 15 minutes,
   * alarms after 30). Missing data means no invocations, which is exactly the failure.
   */
  watchHeartbeat(fn: ClaimsFunction, within: Duration): Alarm {
    const id = fn.node.id;
    return this.alarm(`${id}-NotRun`, {
      description: `${id} has not run in ${within.toHumanString()}: check its schedule and the scheduler DLQ.`,
      metric: new Metric({
        namespace: 'AWS/Lambda',
        metricName: 'Invocations',
        dimensionsMap: { FunctionName: fn.function.functionName },
        statistic: 'Sum',
        period: within,
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
    });
  }

  private alarm(
    id: string,
    props: {
      description: string;
      metric: IMetric;
      threshold: number;
      comparisonOperator: ComparisonOperator;
      treatMissingData: TreatMissingData;
    },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: props.description,
      metric: props.metric,
      threshold: props.threshold,
      comparisonOperator: props.comparisonOperator,
      evaluationPeriods: 1,
      treatMissingData: props.treatMissingData,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }
}
