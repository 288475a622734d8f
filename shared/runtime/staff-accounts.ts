import { randomUUID } from 'node:crypto';
import { FakeStaffAccounts } from '../adapters/memory/staff-directory.js';
import type { NewAccount, StaffAccounts } from '../ports/staff-accounts.js';
import type { RuntimeConfig } from './config.js';

/**
 * New staff members' sign-in accounts: in the cloud (STAFF_USER_POOL_ID set) the Cognito user pool's,
 * its SDK client loaded on the first creation only, so no other request's cold start pays for it; locally
 * a fake that mints a subject as Cognito would.
 */
export function staffAccountsFor(config: Pick<RuntimeConfig, 'staffUserPoolId' | 'region'>): StaffAccounts {
  const poolId = config.staffUserPoolId;
  if (poolId === undefined) return new FakeStaffAccounts(() => randomUUID());
  let cognito: Promise<StaffAccounts> | undefined;
  return {
    provision(person: NewAccount) {
      cognito ??= Promise.all([
        import('@aws-sdk/client-cognito-identity-provider'),
        import('../adapters/cognito/staff-accounts.js'),
      ]).then(
        ([sdk, adapter]) =>
          new adapter.CognitoStaffAccounts(
            new sdk.CognitoIdentityProviderClient(config.region ? { region: config.region } : {}),
            poolId,
          ),
      );
      return cognito.then((accounts) => accounts.provision(person));
    },
  };
}
