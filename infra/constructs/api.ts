import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type CfnApi, CfnStage, HttpApi, HttpMethod, HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccountRecovery, FeaturePlan, Mfa, StandardThreatProtectionMode, UserPool } from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { FilterPattern, LogGroup, RetentionDays, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { type FunctionGroup, routes, type RouteSpec } from '../../functions/contract/routes.js';
import type { ForlobFunction } from './forlob-function.js';

export interface ForlobApiProps {
  functions: Record<FunctionGroup, ForlobFunction>;
  /** Audits the 401s the JWT authorizer answers on routes that name a citizen (from the access log). */
  refusedRequests: ForlobFunction;
}

/**
 * The HTTP API: every route of the contract (functions/contract/routes.ts), each to the function of its
 * resource group, behind a Cognito JWT authorizer except the public ones; functions that declare `userAdmin`
 * manage the pool's users.
 */
export class ForlobApi extends Construct {
  readonly api: HttpApi;
  readonly userPool: UserPool;

  constructor(scope: Construct, id: string, props: ForlobApiProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const client = this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
    });
    const authorizer = new HttpUserPoolAuthorizer('Cognito', this.userPool, { userPoolClients: [client] });

    this.api = new HttpApi(this, 'Http', { defaultAuthorizer: authorizer, createDefaultStage: true });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.SIX_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    // Access logs name the route, the path (ids only: `$context.path` has no query string, where a CPR may be
    // looked up) and the status.
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({ requestId: '$context.requestId', routeKey: '$context.routeKey', path: '$context.path', status: '$context.status', latency: '$context.responseLatency', user: '$context.authorizer.claims.username' }),
    };
    // The authorizer's 401s run no function: their access-log lines go to the function that audits them.
    new SubscriptionFilter(this, 'RefusedRequestsAudit', {
      logGroup: accessLogs,
      destination: new LambdaDestination(props.refusedRequests.fn),
      filterPattern: FilterPattern.stringValue('$.status', '=', '401'),
    });

    const integrations = new Map<FunctionGroup, HttpLambdaIntegration>();
    for (const route of routes as readonly RouteSpec[]) {
      let integration = integrations.get(route.fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.fn}Integration`, props.functions[route.fn].fn);
        integrations.set(route.fn, integration);
      }
      this.api.addRoutes({
        path: route.path,
        methods: [route.method as HttpMethod],
        integration,
        ...(route.public ? { authorizer: new HttpNoneAuthorizer() } : {}),
      });
    }
    NagSuppressions.addResourceSuppressions(
      this.api,
      [{ id: 'AwsSolutions-APIG4', reason: 'Only GET /health and GET /openapi.json are public; they carry no data.' }],
      true,
    );
    // The admin's users are the user pool's users: created with an invitation, disabled when deactivated.
    for (const fn of Object.values(props.functions).filter((f) => f.needs.userAdmin)) {
      fn.setEnvironment('USER_POOL_ID', this.userPool.userPoolId);
      fn.fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser'],
          resources: [this.userPool.userPoolArn],
        }),
      );
    }
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
  }

  /**
   * CORS for the one origin the front end is served from (the CloudFront distribution), and no other: the
   * browser calls the API cross-origin with a bearer token, never with cookies. API Gateway answers the
   * preflights itself, before the JWT authorizer.
   */
  allowBrowserOrigin(origin: string): void {
    (this.api.node.defaultChild as CfnApi).corsConfiguration = {
      allowOrigins: [origin],
      allowMethods: [...new Set(routes.map((r) => r.method))].sort(),
      allowHeaders: ['authorization', 'content-type'],
      allowCredentials: false,
      maxAge: Duration.hours(2).toSeconds(),
    };
  }
}
