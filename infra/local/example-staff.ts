import { STAFF_ROLES } from '../../shared/domain/lifecycle.js';
import type { PolicySettings } from '../../shared/domain/settings.js';
import { parsePolicySettings } from '../../shared/runtime/config.js';

/** Where the example staff's mail goes locally: the outbox page shows it; nothing leaves the machine. */
export const EXAMPLE_STAFF_DOMAIN = 'staff.claims.localhost';

/**
 * Until the staff directory exists (issue 15), `npm start` gives every unit and role an example address,
 * and every local sign-in (`local-<role>-<unit>`) its own, so that each internal notice (approval needed,
 * warnings, breaches, the move to HQ, the nightly report) reaches someone's outbox. Addresses an operator
 * set in POLICY_SETTINGS are kept; the example ones only fill the gaps.
 */
export function withExampleStaff(settings: PolicySettings): PolicySettings {
  const units = settings.units.map((u) => u.id);
  const address = (role: string, unit: string) => `${role}.${unit.toLowerCase()}@${EXAMPLE_STAFF_DOMAIN}`;
  const recipients: Record<string, string[]> = {};
  const addresses: Record<string, string> = {};
  for (const unit of units)
    for (const role of STAFF_ROLES) {
      recipients[`${unit}:${role}`] = [address(role, unit)];
      addresses[`local-${role}-${unit}`.toLowerCase()] = address(role, unit);
    }
  return {
    ...settings,
    mail: {
      ...settings.mail,
      staffRecipients: { ...recipients, ...settings.mail.staffRecipients },
      staffAddresses: { ...addresses, ...settings.mail.staffAddresses },
    },
  };
}

/** POLICY_SETTINGS for `npm start`: the operator's own (if any), with the example staff filling the gaps. */
export function localPolicySettings(json: string | undefined): string {
  return JSON.stringify(withExampleStaff(parsePolicySettings(json)));
}
