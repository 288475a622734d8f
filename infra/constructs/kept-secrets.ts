/**
 * Secrets whose value must outlive the service stack, kept in the data stack: the key of the per-claim reply
 * addresses (every reply address already in a customer's mailbox is an HMAC under it) and the payment
 * provider's webhook token (an operator puts it once). In the service stack a recreate made new ones: a new
 * key, so old reply addresses no longer verified, and a webhook secret without the provider's token.
 *
 * Each has a stable name, `claims-desk/<stage>/<purpose>`, so operators can name it in commands, and is
 * retained when its stack goes away. Where one already exists (kept from an earlier data stack, or the
 * service stack's from before this construct), `-c replyAddressSecret=<name or ARN>` /
 * `-c paymentWebhookSecret=<name or ARN>` imports it instead of creating one (docs/upgrade.md).
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret, type ISecret, type SecretStringGenerator } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface KeptSecretSpec {
  /** The last part of the name: `claims-desk/<stage>/<purpose>`. */
  readonly purpose: string;
  readonly description: string;
  /** How a new secret's value is generated (without: a random placeholder the operator replaces). */
  readonly generate?: SecretStringGenerator;
  /** An existing secret to use instead: its name or full ARN. */
  readonly existing?: string | undefined;
  /** Why the secret is not rotated by Secrets Manager (cdk-nag AwsSolutions-SMG4). */
  readonly noRotationReason: string;
}

/** The stable name of a stage's kept secret. */
export function keptSecretName(stage: string, purpose: string): string {
  return `claims-desk/${stage}/${purpose}`;
}

export class KeptSecret extends Construct {
  readonly secret: ISecret;
  /** The secret this construct made (undefined when it imports an existing one). */
  readonly created: Secret | undefined;

  constructor(scope: Construct, id: string, stage: string, spec: KeptSecretSpec) {
    super(scope, id);
    if (spec.existing !== undefined) {
      this.created = undefined;
      this.secret = spec.existing.startsWith('arn:')
        ? Secret.fromSecretCompleteArn(this, 'Existing', spec.existing)
        : Secret.fromSecretNameV2(this, 'Existing', spec.existing);
      return;
    }
    this.created = new Secret(this, 'Secret', {
      secretName: keptSecretName(stage, spec.purpose),
      description: spec.description,
      ...(spec.generate ? { generateSecretString: spec.generate } : {}),
      // Deleting the stack keeps it; a later stack imports it by name.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.created).acknowledge({ id: 'AwsSolutions-SMG4', reason: spec.noRotationReason });
    this.secret = this.created;
  }
}
