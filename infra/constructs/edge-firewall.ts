/**
 * The WAF web ACL in front of the API's CloudFront distribution (api-edge.ts). HTTP APIs take no web ACL,
 * and API Gateway's throttles are per route for everyone together, so one client could use up the claim
 * form's budget for all customers; WAF counts per client address at the edge, before the shared throttle.
 *
 * A CloudFront web ACL must live in us-east-1 (scope CLOUDFRONT), so this construct goes in the edge stack.
 */
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Requests one client address may make in five minutes before WAF answers 429 for the rest of the window. */
export interface EdgeRateLimits {
  /** `POST /claims`: filing a claim from the web form. */
  readonly intake: number;
  /** `POST /claims/uploads` and `POST /claims/{number}/uploads`: signed evidence uploads (≤ 10 per claim). */
  readonly uploads: number;
  /** `GET /claims/{number}`: finding one's claim by number and token (what a token guesser would hammer). */
  readonly lookup: number;
  /**
   * `POST /lookup/code` and `POST /lookup/link`: "find my claim" (issue 16). The API limits codes per claim
   * number and per contact and locks after 20 wrong codes; this stops one address spraying many numbers.
   */
  readonly findClaim: number;
  /**
   * Every public route together (`/claims`, `/lookup`, `/form-options`, `/form-challenge`, `/privacy-notice`),
   * decisions and material included.
   */
  readonly publicTotal: number;
}

/**
 * Generous on purpose: mobile carriers in China put many customers behind one carrier-grade NAT address,
 * and a company's staff may file from one office address. A person files a few claims an hour; these stop
 * scripts, not people. WAF's smallest limit is 10 per window.
 */
export const DEFAULT_EDGE_RATE_LIMITS: EdgeRateLimits = {
  intake: 30,
  uploads: 150,
  lookup: 300,
  findClaim: 60,
  publicTotal: 1000,
};

/** The five-minute window WAF counts in (seconds). */
export const RATE_WINDOW_SECONDS = 300;

const RATE_LIMITED_BODY = 'rate-limited';

const text = [{ priority: 0, type: 'NONE' }];
const method = (name: 'GET' | 'POST'): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { method: {} },
    positionalConstraint: 'EXACTLY',
    searchString: name,
    textTransformations: text,
  },
});
const pathMatches = (regex: string): CfnWebACL.StatementProperty => ({
  regexMatchStatement: { fieldToMatch: { uriPath: {} }, regexString: regex, textTransformations: text },
});
const both = (...statements: CfnWebACL.StatementProperty[]): CfnWebACL.StatementProperty => ({
  andStatement: { statements },
});

/** The public routes each rate rule counts, as the router matches them (an optional trailing slash). */
export const RATE_RULE_SCOPES = {
  intake: both(method('POST'), pathMatches('^/claims/?$')),
  uploads: both(method('POST'), pathMatches('^/claims/([^/]+/)?uploads/?$')),
  lookup: both(method('GET'), pathMatches('^/claims/[^/]+/?$')),
  findClaim: both(method('POST'), pathMatches('^/lookup/(code|link)/?$')),
  publicTotal: pathMatches('^/(claims|lookup|form-options|form-challenge|privacy-notice)(/|$)'),
} as const satisfies Record<keyof EdgeRateLimits, CfnWebACL.StatementProperty>;

export interface EdgeFirewallProps {
  /** Names the ACL and its metrics, e.g. `claims-desk-dev-api`. */
  readonly name: string;
  readonly rateLimits?: EdgeRateLimits;
}

export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    const limits = props.rateLimits ?? DEFAULT_EDGE_RATE_LIMITS;
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `${props.name}-${metricName}`,
      sampledRequestsEnabled: true,
    });
    const rateRules = (Object.keys(RATE_RULE_SCOPES) as (keyof EdgeRateLimits)[]).map(
      (key, priority): CfnWebACL.RuleProperty => ({
        name: `per-ip-${key}`,
        priority,
        action: {
          block: { customResponse: { responseCode: 429, customResponseBodyKey: RATE_LIMITED_BODY } },
        },
        statement: {
          rateBasedStatement: {
            aggregateKeyType: 'IP',
            limit: limits[key],
            evaluationWindowSec: RATE_WINDOW_SECONDS,
            scopeDownStatement: RATE_RULE_SCOPES[key],
          },
        },
        visibilityConfig: visibility(`per-ip-${key}`),
      }),
    );

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: props.name,
      description: 'Claims desk API: per-address rate limits on the public routes, AWS common rules',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('acl'),
      customResponseBodies: {
        [RATE_LIMITED_BODY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            error: {
              code: 'RATE_LIMITED',
              message:
                'Too many requests from your network; please try again in a few minutes. ' +
                '来自您网络的请求过多，请几分钟后再试。',
            },
          }),
        },
      },
      rules: [
        ...rateRules,
        {
          name: 'aws-common',
          priority: rateRules.length,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // The rule set blocks bodies over 8 KB; a claim's description (5,000 characters of Chinese,
              // ~15 KB) is larger. The API checks its own body limit (413), so this rule only counts.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility('aws-common'),
        },
      ],
    });
  }

  get arn(): string {
    return this.webAcl.attrArn;
  }
}
