import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { OVERVIEW_INDEXES } from '../../functions/store/keys.js';

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
  }
}
