/**
 * Per-client limits on the public routes (issue 23): the API's public address is a CloudFront
 * distribution with a WAF web ACL in us-east-1, rate-limiting each client address on intake, uploads and
 * lookups, with AWS's common rule set; the pages are configured with that address.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEFAULT_EDGE_RATE_LIMITS,
  RATE_RULE_SCOPES,
  RATE_WINDOW_SECONDS,
} from '../../infra/constructs/edge-firewall.js';
import { PUBLIC_ROUTES } from '../../infra/constructs/claims-api.js';
import { EDGE_REGION } from '../../infra/stacks/edge-stack.js';
import { nagFindings, synthClaimsApp, TEST_REGION } from './support/synth.js';
import { logicalIdOf, resources } from './support/template-json.js';

const claims = synthClaimsApp();
const edgeTemplate = Template.fromStack(claims.edge);
const { serviceTemplate } = claims;

const RuleSchema = z.object({
  Name: z.string(),
  Priority: z.number(),
  Action: z.unknown().optional(),
  Statement: z.record(z.string(), z.unknown()),
});
const acl = () => {
  const [found] = resources(edgeTemplate, 'AWS::WAFv2::WebACL');
  return z
    .object({ Scope: z.string(), Rules: z.array(RuleSchema), DefaultAction: z.unknown() })
    .parse(found?.properties);
};

/** Does a WAF match statement (the subset RATE_RULE_SCOPES uses) match this request? */
function matches(statement: unknown, method: string, path: string): boolean {
  const s = z
    .object({
      andStatement: z.object({ statements: z.array(z.unknown()) }).optional(),
      byteMatchStatement: z.object({ searchString: z.string() }).optional(),
      regexMatchStatement: z.object({ regexString: z.string() }).optional(),
    })
    .parse(statement);
  if (s.andStatement) return s.andStatement.statements.every((inner) => matches(inner, method, path));
  if (s.byteMatchStatement) return s.byteMatchStatement.searchString === method;
  if (s.regexMatchStatement) return new RegExp(s.regexMatchStatement.regexString).test(path);
  throw new Error('unknown statement');
}

describe('the web ACL (edge stack, us-east-1)', () => {
  it('lives in us-east-1 with CLOUDFRONT scope, whatever region the stage runs in', () => {
    expect(claims.service.region).toBe(TEST_REGION);
    expect(claims.edge.region).toBe(EDGE_REGION);
    expect(acl().Scope).toBe('CLOUDFRONT');
    expect(acl().DefaultAction).toEqual({ Allow: {} });
  });

  it('limits each client address on intake, uploads, lookups and all public routes, answering 429', () => {
    const rules = acl().Rules.filter((rule) => rule.Name.startsWith('per-ip-'));
    expect(rules.map((rule) => rule.Name)).toEqual([
      'per-ip-intake',
      'per-ip-uploads',
      'per-ip-lookup',
      'per-ip-publicTotal',
    ]);
    for (const rule of rules) {
      expect(rule.Action).toEqual({
        Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'rate-limited' } },
      });
      expect(rule.Statement['RateBasedStatement']).toMatchObject({
        AggregateKeyType: 'IP',
        EvaluationWindowSec: RATE_WINDOW_SECONDS,
      });
    }
    expect(rules.find((r) => r.Name === 'per-ip-intake')?.Statement['RateBasedStatement']).toMatchObject({
      Limit: DEFAULT_EDGE_RATE_LIMITS.intake,
    });
    edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      CustomResponseBodies: {
        'rate-limited': Match.objectLike({
          ContentType: 'APPLICATION_JSON',
          Content: Match.stringLikeRegexp('try again in a few minutes.*请几分钟后再试'),
        }),
      },
    });
  });

  it('scopes each rate rule to the routes it names, and no staff route', () => {
    const hit = (key: keyof typeof RATE_RULE_SCOPES, method: string, path: string) =>
      matches(RATE_RULE_SCOPES[key], method, path);
    expect(hit('intake', 'POST', '/claims')).toBe(true);
    expect(hit('intake', 'POST', '/claims/')).toBe(true);
    expect(hit('intake', 'GET', '/claims')).toBe(false);
    expect(hit('intake', 'POST', '/staff/claims')).toBe(false);
    expect(hit('uploads', 'POST', '/claims/uploads')).toBe(true);
    expect(hit('uploads', 'POST', '/claims/C-2026-000123/uploads')).toBe(true);
    expect(hit('uploads', 'POST', '/claims/C-2026-000123/material')).toBe(false);
    expect(hit('lookup', 'GET', '/claims/C-2026-000123')).toBe(true);
    expect(hit('lookup', 'GET', '/staff/claims/C-2026-000123')).toBe(false);
    for (const route of PUBLIC_ROUTES) {
      const path = route.path.replace('{number}', 'C-2026-000123');
      expect(hit('publicTotal', route.method, path), `${route.method} ${route.path}`).toBe(true);
    }
    expect(hit('publicTotal', 'GET', '/staff/claims')).toBe(false);
  });

  it('runs the AWS common rule set after the rate rules, counting (not blocking) large bodies', () => {
    const common = acl().Rules.find((rule) => rule.Name === 'aws-common');
    expect(common?.Priority).toBe(4);
    expect(common?.Statement['ManagedRuleGroupStatement']).toEqual({
      VendorName: 'AWS',
      Name: 'AWSManagedRulesCommonRuleSet',
      RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
    });
  });
});

describe('the API distribution (service stack)', () => {
  it('carries the web ACL and passes every request through uncached, Host aside', () => {
    serviceTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: Match.anyValue(),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'https-only',
          AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
          // Managed CachingDisabled and AllViewerExceptHostHeader.
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
        }),
        Origins: [
          Match.objectLike({
            DomainName: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
            CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }),
          }),
        ],
        Logging: Match.objectLike({ Prefix: 'cloudfront-api/' }),
      }),
    });
  });

  it('is the address the outputs name as ApiUrl, and the HTTP API stays as ApiGatewayUrl', () => {
    const distribution = logicalIdOf(claims.service.apiEdge.distribution);
    expect(serviceTemplate.findOutputs('ApiUrl')['ApiUrl']?.Value).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]],
    });
    expect(JSON.stringify(serviceTemplate.findOutputs('ApiGatewayUrl'))).toContain('execute-api');
  });

  it('leaves no unacknowledged cdk-nag finding in either stack', () => {
    expect(nagFindings(claims.edge)).toEqual([]);
    expect(nagFindings(claims.service.apiEdge)).toEqual([]);
  });
});
