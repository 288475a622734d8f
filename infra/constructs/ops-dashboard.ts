/**
 * One CloudWatch dashboard per stage: traffic and errors of the API and functions, the queues and their
 * dead letters, SES reputation, and the business events the functions publish (shared/runtime/metrics.ts).
 */
import { Duration } from 'aws-cdk-lib';
import { Dashboard, GraphWidget, type IMetric, Metric, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUSINESS_METRICS } from '../../shared/runtime/metrics.js';
import type { ClaimsFunction } from './claims-function.js';
import { businessMetric } from './ops-alarms.js';

export interface OpsDashboardProps {
  readonly stage: string;
  readonly api: IHttpStage;
  readonly functions: readonly ClaimsFunction[];
  readonly queues: Readonly<Record<string, IQueue>>;
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
}

const PERIOD = Duration.minutes(5);
const DAY = Duration.days(1);

export class OpsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OpsDashboardProps) {
    super(scope, id);
    const graph = (title: string, left: IMetric[], width = 12) =>
      new GraphWidget({ title, left, width, height: 6 });
    const sum = (metric: Metric) => metric.with({ statistic: 'Sum', period: PERIOD });
    const filed = (channel: string, service: string) =>
      businessMetric(BUSINESS_METRICS.claimFiled, service, {
        statistic: 'Sum',
        period: PERIOD,
        dimensions: { channel },
      }).with({ label: channel });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `ClaimsDesk-${props.stage}`,
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Claims desk (${props.stage})\nAlarms go to the alarm topic; runbooks in docs/operations.md.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph('Claims filed by channel', [
        filed('web', 'api'),
        filed('phone', 'api'),
        filed('walk_in', 'api'),
        filed('email', 'email-in'),
      ]),
      graph('First replies, breaches, payouts, quarantined mail', [
        businessMetric(BUSINESS_METRICS.firstReply, 'api', { statistic: 'Sum', period: PERIOD }),
        businessMetric(BUSINESS_METRICS.deadlineBreached, 'sweep', { statistic: 'Sum', period: PERIOD }),
        businessMetric(BUSINESS_METRICS.payoutPaid, 'payout', { statistic: 'Sum', period: PERIOD }),
        businessMetric(BUSINESS_METRICS.mailQuarantined, 'email-in', {
          statistic: 'Sum',
          period: PERIOD,
          dimensions: { outcome: 'quarantined' },
        }),
      ]),
    );
    this.dashboard.addWidgets(
      graph('API requests and errors', [
        props.api.metricCount({ period: PERIOD }),
        props.api.metricClientError({ period: PERIOD }),
        props.api.metricServerError({ period: PERIOD }),
      ]),
      graph('API latency (p50, p99)', [
        props.api.metricLatency({ period: PERIOD, statistic: 'p50' }),
        props.api.metricLatency({ period: PERIOD, statistic: 'p99' }),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'Function errors',
        props.functions.map((fn) => sum(fn.function.metricErrors()).with({ label: fn.node.id })),
      ),
      graph(
        'Function duration (p99)',
        props.functions.map((fn) =>
          fn.function.metricDuration({ statistic: 'p99', period: PERIOD }).with({ label: fn.node.id }),
        ),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Oldest message age (s)',
        Object.entries(props.queues).map(([name, queue]) =>
          queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum', label: name }),
        ),
      ),
      graph(
        'Dead-letter queues (messages)',
        Object.entries(props.deadLetterQueues).map(([name, queue]) =>
          queue.metricApproximateNumberOfMessagesVisible({
            period: PERIOD,
            statistic: 'Maximum',
            label: name,
          }),
        ),
      ),
    );
    this.dashboard.addWidgets(
      graph('SES reputation (bounce, complaint rate)', [
        new Metric({
          namespace: 'AWS/SES',
          metricName: 'Reputation.BounceRate',
          statistic: 'Maximum',
          period: DAY,
        }),
        new Metric({
          namespace: 'AWS/SES',
          metricName: 'Reputation.ComplaintRate',
          statistic: 'Maximum',
          period: DAY,
        }),
      ]),
      graph('Nightly report written, holiday years missing', [
        businessMetric(BUSINESS_METRICS.overdueReportWritten, 'report', { statistic: 'Sum', period: DAY }),
        businessMetric(BUSINESS_METRICS.holidayYearsMissing, 'sweep', { statistic: 'Maximum', period: DAY }),
      ]),
    );
  }
}
