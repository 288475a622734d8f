/**
 * Outgoing mail: the domain identity (Easy DKIM) and a configuration set that every send names,
 * so reputation metrics and the account suppression list apply to all notifications.
 * The DKIM CNAMEs to publish are stack outputs; SES stays in the sandbox until production access is granted.
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailSendingProps {
  readonly domain: string;
}

export class MailSending extends Construct {
  readonly domain: string;
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);
    this.domain = props.domain;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      // Claim mail carries personal data: never hand it to a receiving server in clear text.
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(props.domain),
      configurationSet: this.configurationSet,
    });

    this.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: `CNAME to publish for DKIM (${index + 1} of ${this.identity.dkimRecords.length})`,
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
