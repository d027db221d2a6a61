import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKET_LAYOUT } from '../../functions/config.ts';

export interface ArchiveBucketProps {
  /** Days access logs are kept. @default 90 */
  readonly logRetentionDays?: number;
  /** Days a digested inbox file is kept under `processed/`. @default 90 */
  readonly processedRetentionDays?: number;
  /** Days an overwritten or deleted object version is kept. @default 90 */
  readonly noncurrentVersionRetentionDays?: number;
}

/**
 * The archive: a private, encrypted, TLS-only, versioned bucket, kept when the stack is deleted, with
 * server access logs in a second bucket that also takes CloudFront's logs. CloudFront (in the app stack)
 * may read only the site prefix, through origin access control.
 */
export class ArchiveBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ArchiveBucketProps = {}) {
    super(scope, id);
    this.logBucket = new s3.Bucket(this, 'Logs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs; S3 server access logs use the bucket policy.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(props.logRetentionDays ?? 90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      lifecycleRules: [
        { prefix: BUCKET_LAYOUT.processed, expiration: Duration.days(props.processedRetentionDays ?? 90) },
        { noncurrentVersionExpiration: Duration.days(props.noncurrentVersionRetentionDays ?? 90) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The distribution lives in the app stack, which depends on this one; naming its id here would make
    // a dependency cycle, so any distribution of this account may read the site prefix, and nothing else.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudFrontReadsSite',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects(`${BUCKET_LAYOUT.site}*`)],
        conditions: {
          StringEquals: { 'AWS:SourceAccount': this.bucket.stack.account },
          ArnLike: { 'AWS:SourceArn': `arn:${this.bucket.stack.partition}:cloudfront::${this.bucket.stack.account}:distribution/*` },
        },
      }),
    );
  }
}
