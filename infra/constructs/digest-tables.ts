import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface DigestTablesProps {
  /** What happens to the tables when the stack is deleted. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The three tables a digest keeps: subscribers (by address), the send ledger (by issue and address)
 * and the seen articles (by id). On-demand, so an idle digest costs nothing; point-in-time recovery on.
 */
export class DigestTables extends Construct {
  readonly subscribers: dynamodb.Table;
  readonly ledger: dynamodb.Table;
  readonly seen: dynamodb.Table;

  constructor(scope: Construct, id: string, props: DigestTablesProps = {}) {
    super(scope, id);
    const common = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    };
    this.subscribers = new dynamodb.Table(this, 'Subscribers', {
      ...common,
      partitionKey: { name: 'email', type: dynamodb.AttributeType.STRING },
    });
    this.ledger = new dynamodb.Table(this, 'Ledger', {
      ...common,
      partitionKey: { name: 'issue', type: dynamodb.AttributeType.NUMBER },
      sortKey: { name: 'email', type: dynamodb.AttributeType.STRING },
    });
    this.seen = new dynamodb.Table(this, 'Seen', {
      ...common,
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    });
  }
}
