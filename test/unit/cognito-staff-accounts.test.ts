import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CognitoStaffAccounts } from '../../shared/adapters/cognito/staff-accounts.js';

const cognito = mockClient(CognitoIdentityProviderClient);
const person = {
  email: 'Li.Na@example.cn',
  name: '李娜',
  roles: ['agent', 'manager'],
  unitId: 'EAST-SH01',
  approvalLimitFen: 50_000,
};

/** Creating a staff member's Cognito account (issue 15): the user, its attributes, its groups. */
describe('Cognito staff accounts', () => {
  beforeEach(() => cognito.reset());
  const accounts = () =>
    new CognitoStaffAccounts(new CognitoIdentityProviderClient({ region: 'ap-east-1' }), 'pool-1');

  it('creates the user with email, name, unit and limit, adds each role group, and returns the sub', async () => {
    // Prepare
    cognito
      .on(AdminCreateUserCommand)
      .resolves({ User: { Attributes: [{ Name: 'sub', Value: 'sub-123' }] } });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    // Act
    const sub = await accounts().provision(person);
    // Assess
    expect(sub).toBe('sub-123');
    const input = cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ UserPoolId: 'pool-1', Username: 'li.na@example.cn' });
    expect(input?.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'email', Value: 'li.na@example.cn' },
        { Name: 'name', Value: '李娜' },
        { Name: 'custom:unit', Value: 'EAST-SH01' },
        { Name: 'custom:approval_limit', Value: '50000' },
      ]),
    );
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input.GroupName)).toEqual([
      'agent',
      'manager',
    ]);
  });

  it('links an account that already exists with this email instead of failing', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'User account already exists', $metadata: {} }));
    cognito
      .on(AdminGetUserCommand)
      .resolves({ Username: 'x', UserAttributes: [{ Name: 'sub', Value: 'sub-old' }] });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    expect(await accounts().provision(person)).toBe('sub-old');
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(2);
  });
});
