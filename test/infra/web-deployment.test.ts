/** With a web build present, the service stack uploads it with config.json and still passes cdk-nag. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { nagFindings, rendered, synthClaimsApp } from './support/synth.js';
import { key, logicalIdOf, resources } from './support/template-json.js';

const build = mkdtempSync(join(tmpdir(), 'claims-web-'));
writeFileSync(join(build, 'index.html'), '<!doctype html><title>claims</title>');
const {
  data,
  service,
  serviceTemplate: template,
  dataTemplate,
} = synthClaimsApp({
  webBuildDirectory: build,
  context: { webOrigin: 'https://claims.example.cn' },
});
afterAll(() => rmSync(build, { recursive: true, force: true }));

describe('web deployment', () => {
  it('lets the stage’s own web origin upload evidence too (CORS on the evidence bucket)', () => {
    dataTemplate.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({ AllowedOrigins: ['https://*.cloudfront.net', 'https://claims.example.cn'] }),
        ],
      },
    });
  });

  it('uploads the build and a config.json naming the API, the user pool and its sign-in client, then invalidates the cache', () => {
    const deployments = template.findResources('Custom::CDKBucketDeployment');
    expect(Object.keys(deployments)).toHaveLength(1);
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: logicalIdOf(service.web.bucket) },
      DistributionId: { Ref: logicalIdOf(service.web.distribution) },
      DistributionPaths: ['/*'],
    });
    // config.json is an asset written at synth; its deploy-time values travel as markers.
    const [deployment] = resources(template, 'Custom::CDKBucketDeployment');
    const markers = key(deployment?.properties.SourceMarkers);
    for (const value of [
      // The API's address is its CloudFront distribution (with the WAF web ACL), not the HTTP API.
      { 'Fn::GetAtt': [logicalIdOf(service.apiEdge.distribution), 'DomainName'] },
      rendered(service, data.staff.userPool.userPoolId),
      { Ref: logicalIdOf(service.staffSignIn.client) },
      // The sign-in endpoints are built from the domain's name.
      { Ref: logicalIdOf(service.staffSignIn.domain) },
    ]) {
      expect(markers.includes(key(value)), key(value)).toBe(true);
    }
  });

  it('allows CORS from the custom web origin as well as the distribution', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: [Match.anyValue(), 'https://claims.example.cn'] }),
    });
  });

  it('leaves nothing unacknowledged by cdk-nag, including the upload handler', () => {
    expect(nagFindings(service)).toEqual([]);
  });
});
