/**
 * The API's public address: a CloudFront distribution in front of the HTTP API, carrying the WAF web ACL
 * (edge-firewall.ts) that an HTTP API cannot take itself. Nothing is cached: every request goes to the API
 * with all viewer headers but Host (API Gateway routes by its own host name), the Authorization header and
 * the query string included, and `cache-control: no-store` answers stay uncached anyway.
 *
 * CloudFront adds `X-Origin-Verify` (the origin secret's value, resolved by CloudFormation at deploy) to every
 * request it passes on, replacing any a viewer sent; the API function refuses requests without it
 * (shared/runtime/http/origin-verify.ts), so the execute-api address answers nothing but 403 and every
 * request goes through the WAF (docs/security.md, "The execute-api address").
 */
import { Aws, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { ORIGIN_VERIFY_HEADER } from '../../shared/runtime/http/origin-verify.js';
import { Construct } from 'constructs';
import type { AccessLogBucket } from './secure-bucket.js';

export interface ApiEdgeProps {
  readonly api: HttpApi;
  /** ARN of a CLOUDFRONT-scope web ACL (us-east-1). */
  readonly webAclArn: string;
  readonly logBucket: AccessLogBucket;
  /** The value CloudFront sends as X-Origin-Verify; the API function reads the same secret. */
  readonly originSecret: ISecret;
}

export class ApiEdge extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ApiEdgeProps) {
    super(scope, id);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Claims desk API: WAF rate limits and managed rules in front of the HTTP API',
      defaultBehavior: {
        origin: new HttpOrigin(`${props.api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          // A dynamic reference ({{resolve:secretsmanager:…}}): the value is not in the template.
          customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        compress: true,
      },
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront-api/',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Customers file claims from anywhere (travel, cross-border purchases); no geography is excluded.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain yet, so the default *.cloudfront.net certificate is used and its TLS floor cannot be set. ' +
          'With a custom domain, add its ACM certificate and minimumProtocolVersion TLSv1.2_2021.',
      },
    );
  }

  /** The API's base URL for the pages and API clients (no trailing slash). */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
