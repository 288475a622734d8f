/**
 * How long a staff console session lasts (issue 17), shared by the Cognito app client, the local sign-in
 * stand-in and the console: the ID token an hour, renewed through the refresh token for a working day,
 * after which staff sign in again.
 */
export const STAFF_SESSION = {
  idTokenSeconds: 3600,
  refreshTokenHours: 12,
} as const;

export const REFRESH_TOKEN_VALIDITY_MS = STAFF_SESSION.refreshTokenHours * 3_600_000;
