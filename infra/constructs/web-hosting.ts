/**
 * Static hosting for web/: a private bucket behind CloudFront with origin access control (the bucket
 * itself is never public). When a build exists it is uploaded together with `config.json`, which
 * tells the pages where the API and the staff user pool are; the bucket and distribution exist
 * either way, so their URL is stable before the first web build.
 */
import { DefaultStackSynthesizer, Duration, Lazy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { SecureBucket, type AccessLogBucket } from './secure-bucket.js';
import { contentSecurityPolicy, PAGE_HEADERS } from './page-headers.js';

export interface WebHostingProps {
  /** Receives the bucket's server access logs and CloudFront's standard logs. */
  readonly logBucket: AccessLogBucket;
}

/** What the pages read from /config.json at start-up. */
export interface WebRuntimeConfig {
  readonly apiUrl: string;
  readonly region: string;
  readonly userPoolId: string;
  /** The staff console's app client. */
  readonly userPoolClientId: string;
  /** OAuth 2.0 endpoints the console signs in with (authorization code with PKCE). */
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly logoutUrl: string;
}

export class WebHosting extends Construct {
  readonly bucket: SecureBucket;
  readonly distribution: Distribution;
  readonly headers: ResponseHeadersPolicy;
  private deployment: BucketDeployment | undefined;
  private connectSources: readonly string[] | undefined;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    this.bucket = new SecureBucket(this, 'Bucket', {
      accessLogs: props.logBucket,
      accessLogsPrefix: 'web-bucket/',
      lifecycleRules: [{ id: 'expire-old-builds', noncurrentVersionExpiration: Duration.days(30) }],
    });

    // A strict CSP (the origins the pages call are set with allowConnections, once they exist) and the
    // usual hardening headers; no-referrer keeps a tracking link's address out of other sites' logs.
    this.headers = new ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'Claims desk pages: strict CSP and security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: Lazy.string({
            produce: () => {
              if (!this.connectSources) throw new Error(`${this.node.path}: allowConnections was not called`);
              return contentSecurityPolicy({ connectSources: this.connectSources });
            },
          }),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(63_072_000),
          includeSubdomains: true,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: (['permissions-policy', 'cross-origin-opener-policy'] as const).map((header) => ({
          header,
          value: PAGE_HEADERS[header],
          override: true,
        })),
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Claims desk web: claim form, tracking page, staff console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Customers file claims from anywhere (travel, cross-border purchases); no geography is excluded.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves cached static files only; every write goes to the API through its own ' +
          'distribution, which carries the WAF web ACL (api-edge.ts). Add the ACL here too if bot traffic ' +
          'shows up in these access logs.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain yet, so the default *.cloudfront.net certificate is used and its TLS floor cannot be set. ' +
          'With a custom domain, add its ACM certificate and minimumProtocolVersion TLSv1.2_2021.',
      },
    );
  }

  /** The origins the pages may fetch from besides their own (the CSP's connect-src). Call once. */
  allowConnections(sources: readonly string[]): void {
    if (this.connectSources) throw new Error(`${this.node.path}: connections are already set`);
    this.connectSources = sources;
  }

  /** The browser origin of the distribution, for CORS. */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /** Uploads a built site plus its config.json and invalidates the cache. Call at most once. */
  deploy(buildDirectory: string, config: WebRuntimeConfig): BucketDeployment {
    if (this.deployment) throw new Error(`${this.node.path} is already deployed`);
    // Our own role and log group for CDK's upload handler: the default role carries the AWS managed
    // AWSLambdaBasicExecutionRole (logs on *); this one writes to its own log group only.
    const logGroup = new LogGroup(this, 'DeploymentLogs', { retention: RetentionDays.ONE_MONTH });
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Uploads the web build for ${this.node.path}`,
    });
    logGroup.grantWrite(role);

    this.deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(buildDirectory), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      role,
      logGroup,
    });
    this.acknowledgeDeploymentHandler(role);
    return this.deployment;
  }

  /**
   * The upload handler is aws-cdk-lib's own code and runs only while CloudFormation deploys; its
   * grants are made by CDK. Each finding is acknowledged by its exact id so anything new still fails.
   */
  private acknowledgeDeploymentHandler(role: Role): void {
    const stack = Stack.of(this);
    const grants = 'Grants made by aws-cdk-lib BucketDeployment for its deploy-time upload handler';
    // cdk-nag names pseudo parameters as <AWS::…>; a stack pinned to a region renders region and partition.
    const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const assetBucket = `cdk-${assetQualifier(stack)}-assets-${shown(stack.account, 'AccountId')}-${shown(stack.region, 'Region')}`;
    Validations.of(role).acknowledge(
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${grants}: read the CDK asset bucket, sync (put/delete) the web bucket.`,
      })),
      {
        id: `AwsSolutions-IAM5[Resource::arn:${shown(stack.partition, 'Partition')}:s3:::${assetBucket}/*]`,
        reason: `${grants}: the build is read from the CDK bootstrap asset bucket.`,
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${this.bucket.cfnLogicalId}.Arn>/*]`,
        reason: `${grants}: the sync writes and prunes objects in the web bucket only.`,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `${grants}: cloudfront:CreateInvalidation/GetInvalidation, granted by CDK on * for the invalidation after upload.`,
      },
    );

    const handler = stack.node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!handler) throw new Error(`${this.node.path}: BucketDeployment handler not found`);
    const runtime =
      'aws-cdk-lib pins the runtime of its BucketDeployment handler (Python with the AWS CLI layer).';
    Validations.of(handler).acknowledge(
      { id: 'AwsSolutions-L1', reason: runtime },
      { id: 'Serverless-LambdaLatestVersion', reason: runtime },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Invoked synchronously by CloudFormation as a custom resource; a failure fails the deployment.',
      },
      {
        id: 'Serverless-LambdaTracing',
        reason: 'CDK-owned deploy-time handler; tracing is not configurable.',
      },
    );
  }
}

/** The bootstrap qualifier in the asset bucket's name (default `hnb659fds`). */
function assetQualifier(stack: Stack): string {
  const synthesizer = stack.synthesizer;
  if (synthesizer instanceof DefaultStackSynthesizer) {
    return synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  }
  throw new Error('web deployment acknowledgments assume the DefaultStackSynthesizer');
}
