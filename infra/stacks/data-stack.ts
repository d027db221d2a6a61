import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DigestConfig } from '../../functions/config.ts';
import { ArchiveBucket } from '../constructs/archive-bucket.ts';
import { DigestTables } from '../constructs/digest-tables.ts';
import { MailSending } from '../constructs/mail-sending.ts';
import { TokenSecret } from '../constructs/token-secret.ts';

export interface DataStackProps extends StackProps {
  readonly config: DigestConfig;
}

/**
 * Everything that holds state or identity: the archive, the tables, the SES identity and configuration
 * set, the token key. All of it is retained when the stack is deleted.
 */
export class DataStack extends Stack {
  readonly archive: ArchiveBucket;
  readonly tables: DigestTables;
  readonly mail: MailSending;
  readonly tokenSecret: TokenSecret;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.archive = new ArchiveBucket(this, 'Archive');
    this.tables = new DigestTables(this, 'Tables');
    this.mail = new MailSending(this, 'Mail', { sender: props.config.sender });
    this.tokenSecret = new TokenSecret(this, 'TokenKey');
    new CfnOutput(this, 'ArchiveBucketName', {
      description: 'Drop articles under inbox/ here; the published site is under site/',
      value: this.archive.bucket.bucketName,
    });
    new CfnOutput(this, 'SubscribersTableName', {
      description: 'Subscribers, one item per address (email, state, createdAt, updatedAt)',
      value: this.tables.subscribers.tableName,
    });
  }
}
