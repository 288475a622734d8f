/**
 * The HTTP API in front of the api function. Public routes (claim form, tracking, adding material)
 * are anonymous and throttled per route; everything under /staff/ needs a Cognito ID token, checked by
 * a JWT authorizer whose audience is the staff console client. Access logs are JSON, one line per
 * request, in a log group with the stage's retention.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ClaimsFunction } from './claims-function.js';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';

export interface RouteSpec {
  readonly method: HttpMethod;
  readonly path: string;
}

/** Anonymous routes: file a claim, upload evidence, track it by number, add material to it, withdraw it. */
export const PUBLIC_ROUTES: readonly RouteSpec[] = [
  { method: HttpMethod.POST, path: '/claims' },
  { method: HttpMethod.POST, path: '/claims/uploads' },
  { method: HttpMethod.POST, path: '/claims/{number}/uploads' },
  { method: HttpMethod.GET, path: '/claims/{number}' },
  { method: HttpMethod.POST, path: '/claims/{number}/material' },
  { method: HttpMethod.POST, path: '/claims/{number}/withdraw' },
  // The customer's decision, reconsideration, closure and survey (issue 6).
  { method: HttpMethod.POST, path: '/claims/{number}/accept' },
  { method: HttpMethod.POST, path: '/claims/{number}/dispute' },
  { method: HttpMethod.POST, path: '/claims/{number}/reconsideration' },
  { method: HttpMethod.POST, path: '/claims/{number}/confirm-closure' },
  { method: HttpMethod.POST, path: '/claims/{number}/survey' },
  // A store's refusal or missed deadline taken to headquarters (issue 25).
  { method: HttpMethod.POST, path: '/claims/{number}/escalate' },
  // "Find my claim": a one-time code to the claim's phone or email, traded for a fresh link (issue 16).
  { method: HttpMethod.POST, path: '/lookup/code' },
  { method: HttpMethod.POST, path: '/lookup/link' },
  // The categories the public form offers, named in one language (issue 15).
  { method: HttpMethod.GET, path: '/form-options' },
  // The form's proof-of-work challenge and the privacy notice its consent line links to (issue 18).
  { method: HttpMethod.GET, path: '/form-challenge' },
  { method: HttpMethod.GET, path: '/privacy-notice' },
];

/**
 * Staff routes: every method the console uses, under one proxy path. Listed instead of ANY so that
 * no OPTIONS route exists: CORS preflights are answered by API Gateway without a token.
 */
export const STAFF_PATH = '/staff/{proxy+}';
export const STAFF_METHODS: readonly HttpMethod[] = [
  HttpMethod.GET,
  HttpMethod.POST,
  HttpMethod.PUT,
  HttpMethod.PATCH,
  HttpMethod.DELETE,
];

export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface ClaimsApiProps {
  readonly handler: ClaimsFunction;
  readonly staffPool: IUserPool;
  /** The staff console's client: the authorizer's audience (the ID token's `aud`). */
  readonly staffClient: IUserPoolClient;
  /** Browser origins allowed by CORS (the web distribution, plus any custom domain). */
  readonly allowOrigins: readonly string[];
  /** Per public route. */
  readonly publicThrottle: Throttle;
  /** Stage default, so it applies to the staff routes. */
  readonly defaultThrottle: Throttle;
  readonly logRetention: RetentionDays;
}

export class ClaimsApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly publicRoutes: readonly HttpRoute[];
  readonly staffRoutes: readonly HttpRoute[];

  constructor(scope: Construct, id: string, props: ClaimsApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Claims desk: public claim form and tracking, staff console API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.allowOrigins],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
        ],
        // x-proof-of-work: the claim form's proof of work (issue 18), sent with POST /claims.
        allowHeaders: [
          'authorization',
          'content-type',
          'idempotency-key',
          'x-claim-token',
          'x-proof-of-work',
        ],
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.defaultThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            responseLength: '$context.responseLength',
            userSub: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('ApiHandler', props.handler.function);
    const authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', props.staffPool, {
      userPoolClients: [props.staffClient],
      identitySource: ['$request.header.Authorization'],
    });

    this.publicRoutes = PUBLIC_ROUTES.flatMap((route) =>
      this.api.addRoutes({ path: route.path, methods: [route.method], integration }),
    );
    for (const route of this.publicRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Public by design: customers file and track claims without an account. The handler validates every ' +
          'input with zod and the route has its own throttle.',
      });
    }
    this.staffRoutes = this.api.addRoutes({
      path: STAFF_PATH,
      methods: [...STAFF_METHODS],
      integration,
      authorizer,
    });

    this.throttlePublicRoutes(props.publicThrottle);
  }

  get url(): string {
    return this.stage.url;
  }

  /**
   * The L2 stage sets only the default route settings; per-route limits are a stage property keyed
   * by route key, and the routes must exist before the stage refers to them.
   */
  private throttlePublicRoutes(throttle: Throttle): void {
    const cfnStage = this.stage.node.defaultChild;
    if (!(cfnStage instanceof CfnStage)) throw new Error(`${this.node.path}: no CfnStage`);
    const settings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of PUBLIC_ROUTES) {
      settings[`${route.method} ${route.path}`] = {
        ThrottlingRateLimit: throttle.rateLimit,
        ThrottlingBurstLimit: throttle.burstLimit,
      };
    }
    cfnStage.routeSettings = settings;
    for (const route of this.publicRoutes) this.stage.node.addDependency(route);
  }
}
