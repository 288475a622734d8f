/**
 * Staff accounts: a Cognito user pool whose groups are the roles and whose custom attributes carry
 * the organisation unit and approval limit the API reads from the ID token
 * (`cognito:groups`, `custom:unit`, `custom:approval_limit`). Customers never sign in here.
 *
 * The pool is state (accounts, passwords, MFA devices; custom attributes can never be removed), so it
 * lives in the data stack and is retained; the API's authorizer in the service stack points at it. The
 * console's app client and the sign-in domain are in the service stack (constructs/staff-sign-in.ts),
 * beside the web distribution whose pages are the client's callback URLs.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  NumberAttribute,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
// Group names are the role names the handler authorises on: one list, owned by the domain.
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/lifecycle.js';

const ROLE_DESCRIPTIONS: Record<StaffRole, string> = {
  agent: 'Registers, triages and investigates claims; proposes resolutions',
  manager: 'Assigns claims, approves within the approval limit, receives escalations',
  executive: 'Approves level-1 claims and amounts above every limit',
  legal: 'Reviews claims against policy and law; handles arbitration and litigation',
  finance: 'Executes payouts and records voucher numbers',
  admin: 'Manages organisation units, users and policy settings',
};

/** Custom attribute names without the `custom:` prefix the token adds. */
export const UNIT_ATTRIBUTE = 'unit';
export const APPROVAL_LIMIT_ATTRIBUTE = 'approval_limit';

export class StaffDirectory extends Construct {
  readonly userPool: UserPool;
  readonly groups: ReadonlyMap<StaffRole, UserPoolGroup>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      // Accounts are created by an admin (docs/deploy.md: first admin user); nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        [UNIT_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        // Integer fen; tokens carry it as a string, the API parses it.
        [APPROVAL_LIMIT_ATTRIBUTE]: new NumberAttribute({ min: 0, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Staff see personal data and approve payouts: a second factor is not optional.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      // Plus tier for threat protection (compromised credentials, adaptive auth) on every sign-in.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.groups = new Map(
      STAFF_ROLES.map((role) => [
        role,
        new UserPoolGroup(this, `Group-${role}`, {
          userPool: this.userPool,
          groupName: role,
          description: ROLE_DESCRIPTIONS[role],
        }),
      ]),
    );
  }
}
