import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnOutput, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { CfnUserPoolClient, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { buildWeb, WEB_ROOT } from '../../web/build.js';
import { contentSecurityPolicy } from '../../web/security-headers.js';
import type { ForlobApi } from './api.js';

export interface ForlobWebProps {
  api: ForlobApi;
}

/**
 * The caseworker front end as static files: a private S3 bucket behind CloudFront (origin access control),
 * deployed from a fresh esbuild of web/src with a `config.json` that points the app at the API and at
 * Cognito's hosted UI (authorization code + PKCE on the API's own app client, so the JWT authorizer
 * accepts its tokens unchanged).
 */
export class ForlobWeb extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly bucket: s3.Bucket;
  /** Where the app may fetch from besides itself: the API and Cognito's token endpoint, both cross-origin. */
  private readonly connectSources: string[] = [];

  constructor(scope: Construct, id: string, props: ForlobWebProps) {
    super(scope, id);
    const stack = Stack.of(this);

    const logs = new s3.Bucket(this, 'Logs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with object ACLs.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(180) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Forløb caseworker front end',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
          comment: 'Forløb: CSP without inline script, no sniffing, no referrer, no framing, HSTS',
          securityHeadersBehavior: {
            contentSecurityPolicy: { contentSecurityPolicy: Lazy.string({ produce: () => contentSecurityPolicy(this.connectSources) }), override: true },
            contentTypeOptions: { override: true },
            referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
            frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
            strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
          },
        }),
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      // Caseworkers work from Danish job centres; the app is not offered elsewhere.
      geoRestriction: cloudfront.GeoRestriction.allowlist('DK'),
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    });
    const siteUrl = `https://${this.distribution.distributionDomainName}/`;
    props.api.allowBrowserOrigin(`https://${this.distribution.distributionDomainName}`);

    // Cognito's hosted UI on the API's user pool; its app client gets the code flow back to this site.
    const domain = props.api.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: stack.node.tryGetContext('forlob:authDomainPrefix') ?? `forlob-${stack.account}` },
    });
    const client = props.api.userPool.node.findChild('WebClient') as UserPoolClient;
    // The API by its region's execute-api domain, not its own id: the API's CORS already names this
    // distribution, and a reference back would be circular.
    this.connectSources.push(`https://*.execute-api.${stack.region}.${stack.urlSuffix}`, domain.baseUrl());
    const cfnClient = client.node.defaultChild as CfnUserPoolClient;
    cfnClient.allowedOAuthFlowsUserPoolClient = true;
    cfnClient.allowedOAuthFlows = ['code'];
    cfnClient.allowedOAuthScopes = ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'];
    cfnClient.supportedIdentityProviders = ['COGNITO'];
    cfnClient.callbackUrLs = [siteUrl];
    cfnClient.logoutUrLs = [siteUrl];

    // The bundle is built at synth time when this stack is bundled (cdk synth/deploy); the local runtime,
    // which synthesises without bundling, never deploys it and keeps its start-up fast.
    const dist = stack.bundlingRequired ? buildWeb({ outdir: mkdtempSync(join(tmpdir(), 'forlob-web-')), config: null }).outdir : join(WEB_ROOT, 'public');
    new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [
        Source.asset(dist),
        Source.jsonData('config.json', {
          mode: 'cognito',
          apiUrl: props.api.api.apiEndpoint,
          cognitoDomain: domain.baseUrl(),
          clientId: client.userPoolClientId,
          redirectUri: siteUrl,
        }),
      ],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/app.js', '/app.css', '/config.json'],
      memoryLimit: 512,
    });

    NagSuppressions.addResourceSuppressions(logs, [
      { id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself; logging it into itself would loop.' },
    ]);
    NagSuppressions.addResourceSuppressions(this.distribution, [
      { id: 'AwsSolutions-CFR2', reason: 'Static files only, no personal data; every data request goes to the API behind Cognito JWT auth.' },
      { id: 'AwsSolutions-CFR4', reason: 'The default CloudFront certificate allows TLSv1 until a custom domain with its own certificate is configured.' },
    ]);
    NagSuppressions.addResourceSuppressionsByPath(
      stack,
      `/${stack.stackName}/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C512MiB`,
      [
        { id: 'AwsSolutions-IAM4', reason: 'CDK’s BucketDeployment handler uses AWSLambdaBasicExecutionRole for its own logs only.' },
        { id: 'AwsSolutions-IAM5', reason: 'CDK’s BucketDeployment handler copies the asset objects into the site bucket and invalidates its distribution.' },
        { id: 'AwsSolutions-L1', reason: 'The BucketDeployment handler runtime is chosen and updated by aws-cdk-lib.' },
      ],
      true,
    );
    new CfnOutput(this, 'WebUrl', { value: siteUrl });
  }
}
