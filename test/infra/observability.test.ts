/** Alarms, the dashboard, per-function service names and the pages' security headers, in the template. */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BUSINESS_METRICS, METRICS_NAMESPACE } from '../../shared/runtime/metrics.js';
import { synthClaimsApp } from './support/synth.js';
import { logicalIdOf, resource, resources } from './support/template-json.js';

const { data, service, serviceTemplate: template } = synthClaimsApp();

const AlarmSchema = z.looseObject({
  MetricName: z.string().optional(),
  Namespace: z.string().optional(),
  Threshold: z.number(),
  ComparisonOperator: z.string(),
  TreatMissingData: z.string(),
  Dimensions: z.array(z.looseObject({ Name: z.string(), Value: z.unknown() })).optional(),
});
const alarms = resources(template, 'AWS::CloudWatch::Alarm').map((alarm) =>
  AlarmSchema.parse(alarm.properties),
);
const alarmOn = (namespace: string, metricName: string) =>
  alarms.filter((alarm) => alarm.Namespace === namespace && alarm.MetricName === metricName);

describe('alarms', () => {
  it('alarm on the age of the oldest message of every work queue', () => {
    const age = alarmOn('AWS/SQS', 'ApproximateAgeOfOldestMessage');
    expect(age).toHaveLength(Object.keys(data.workQueues).length);
    for (const alarm of age) expect(alarm.ComparisonOperator).toBe('GreaterThanThreshold');
    expect(age.map((alarm) => alarm.Threshold).sort((a, b) => a - b)).toEqual([900, 900, 3600]);
  });

  it('alarm on every dead-letter queue holding a message', () => {
    const depth = alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    expect(depth).toHaveLength(Object.keys(data.deadLetterQueues).length);
    for (const alarm of depth)
      expect(alarm).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it("alarm on the SES account's bounce and complaint rates well before SES reviews it", () => {
    expect(alarmOn('AWS/SES', 'Reputation.BounceRate')).toEqual([
      expect.objectContaining({ Threshold: 0.025, TreatMissingData: 'notBreaching' }),
    ]);
    expect(alarmOn('AWS/SES', 'Reputation.ComplaintRate')).toEqual([
      expect.objectContaining({ Threshold: 0.0005, TreatMissingData: 'notBreaching' }),
    ]);
  });

  it('alarm when no nightly report was written in a day, missing data counting as missing', () => {
    expect(alarmOn(METRICS_NAMESPACE, BUSINESS_METRICS.overdueReportWritten)).toEqual([
      expect.objectContaining({
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
        Period: 86400,
        Dimensions: [{ Name: 'service', Value: service.reportFunction.serviceName }],
      }),
    ]);
  });

  it('alarm when a year deadlines reach has no holiday schedule', () => {
    expect(alarmOn(METRICS_NAMESPACE, BUSINESS_METRICS.holidayYearsMissing)).toEqual([
      expect.objectContaining({
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Dimensions: [{ Name: 'service', Value: 'sweep' }],
      }),
    ]);
  });

  it('send every alarm and its recovery to the alarm topic', () => {
    const topic = { Ref: logicalIdOf(service.alarms.topic) };
    for (const alarm of resources(template, 'AWS::CloudWatch::Alarm')) {
      expect(alarm.properties.AlarmActions, alarm.logicalId).toEqual([topic]);
      expect(alarm.properties.OKActions, alarm.logicalId).toEqual([topic]);
    }
  });
});

describe('dashboard', () => {
  const body = JSON.stringify(resources(template, 'AWS::CloudWatch::Dashboard')[0]?.properties.DashboardBody);

  it('is one per stage, named after it', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'ClaimsDesk-dev' });
  });

  it.each(Object.values(BUSINESS_METRICS).filter((name) => name !== BUSINESS_METRICS.holidayYearsMissing))(
    'graphs the business metric %s',
    (name) => {
      expect(body).toContain(`\\"${METRICS_NAMESPACE}\\",\\"${name}\\"`);
    },
  );

  it('graphs queue age, dead letters, SES reputation and API errors', () => {
    for (const metric of [
      'ApproximateAgeOfOldestMessage',
      'ApproximateNumberOfMessagesVisible',
      'Reputation.BounceRate',
      'Reputation.ComplaintRate',
      '5xx',
    ])
      expect(body).toContain(metric);
  });
});

describe('function logs', () => {
  it("name each function's service in POWERTOOLS_SERVICE_NAME", () => {
    const names = resources(template, 'AWS::Lambda::Function')
      .map((fn) =>
        z
          .looseObject({ Environment: z.object({ Variables: z.record(z.string(), z.unknown()) }).optional() })
          .parse(fn.properties),
      )
      .map((fn) => fn.Environment?.Variables['POWERTOOLS_SERVICE_NAME'])
      .filter((name) => name !== undefined);
    expect(new Set(names)).toEqual(new Set(['api', 'email-in', 'notify', 'payout', 'sweep', 'report']));
  });
});

describe('tracing', () => {
  it('is Active on every function of ours, with the report and email-in instrumented by the Powertools tracer', () => {
    for (const fn of [
      service.apiFunction,
      service.emailInFunction,
      service.notifyFunction,
      service.payoutWorker.function,
      service.sweepFunction,
      service.reportFunction,
    ]) {
      expect(resource(template, logicalIdOf(fn.function)).properties.TracingConfig, fn.node.path).toEqual({
        Mode: 'Active',
      });
    }
  });
});

describe('page headers', () => {
  const policy = resource(template, logicalIdOf(service.web.headers));
  const config = JSON.stringify(policy.properties);

  it('serve the pages with a strict CSP: own scripts and styles only, no inline, no framing', () => {
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'none'",
    ])
      expect(config).toContain(directive);
    expect(config).not.toContain('unsafe-inline');
    expect(config).not.toContain('unsafe-eval');
  });

  it('let the pages connect only to the API, the sign-in domain and the evidence bucket', () => {
    expect(config).toContain('connect-src');
    // The API is reached through its own CloudFront distribution (with the WAF web ACL); naming that
    // distribution here would be a cycle (the API's CORS names the pages' distribution).
    expect(config).toContain('https://*.cloudfront.net');
    expect(config).not.toContain('execute-api');
    expect(config).toContain(logicalIdOf(data.evidenceBucket));
    expect(config).toContain('auth.');
  });

  it('add HSTS, nosniff, DENY framing, no-referrer and a permissions policy', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          ContentTypeOptions: { Override: true },
          StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true }),
        }),
      }),
    });
    expect(config).toContain('permissions-policy');
  });
});
