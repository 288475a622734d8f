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
import { grantsOfRole, logicalIdOf, resources } from './support/template-json.js';
import { ORIGIN_VERIFY_HEADER } from '../../shared/runtime/http/origin-verify.js';

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
      'per-ip-findClaim',
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
    expect(hit('findClaim', 'POST', '/lookup/code')).toBe(true);
    expect(hit('findClaim', 'POST', '/lookup/link')).toBe(true);
    expect(hit('findClaim', 'GET', '/lookup/code')).toBe(false);
    expect(hit('findClaim', 'POST', '/claims/C-2026-000123')).toBe(false);
    for (const route of PUBLIC_ROUTES) {
      const path = route.path.replace('{number}', 'C-2026-000123');
      expect(hit('publicTotal', route.method, path), `${route.method} ${route.path}`).toBe(true);
    }
    expect(hit('publicTotal', 'GET', '/staff/claims')).toBe(false);
  });

  it('runs the AWS common rule set after the rate rules, counting (not blocking) large bodies', () => {
    const common = acl().Rules.find((rule) => rule.Name === 'aws-common');
    expect(common?.Priority).toBe(Object.keys(RATE_RULE_SCOPES).length);
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
    expect(nagFindings(claims.service.originVerifySecret)).toEqual([]);
  });
});

describe('the execute-api address (no way around the WAF)', () => {
  const secretId = logicalIdOf(claims.service.originVerifySecret);
  const apiFunction = claims.service.apiFunction;

  it('has CloudFront add X-Origin-Verify with the secret, resolved at deploy (not in the template)', () => {
    const [distribution] = resources(serviceTemplate, 'AWS::CloudFront::Distribution').filter(
      (d) => d.logicalId === logicalIdOf(claims.service.apiEdge.distribution),
    );
    const origins = z
      .object({ Origins: z.array(z.object({ OriginCustomHeaders: z.array(z.unknown()).optional() })) })
      .parse(
        z.object({ DistributionConfig: z.unknown() }).parse(distribution?.properties).DistributionConfig,
      );
    expect(origins.Origins[0]?.OriginCustomHeaders).toEqual([
      {
        HeaderName: ORIGIN_VERIFY_HEADER,
        HeaderValue: {
          'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
        },
      },
    ]);
  });

  it('generates the value in the service stack, which recreates both sides together', () => {
    const secret = resources(serviceTemplate, 'AWS::SecretsManager::Secret').find(
      (r) => r.logicalId === secretId,
    );
    expect(secret?.properties.GenerateSecretString).toMatchObject({
      PasswordLength: 48,
      ExcludePunctuation: true,
    });
  });

  it('names the secret to the API function, which may only read it; no other function may', () => {
    const env = z
      .object({ Variables: z.record(z.string(), z.unknown()) })
      .parse(
        resources(serviceTemplate).find((r) => r.logicalId === logicalIdOf(apiFunction.function))?.properties
          .Environment,
      );
    expect(env.Variables['ORIGIN_VERIFY_SECRET_ARN']).toEqual({ Ref: secretId });
    const onSecret = (roleId: string) =>
      grantsOfRole(serviceTemplate, roleId).filter(
        (g) => JSON.stringify(g.resource) === JSON.stringify({ Ref: secretId }),
      );
    expect(new Set(onSecret(logicalIdOf(apiFunction.role)).map((g) => g.action))).toEqual(
      new Set(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']),
    );
    for (const role of resources(serviceTemplate, 'AWS::IAM::Role')) {
      if (role.logicalId === logicalIdOf(apiFunction.role)) continue;
      expect(onSecret(role.logicalId), role.logicalId).toEqual([]);
    }
  });
});
