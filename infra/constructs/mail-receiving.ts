/**
 * Incoming claim mail: a receipt rule set whose one rule accepts the claims addresses, has SES scan
 * for spam and viruses (the verdicts travel with the notification and as X-SES-* headers), stores the
 * raw message in S3 and then notifies a topic the email-in queue subscribes to. SES has no SQS action,
 * so "S3 then queue" is the S3 action's own notification. Bucket and topic policies that let SES
 * write live in the data stack with the resources they protect.
 *
 * Only one rule set per region can be active and CloudFormation cannot activate one: after the first
 * deploy run `aws ses set-active-receipt-rule-set --rule-set-name <output>`.
 */
import { CfnOutput } from 'aws-cdk-lib';
import {
  ReceiptRuleSet,
  TlsPolicy,
  type IReceiptRuleAction,
  type ReceiptRuleActionConfig,
} from 'aws-cdk-lib/aws-ses';
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

export interface MailReceivingProps {
  /** Addresses (or domains) accepted as claims. */
  readonly recipients: readonly string[];
  readonly rawMailBucket: IBucket;
  /** Key prefix SES may write under; the bucket policy grants exactly this prefix. */
  readonly objectKeyPrefix: string;
  readonly notificationTopic: ITopic;
}

export class MailReceiving extends Construct {
  readonly ruleSet: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: MailReceivingProps) {
    super(scope, id);
    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet');
    this.ruleSet.addRule('Claims', {
      recipients: [...props.recipients],
      scanEnabled: true,
      // Customers' mail servers are not ours to choose; a claim must not bounce for lack of STARTTLS.
      tlsPolicy: TlsPolicy.OPTIONAL,
      actions: [new StoreThenNotify(props.rawMailBucket, props.objectKeyPrefix, props.notificationTopic)],
    });
    new CfnOutput(this, 'RuleSetName', {
      description: 'Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this>',
      value: this.ruleSet.receiptRuleSetName,
    });
  }
}
