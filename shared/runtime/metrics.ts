import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** CloudWatch namespace of the business metrics (the dashboard and alarms read them from here). */
export const METRICS_NAMESPACE = 'ClaimsDesk';

/**
 * Business events, counted as CloudWatch metrics in embedded metric format (a JSON log line Lambda's
 * log pipeline turns into a metric; no API call on the request path). Each carries the Powertools
 * `service` dimension, the function's POWERTOOLS_SERVICE_NAME.
 */
export const BUSINESS_METRICS = {
  /** A claim filed, dimension `channel` (web, email, phone, walk_in). */
  claimFiled: 'ClaimFiled',
  /** A first reply recorded by staff. */
  firstReply: 'FirstReply',
  /** Deadlines breached by a sweep. */
  deadlineBreached: 'DeadlineBreached',
  /** A payout the provider (or finance) settled as paid. */
  payoutPaid: 'PayoutPaid',
  /** Inbound mail quarantined (bounces, auto-replies, spam or virus verdicts) or unparseable. */
  mailQuarantined: 'MailQuarantined',
  /** The nightly overdue report was written (its heartbeat). */
  overdueReportWritten: 'OverdueReportWritten',
  /** Years the working calendar needs but has no holiday schedule for (see missingHolidayYears). */
  holidayYearsMissing: 'HolidayYearsMissing',
} as const;
export type BusinessMetric = (typeof BUSINESS_METRICS)[keyof typeof BUSINESS_METRICS];

/** POWERTOOLS_METRICS_DISABLED turns it off (tests, the local stack). */
const metrics = new Metrics({ namespace: METRICS_NAMESPACE });

/** Publishes one metric at once (its own EMF line, so each may carry its own dimensions). */
export function recordMetric(
  name: BusinessMetric,
  value = 1,
  dimensions: Readonly<Record<string, string>> = {},
): void {
  const single = metrics.singleMetric();
  for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
  single.addMetric(name, MetricUnit.Count, value);
}
