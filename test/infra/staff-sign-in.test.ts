/** Staff sign-in in the cloud: the managed login domain and the console's OAuth client (code grant, PKCE). */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readStageConfig } from '../../infra/stacks/stage-config.js';
import { nagFindings, rendered, synthClaimsApp, testApp } from './support/synth.js';
import { logicalIdOf, resource, resources } from './support/template-json.js';

const { config, data, service, serviceTemplate: template } = synthClaimsApp();
/** A page of the distribution's site as the template renders it (the domain is a deploy-time value). */
const pageUrl = (page: string) => rendered(service, `${service.web.origin}${page}`);

describe('staff sign-in', () => {
  it('gives the staff pool a managed login domain whose prefix is derived from stage and account', () => {
    expect(config.staffSignInDomainPrefix).toBeUndefined();
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', [`claims-desk-${config.stage}-`, { Ref: 'AWS::AccountId' }]] },
      UserPoolId: rendered(service, data.staff.userPool.userPoolId),
      ManagedLoginVersion: 2,
    });
    // Managed login styles each client; Cognito's defaults are used for the console's.
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: logicalIdOf(service.staffSignIn.client) },
      UseCognitoProvidedValues: true,
    });
  });

  it('lets the console client use only the authorization code grant, with no secret, for openid, email and profile', () => {
    const client = resource(template, logicalIdOf(service.staffSignIn.client));
    expect(client.properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
      AuthSessionValidity: 3,
    });
    expect(z.array(z.string()).parse(client.properties.AllowedOAuthScopes).sort()).toEqual([
      'email',
      'openid',
      'profile',
    ]);
  });

  it('reads the unit and approval limit into the ID token but lets nobody write them with their own token', () => {
    const client = resource(template, logicalIdOf(service.staffSignIn.client));
    expect(client.properties.ReadAttributes).toEqual(
      expect.arrayContaining(['custom:approval_limit', 'custom:unit']),
    );
    expect(client.properties.WriteAttributes).toEqual(['name']);
  });

  it("calls back to and signs out to the site's console and dashboard pages, and nowhere else", () => {
    const client = resource(template, logicalIdOf(service.staffSignIn.client));
    const pages = [pageUrl('/staff.html'), pageUrl('/dashboard.html')];
    expect(client.properties.CallbackURLs).toEqual(pages);
    expect(client.properties.LogoutURLs).toEqual(pages);
    expect(resources(template, 'AWS::Cognito::UserPoolClient')).toHaveLength(1);
  });

  it('takes a prefix given per stage instead, checked as Cognito checks it', () => {
    const named = synthClaimsApp({ context: { staffSignInDomainPrefix: 'acme-claims-prod' } });
    named.serviceTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'acme-claims-prod',
    });
  });

  it('adds the custom web origin and the extra URLs from the stage config', () => {
    const custom = synthClaimsApp({
      context: {
        webOrigin: 'https://claims.example.cn',
        staffSignInUrls: 'http://localhost:5173/staff.html, https://ops.example.cn/staff.html',
      },
    });
    const client = resource(custom.serviceTemplate, logicalIdOf(custom.service.staffSignIn.client));
    expect(client.properties.CallbackURLs).toEqual(
      expect.arrayContaining([
        'https://claims.example.cn/staff.html',
        'https://claims.example.cn/dashboard.html',
        'http://localhost:5173/staff.html',
        'https://ops.example.cn/staff.html',
      ]),
    );
    expect(client.properties.CallbackURLs).toHaveLength(6);
    expect(client.properties.LogoutURLs).toEqual(client.properties.CallbackURLs);
  });

  it('refuses a domain prefix Cognito would refuse, and plain http anywhere but localhost', () => {
    const read = (context: Record<string, unknown>) => () => readStageConfig(testApp(context).node);
    expect(read({ staffSignInDomainPrefix: 'my-cognito-login' })).toThrow(/staffSignInDomainPrefix:/);
    expect(read({ staffSignInDomainPrefix: 'Claims_Desk' })).toThrow(/staffSignInDomainPrefix:/);
    expect(read({ staffSignInUrls: 'http://claims.example.cn/staff.html' })).toThrow(/staffSignInUrls/);
    expect(read({ staffSignInUrls: 'http://localhost:5173/staff.html' })).not.toThrow();
  });

  it('leaves nothing unacknowledged by cdk-nag', () => {
    expect(nagFindings(service).filter((finding) => finding.path.includes('StaffSignIn'))).toEqual([]);
  });
});
