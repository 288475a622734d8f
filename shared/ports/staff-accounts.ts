/** Who a new account is for: the directory entry being created. */
export interface NewAccount {
  readonly email: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly unitId: string;
  readonly approvalLimitFen?: number | undefined;
}

/**
 * The sign-in provider's accounts (Cognito in the cloud): creating a staff member can create their account
 * and add it to the role groups; the account's subject (`sub`) becomes the directory id. Locally and in
 * tests a fake mints one.
 */
export interface StaffAccounts {
  /** Creates the account (or finds the one with this email) in these groups; returns its `sub`. */
  provision(person: NewAccount): Promise<string>;
}
