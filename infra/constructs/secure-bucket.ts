/**
 * S3 buckets with the house defaults: encrypted, public access blocked, TLS-only, versioned,
 * retained, server access logs on, and object access granted through one managed policy per
 * (access, prefix) so a function never gets more of a bucket than it asked for.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Effect, ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  CfnBucket,
  ObjectOwnership,
  type CorsRule,
  type IBucket,
  type LifecycleRule,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export type ObjectAccess = 'read' | 'write' | 'readWrite';

const OBJECT_ACTIONS: Record<ObjectAccess, string[]> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject'],
  readWrite: ['s3:GetObject', 's3:PutObject'],
};

/** Multipart uploads that never finish still cost storage; every bucket drops them. */
const ABORT_INCOMPLETE_UPLOADS: LifecycleRule = {
  id: 'abort-incomplete-uploads',
  abortIncompleteMultipartUploadAfter: Duration.days(7),
};

export interface SecureBucketProps {
  /** Where server access logs go (omit only for a log bucket itself, see `AccessLogBucket`). */
  readonly accessLogs: IBucket;
  /** Key prefix for this bucket's access logs in the log bucket. */
  readonly accessLogsPrefix: string;
  readonly lifecycleRules?: LifecycleRule[];
  /** Default RETAIN: the data buckets outlive any stack update or deletion. */
  readonly removalPolicy?: RemovalPolicy;
  /** Browser access with presigned URLs (the evidence bucket); none by default. */
  readonly cors?: CorsRule[];
}

export class SecureBucket extends Bucket {
  private readonly objectPolicies = new Map<string, ManagedPolicy>();

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id, {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: props.accessLogsPrefix,
      lifecycleRules: [ABORT_INCOMPLETE_UPLOADS, ...(props.lifecycleRules ?? [])],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      ...(props.cors ? { cors: props.cors } : {}),
    });
  }

  /**
   * A managed policy (in this bucket's stack) allowing `access` to the objects under `prefix`.
   * Object keys are made at run time (claim numbers, message ids), so the resource has to end in `*`:
   * S3 has no other way to name "objects under this prefix". The cdk-nag finding is acknowledged here,
   * for exactly that resource, so a wider grant elsewhere still fails the check.
   */
  objectAccessPolicy(access: ObjectAccess, prefix = ''): ManagedPolicy {
    if (prefix !== '' && !/^[a-z0-9-]+\/$/.test(prefix)) {
      throw new Error(`object prefix must look like "inbound/", got "${prefix}"`);
    }
    const key = `${access}:${prefix}`;
    const existing = this.objectPolicies.get(key);
    if (existing) return existing;

    const policy = new ManagedPolicy(this, `ObjectAccess-${access}-${prefix.replace('/', '') || 'all'}`, {
      description: `${access} objects under "${prefix}" in one bucket`,
      statements: [
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: OBJECT_ACTIONS[access],
          resources: [this.arnForObjects(`${prefix}*`)],
        }),
      ],
    });
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.cfnLogicalId}.Arn>/${prefix}*]`,
      reason:
        'S3 object ARNs for keys made at run time can only be named with a trailing wildcard; scoped to one bucket and prefix.',
    });
    this.objectPolicies.set(key, policy);
    return policy;
  }

  /**
   * s3:ListBucket on this bucket, for a reader that asks for keys that may not exist yet (the latest
   * report before the first night): without it S3 answers a missing key with 403, not 404 (NoSuchKey).
   * Bucket-level, so it names only this bucket; it shows key names, never contents.
   */
  listPolicy(): ManagedPolicy {
    const existing = this.objectPolicies.get('list');
    if (existing) return existing;
    const policy = new ManagedPolicy(this, 'ListObjects', {
      description: 'list the keys of one bucket (so a missing key reads as 404)',
      statements: [
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['s3:ListBucket'],
          resources: [this.bucketArn],
        }),
      ],
    });
    this.objectPolicies.set('list', policy);
    return policy;
  }

  /** The bucket's CloudFormation logical id, as cdk-nag prints it in findings. */
  get cfnLogicalId(): string {
    const cfn = this.node.defaultChild;
    if (!(cfn instanceof CfnBucket)) throw new Error(`${this.node.path} has no CfnBucket`);
    const resolved: unknown = Stack.of(this).resolve(Stack.of(this).getLogicalId(cfn));
    if (typeof resolved !== 'string') throw new Error(`${this.node.path}: logical id did not resolve`);
    return resolved;
  }
}

export interface AccessLogBucketProps {
  /**
   * CloudFront standard logs are written with ACLs, so a bucket that receives them must allow
   * object-writer ACLs; S3 server access logs need only the bucket policy CDK adds.
   */
  readonly acceptsCloudFrontLogs?: boolean;
  readonly expireAfter?: Duration;
}

/** Destination of server access logs (and optionally CloudFront logs) for one stack's buckets. */
export class AccessLogBucket extends Bucket {
  constructor(scope: Construct, id: string, props: AccessLogBucketProps = {}) {
    super(scope, id, {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: props.acceptsCloudFrontLogs
        ? ObjectOwnership.BUCKET_OWNER_PREFERRED
        : ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [
        ABORT_INCOMPLETE_UPLOADS,
        { id: 'expire-logs', expiration: props.expireAfter ?? Duration.days(365) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket; logging its own access would write logs about logs without end.',
    });
  }
}
