import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  UsernameExistsException,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { NewAccount, StaffAccounts } from '../../ports/staff-accounts.js';

/**
 * Staff accounts in the Cognito user pool (issue 15). The pool signs in by email (its usernames are
 * email addresses), so the email names the account; its `sub` is the directory id.
 * 1. AdminCreateUser with email (verified), name, `custom:unit` and `custom:approval_limit`; Cognito mails
 *    the temporary password. An account with this email already there is looked up instead (AdminGetUser),
 *    so a retried or repeated creation links the same person.
 * 2. AdminAddUserToGroup for each role (groups are the roles; adding twice is harmless).
 */
export class CognitoStaffAccounts implements StaffAccounts {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async provision(person: NewAccount): Promise<string> {
    const username = person.email.toLowerCase();
    const sub = await this.create(username, person).catch(async (error: unknown) => {
      if (!(error instanceof UsernameExistsException)) throw error;
      const user = await this.client.send(
        new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }),
      );
      return subOf(user.UserAttributes);
    });
    for (const role of person.roles)
      await this.client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: role }),
      );
    return sub;
  }

  private async create(username: string, person: NewAccount): Promise<string> {
    const created = await this.client.send(
      new AdminCreateUserCommand({
        UserPoolId: this.userPoolId,
        Username: username,
        DesiredDeliveryMediums: ['EMAIL'],
        UserAttributes: [
          { Name: 'email', Value: username },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: person.name },
          { Name: 'custom:unit', Value: person.unitId },
          { Name: 'custom:approval_limit', Value: String(person.approvalLimitFen ?? 0) },
        ],
      }),
    );
    return subOf(created.User?.Attributes);
  }
}

function subOf(attributes: readonly AttributeType[] | undefined): string {
  const sub = attributes?.find((a) => a.Name === 'sub')?.Value;
  if (sub === undefined) throw new Error('Cognito returned an account without a sub');
  return sub;
}
