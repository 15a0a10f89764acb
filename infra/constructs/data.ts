import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { OVERVIEW_INDEXES } from '../../functions/store/keys.js';

/** Days an export's files are kept; the evaluator downloads them well before. */
export const EXPORT_DAYS = 30;
const EXPORT_ACCESS_LOG_DAYS = 365;

/**
 * Where citizens' data lives: the single journey-data table, the append-only audit table, and the secret
 * that CPR numbers are encrypted and hashed with — all under one customer-managed KMS key, with
 * point-in-time recovery, deletion protection, and kept when the stack is deleted.
 */
export class ForlobData extends Construct {
  readonly key: Key;
  readonly table: Table;
  readonly audit: Table;
  readonly cprSecret: Secret;
  /** Evaluation exports: pseudonymised files, downloaded through presigned URLs, expired after EXPORT_DAYS. */
  readonly exportBucket: Bucket;
  /** The key of the exports' pseudonyms: used by the export alone, never for CPR numbers. */
  readonly exportKeySecret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'DataKey', {
      description: 'Forløb: encrypts journey data, audit and the CPR secret',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const common = {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.table = new Table(this, 'JourneyData', common);
    this.table.addGlobalSecondaryIndex({
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
    });
    // The overview's indexes: each of its filters is a key condition (functions/store/keys.ts).
    for (const index of Object.values(OVERVIEW_INDEXES)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.pk, type: AttributeType.STRING },
        sortKey: { name: index.sk, type: AttributeType.STRING },
      });
    }
    this.audit = new Table(this, 'Audit', common);
    // Audit entries by time, for the audit's retention (functions/store/keys.ts): a few shards spread the writes.
    this.audit.addGlobalSecondaryIndex({
      indexName: 'byTime',
      partitionKey: { name: 'timeShard', type: AttributeType.STRING },
      sortKey: { name: 'at', type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: ['enrolmentIds'],
    });

    this.cprSecret = new Secret(this, 'CprSecret', {
      description: 'Forløb: key material for encrypting and hashing CPR numbers',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    NagSuppressions.addResourceSuppressions(this.cprSecret, [
      {
        id: 'AwsSolutions-SMG4',
        reason: 'Rotating this secret would make every stored CPR hash unfindable and every encrypted CPR unreadable; it is rotated by a planned re-encryption, not automatically.',
      },
    ]);

    // The exports' access logs: a bucket of its own (S3 server access logs cannot go to a KMS-encrypted one).
    const exportLogs = new Bucket(this, 'ExportAccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(EXPORT_ACCESS_LOG_DAYS) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    NagSuppressions.addResourceSuppressions(exportLogs, [{ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket of the exports bucket; logging it to itself would loop.' }]);
    this.exportBucket = new Bucket(this, 'Exports', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: exportLogs,
      serverAccessLogsPrefix: 'exports/',
      lifecycleRules: [{ expiration: Duration.days(EXPORT_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.exportKeySecret = new Secret(this, 'ExportKeySecret', {
      description: 'Forløb: the key of the evaluation exports’ pseudonyms (keyed hashes of programme and CPR lookup hash)',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    NagSuppressions.addResourceSuppressions(this.exportKeySecret, [
      { id: 'AwsSolutions-SMG4', reason: 'Rotating this key would give every citizen a new pseudonym and break the panel across exports; it is changed deliberately, not automatically.' },
    ]);
  }
}
