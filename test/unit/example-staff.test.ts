import { describe, expect, it } from 'vitest';
import { localPolicySettings, withExampleStaff } from '../../infra/local/example-staff.js';
import { defaultPolicySettings } from '../../shared/domain/settings.js';
import { recipientsOf } from '../../shared/domain/use-cases/send-notification.js';
import { parsePolicySettings } from '../../shared/runtime/config.js';

/** `npm start` seeds example staff addresses so internal notices reach the outbox (issue 15, until the directory). */
describe('example staff for npm start', () => {
  it('gives every unit and role, and every local sign-in, an address in the outbox', () => {
    const settings = withExampleStaff(defaultPolicySettings());
    expect(recipientsOf(settings, { type: 'unit_role', unitId: 'EAST-SH01', role: 'manager' }, null)).toEqual(
      ['manager.east-sh01@staff.claims.localhost'],
    );
    expect(recipientsOf(settings, { type: 'unit_role', unitId: 'HQ', role: 'legal' }, null)).toEqual([
      'legal.hq@staff.claims.localhost',
    ]);
    expect(recipientsOf(settings, { type: 'staff', staffId: 'local-agent-hq' }, null)).toEqual([
      'agent.hq@staff.claims.localhost',
    ]);
  });

  it('keeps the operator’s own addresses and settings, and round-trips through POLICY_SETTINGS', () => {
    const own = JSON.stringify({
      mail: { staffRecipients: { 'HQ:manager': ['boss@example.com'] } },
      money: { agentMaxFen: 20_000 },
    });
    const settings = parsePolicySettings(localPolicySettings(own));
    expect(settings.money.agentMaxFen).toBe(20_000);
    expect(settings.mail.staffRecipients['HQ:manager']).toEqual(['boss@example.com']);
    expect(settings.mail.staffRecipients['HQ:finance']).toEqual(['finance.hq@staff.claims.localhost']);
    expect(
      parsePolicySettings(localPolicySettings(undefined)).mail.staffRecipients['EAST:executive'],
    ).toEqual(['executive.east@staff.claims.localhost']);
  });
});
