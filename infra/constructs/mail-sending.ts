/**
 * Outgoing mail: the domain identity (Easy DKIM) and a configuration set that every send names,
 * so reputation metrics and the account suppression list apply to all notifications.
 * The DKIM CNAMEs to publish are stack outputs; SES stays in the sandbox until production access is granted.
 * An identity that already exists for the domain (`existingIdentity`) is used as it is: creating a
 * second one fails the deployment, and its DKIM records are already published.
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  type IEmailIdentity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailSendingProps {
  readonly domain: string;
  /** The From address of every notification: a claims address, so a reply reaches a receipt rule. */
  readonly fromAddress: string;
  /** Use the domain's existing SES identity instead of creating one. */
  readonly existingIdentity?: boolean;
}

export class MailSending extends Construct {
  readonly domain: string;
  readonly fromAddress: string;
  readonly identity: IEmailIdentity;
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);
    if (!props.fromAddress.endsWith(`@${props.domain}`)) {
      throw new Error(`${this.node.path}: ${props.fromAddress} is not an address of ${props.domain}`);
    }
    this.domain = props.domain;
    this.fromAddress = props.fromAddress;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      // Claim mail carries personal data: never hand it to a receiving server in clear text.
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    if (props.existingIdentity) {
      this.identity = EmailIdentity.fromEmailIdentityName(this, 'Identity', props.domain);
      return;
    }
    const identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(props.domain),
      configurationSet: this.configurationSet,
    });
    this.identity = identity;
    // Stack-level ids, so the output names do not carry this construct's path hash.
    identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(Stack.of(this), `DkimRecord${index + 1}`, {
        description: `CNAME to publish for DKIM (${index + 1} of ${identity.dkimRecords.length})`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }

  get identityArn(): string {
    return this.identity.emailIdentityArn;
  }

  get configurationSetName(): string {
    return this.configurationSet.configurationSetName;
  }

  get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }
}
