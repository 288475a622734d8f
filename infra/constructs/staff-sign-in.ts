/**
 * How staff sign in to the console: the user pool's managed login domain and the console's app client,
 * OAuth 2.0 authorization code with PKCE (a page in a browser can keep no client secret). The client's
 * callback and sign-out URLs are pages of the web distribution, so this lives in the service stack beside
 * the distribution; the pool, with its accounts, stays in the data stack.
 *
 * The console sends the ID token: it carries `cognito:groups` and the `custom:` attributes the API reads,
 * and its `aud` is this client's id, the audience the API's JWT authorizer accepts.
 */
import { Duration } from 'aws-cdk-lib';
import {
  CfnManagedLoginBranding,
  ClientAttributes,
  ManagedLoginVersion,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  type IUserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { STAFF_SESSION } from '../../shared/domain/staff-session.js';
import { APPROVAL_LIMIT_ATTRIBUTE, UNIT_ATTRIBUTE } from './staff-directory.js';

/** The pages that sign in and out: each is its own callback and sign-out URL. */
export const SIGN_IN_PAGES = ['/staff.html', '/dashboard.html'] as const;

export interface StaffSignInProps {
  readonly userPool: IUserPool;
  /** `<prefix>.auth.<region>.amazoncognito.com` */
  readonly domainPrefix: string;
  /** Origins serving the pages (the distribution's, a custom domain); each page of each is a callback URL. */
  readonly siteOrigins: readonly string[];
  /** Further callback and sign-out URLs (stage config), e.g. a developer's http://localhost page. */
  readonly extraUrls?: readonly string[];
}

/** The OAuth endpoints the pages read from config.json. */
export interface SignInEndpoints {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly logoutUrl: string;
}

export class StaffSignIn extends Construct {
  readonly domain: UserPoolDomain;
  /** The staff console's client; its id is the audience of the tokens the API accepts. */
  readonly client: UserPoolClient;
  readonly callbackUrls: readonly string[];

  constructor(scope: Construct, id: string, props: StaffSignInProps) {
    super(scope, id);
    this.domain = new UserPoolDomain(this, 'Domain', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.callbackUrls = [
      ...props.siteOrigins.flatMap((origin) => SIGN_IN_PAGES.map((page) => `${origin}${page}`)),
      ...(props.extraUrls ?? []),
    ];

    this.client = new UserPoolClient(this, 'ConsoleClient', {
      userPool: props.userPool,
      // A browser app cannot keep a secret; PKCE binds the code to the page that asked for it.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [...this.callbackUrls],
        logoutUrls: [...this.callbackUrls],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // The ID token lasts an hour and the console renews it with the refresh token for a working day
      // (the same figures as the local sign-in's); the code must be redeemed within three minutes.
      idTokenValidity: Duration.seconds(STAFF_SESSION.idTokenSeconds),
      accessTokenValidity: Duration.seconds(STAFF_SESSION.idTokenSeconds),
      refreshTokenValidity: Duration.hours(STAFF_SESSION.refreshTokenHours),
      authSessionValidity: Duration.minutes(3),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(UNIT_ATTRIBUTE, APPROVAL_LIMIT_ATTRIBUTE),
      // Unit and approval limit decide what a user may see and approve: only admins (through the
      // Cognito admin API) may change them, never the user with their own access token.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    // The newer managed login needs a style per client; Cognito's own is enough for a staff console.
    new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }

  get endpoints(): SignInEndpoints {
    const base = this.domain.baseUrl();
    return {
      authorizeUrl: `${base}/oauth2/authorize`,
      tokenUrl: `${base}/oauth2/token`,
      logoutUrl: `${base}/logout`,
    };
  }
}
