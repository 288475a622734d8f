/**
 * Secrets whose value must survive a recreate of the service stack (issue 23): the reply-address key and the
 * payment webhook's token live in the data stack, retained, under stable names, and can be imported instead.
 */
import { describe, expect, it } from 'vitest';
import { keptSecretName } from '../../infra/constructs/kept-secrets.js';
import { nagFindings, rendered, synthClaimsApp } from './support/synth.js';
import { logicalIdOf, resources } from './support/template-json.js';

const claims = synthClaimsApp();
const OLD_REPLY_KEY_ARN =
  'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ClaimsDeskdevServiceReplyAddressSecretA1B2-AbCdEf';

describe('kept secrets', () => {
  it('live in the data stack, retained on delete and on replacement, under claims-desk/<stage>/…', () => {
    const secrets = resources(claims.dataTemplate, 'AWS::SecretsManager::Secret');
    expect(secrets.map((s) => s.properties.Name).sort()).toEqual([
      // The key payee accounts are sealed with (issue 18): a new one would leave them unreadable.
      'claims-desk/dev/customer-data-key',
      'claims-desk/dev/payment-webhook-token',
      'claims-desk/dev/reply-address-key',
    ]);
    for (const secret of secrets) {
      expect(secret.deletionPolicy).toBe('Retain');
      expect(secret.updateReplacePolicy).toBe('Retain');
    }
    expect(keptSecretName('prod', 'reply-address-key')).toBe('claims-desk/prod/reply-address-key');
  });

  it('leave the service stack nothing that a recreate would lose: the origin check and the form challenges', () => {
    const secrets = resources(claims.serviceTemplate, 'AWS::SecretsManager::Secret');
    // A new challenge key only makes open forms solve a new challenge (challenges live 30 minutes).
    expect(secrets.map((s) => s.logicalId).sort()).toEqual(
      [
        logicalIdOf(claims.service.originVerifySecret),
        logicalIdOf(claims.service.formChallengeSecret),
      ].sort(),
    );
  });

  it('are named by the stage', () => {
    const prod = synthClaimsApp({ context: { stage: 'prod' } });
    expect(
      resources(prod.dataTemplate, 'AWS::SecretsManager::Secret')
        .map((s) => s.properties.Name)
        .sort(),
    ).toEqual([
      'claims-desk/prod/customer-data-key',
      'claims-desk/prod/payment-webhook-token',
      'claims-desk/prod/reply-address-key',
    ]);
  });

  it('are imported by ARN or name when the stage says so, creating nothing', () => {
    const imported = synthClaimsApp({
      context: {
        replyAddressSecret: OLD_REPLY_KEY_ARN,
        paymentWebhookSecret: 'claims-desk/dev/payment-webhook-token',
        customerDataSecret: 'claims-desk/dev/customer-data-key',
      },
    });
    expect(resources(imported.dataTemplate, 'AWS::SecretsManager::Secret')).toEqual([]);
    expect(imported.data.replyAddressSecret.created).toBeUndefined();
    // The functions are given the existing secret itself.
    expect(rendered(imported.service, imported.data.replyAddressSecret.secret.secretArn)).toBe(
      OLD_REPLY_KEY_ARN,
    );
    expect(imported.data.paymentWebhookSecret.secret.secretName).toBe(
      'claims-desk/dev/payment-webhook-token',
    );
    expect(() => synthClaimsApp({ context: { replyAddressSecret: 'no spaces allowed' } })).toThrow(
      /replyAddressSecret: a secret name or its full ARN/,
    );
  });

  it('leave no unacknowledged cdk-nag finding', () => {
    expect(nagFindings(claims.data.replyAddressSecret)).toEqual([]);
    expect(nagFindings(claims.data.paymentWebhookSecret)).toEqual([]);
    expect(nagFindings(claims.data.customerDataSecret)).toEqual([]);
  });
});
