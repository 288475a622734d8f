/**
 * Incoming claim mail: a receipt rule set whose one rule accepts the claims addresses, has SES scan
 * for spam and viruses (the verdicts travel with the notification and as X-SES-* headers), stores the
 * raw message in S3 and then notifies a topic the email-in queue subscribes to. SES has no SQS action,
 * so "S3 then queue" is the S3 action's own notification. Bucket and topic policies that let SES
 * write live in the data stack with the resources they protect.
 *
 * Only one rule set per region can be active and CloudFormation has no resource for it. With a set of
 * its own, the stack activates it through a custom resource that depends on the set, so CloudFormation
 * deactivates it first on delete: an active set cannot be deleted, and `cdk destroy` would fail on it.
 * With `existingRuleSetName` the rule joins that set (say, the one another stage in the region made
 * active) and activation stays with whoever owns it.
 */
import { CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  ReceiptRule,
  ReceiptRuleSet,
  TlsPolicy,
  type IReceiptRuleAction,
  type IReceiptRuleSet,
  type ReceiptRuleActionConfig,
} from 'aws-cdk-lib/aws-ses';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * The S3 action with its notification topic. The stock `aws-ses-actions` S3 action also edits the
 * bucket policy, which would reach from this stateless stack into the data stack's bucket.
 */
class StoreThenNotify implements IReceiptRuleAction {
  constructor(
    private readonly bucket: IBucket,
    private readonly objectKeyPrefix: string,
    private readonly topic: ITopic,
  ) {}

  bind(): ReceiptRuleActionConfig {
    return {
      s3Action: {
        bucketName: this.bucket.bucketName,
        objectKeyPrefix: this.objectKeyPrefix,
        topicArn: this.topic.topicArn,
      },
    };
  }
}

/** The id aws-cdk-lib gives the singleton function behind every AwsCustomResource in a stack. */
const AWS_CUSTOM_RESOURCE_HANDLER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

export interface MailReceivingProps {
  /** Addresses (or domains) accepted as claims. */
  readonly recipients: readonly string[];
  readonly rawMailBucket: IBucket;
  /** Key prefix SES may write under; the bucket policy grants exactly this prefix. */
  readonly objectKeyPrefix: string;
  readonly notificationTopic: ITopic;
  /** Add the rule to this existing rule set instead of creating (and activating) one. */
  readonly existingRuleSetName?: string;
}

export class MailReceiving extends Construct {
  readonly ruleSet: IReceiptRuleSet;
  readonly rule: ReceiptRule;
  /** Activates the stack's own rule set on create, deactivates it on delete; absent with an existing set. */
  readonly activation: AwsCustomResource | undefined;

  constructor(scope: Construct, id: string, props: MailReceivingProps) {
    super(scope, id);
    const ownSet = props.existingRuleSetName ? undefined : new ReceiptRuleSet(this, 'RuleSet');
    this.ruleSet =
      ownSet ?? ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', props.existingRuleSetName ?? '');
    this.rule = new ReceiptRule(this, 'Claims', {
      ruleSet: this.ruleSet,
      recipients: [...props.recipients],
      scanEnabled: true,
      // Customers' mail servers are not ours to choose; a claim must not bounce for lack of STARTTLS.
      tlsPolicy: TlsPolicy.OPTIONAL,
      actions: [new StoreThenNotify(props.rawMailBucket, props.objectKeyPrefix, props.notificationTopic)],
    });
    this.activation = ownSet ? this.activate(ownSet) : undefined;
    new CfnOutput(Stack.of(this), 'MailReceivingRuleSetName', {
      description: ownSet
        ? 'The receipt rule set this stack created and activated'
        : 'The existing receipt rule set the claims rule was added to',
      value: this.ruleSet.receiptRuleSetName,
    });
  }

  /** SetActiveReceiptRuleSet with the set's name on create; without a name (none active) on delete. */
  private activate(ruleSet: ReceiptRuleSet): AwsCustomResource {
    const call = (parameters?: Record<string, string>) => ({
      service: 'SES',
      action: 'setActiveReceiptRuleSet',
      parameters,
      physicalResourceId: PhysicalResourceId.of(`active-receipt-rule-set`),
    });
    // Our own role and log group, as for the web upload: the default role carries the AWS managed
    // AWSLambdaBasicExecutionRole (logs on *).
    const logGroup = new LogGroup(this, 'ActivationLogs', { retention: RetentionDays.ONE_MONTH });
    const role = new Role(this, 'ActivationRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Activates and deactivates the receipt rule set of ${this.node.path}`,
    });
    logGroup.grantWrite(role);
    const activation = new AwsCustomResource(this, 'Activation', {
      onCreate: call({ RuleSetName: ruleSet.receiptRuleSetName }),
      onUpdate: call({ RuleSetName: ruleSet.receiptRuleSetName }),
      onDelete: call(),
      installLatestAwsSdk: false,
      role,
      logGroup,
      memorySize: 256,
      policy: AwsCustomResourcePolicy.fromStatements([
        // SES has no resource-level permission for this action.
        new PolicyStatement({ actions: ['ses:SetActiveReceiptRuleSet'], resources: ['*'] }),
      ]),
    });
    // Created after the set and its rule, so deleted (deactivating the set) before either.
    activation.node.addDependency(ruleSet, this.rule);
    Validations.of(activation).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ses:SetActiveReceiptRuleSet has no resource-level permissions; it is the only action granted.',
    });
    const handler = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_HANDLER_ID);
    if (!handler) throw new Error(`${this.node.path}: AwsCustomResource handler not found`);
    const deployTime =
      'aws-cdk-lib AwsCustomResource handler, run by CloudFormation at deploy and delete only';
    Validations.of(handler).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason: `${deployTime}: invoked synchronously; a failure fails the deployment.`,
      },
      { id: 'Serverless-LambdaTracing', reason: `${deployTime}; tracing is not configurable.` },
    );
    return activation;
  }
}
