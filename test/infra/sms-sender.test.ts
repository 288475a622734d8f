import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { synthClaimsApp } from './support/synth.js';
import { grantsOfRole, key, logicalIdOf, resource } from './support/template-json.js';

const POOL = 'arn:aws:sms-voice:eu-west-1:123456789012:pool/pool-0123456789abcdef';

describe('notify function SMS (End User Messaging)', () => {
  const withSms = synthClaimsApp({
    context: { smsOriginationIdentity: POOL, smsConfigurationSet: 'claims-sms' },
  });
  const fnId = logicalIdOf(withSms.service.notifyFunction.function);
  const roleId = logicalIdOf(withSms.service.notifyFunction.role);

  it('may send texts only from the configured identity, with opt-out lists and its configuration set', () => {
    const grants = grantsOfRole(withSms.serviceTemplate, roleId).filter((g) =>
      g.action.startsWith('sms-voice:'),
    );
    expect(new Set(grants.map((g) => g.action))).toEqual(new Set(['sms-voice:SendTextMessage']));
    const resources = grants.map((g) => key(g.resource));
    expect(resources).toHaveLength(3);
    expect(resources).toContain(key(POOL));
    expect(resources.some((r) => r.includes(':opt-out-list/*'))).toBe(true);
    expect(resources.some((r) => r.includes(':configuration-set/claims-sms'))).toBe(true);
    expect(grants.every((g) => g.resource !== '*')).toBe(true);
  });

  it('is told the origination identity and configuration set', () => {
    const env = z
      .object({ Variables: z.record(z.string(), z.unknown()) })
      .parse(resource(withSms.serviceTemplate, fnId).properties.Environment).Variables;
    expect(env).toMatchObject({ SMS_ORIGINATION_IDENTITY: POOL, SMS_CONFIGURATION_SET: 'claims-sms' });
  });

  it('gets no SMS permission without an origination identity', () => {
    const plain = synthClaimsApp();
    const grants = grantsOfRole(plain.serviceTemplate, logicalIdOf(plain.service.notifyFunction.role));
    expect(grants.filter((g) => g.action.startsWith('sms-voice:'))).toEqual([]);
  });

  it('refuses an origination identity that is not an End User Messaging ARN', () => {
    expect(() => synthClaimsApp({ context: { smsOriginationIdentity: '+8613800138000' } })).toThrow(
      /smsOriginationIdentity/,
    );
  });
});
