import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { DigestConfig } from '../../functions/config.ts';
import { ArchiveDistribution } from '../constructs/archive-distribution.ts';
import { DigestFunction } from '../constructs/digest-function.ts';
import { DigestSchedule } from '../constructs/digest-schedule.ts';
import { FailureQueue } from '../constructs/failure-queue.ts';
import { SubscriptionApi } from '../constructs/subscription-api.ts';
import type { DataStack } from './data-stack.ts';

export interface AppStackProps extends StackProps {
  readonly config: DigestConfig;
  /** The stateful resources this stack's functions use. */
  readonly data: DataStack;
}

/** The functions and their triggers: the schedule, the subscription API, SES feedback, and CloudFront in front. */
export class AppStack extends Stack {
  readonly digest: DigestFunction;
  readonly api: DigestFunction;
  readonly feedback: DigestFunction;
  readonly failures: FailureQueue;
  readonly distribution: ArchiveDistribution;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    const { bucket, logBucket } = data.archive;
    const { subscribers, ledger, seen } = data.tables;

    this.failures = new FailureQueue(this, 'FailedRuns', { ...(config.alertEmail ? { alertEmail: config.alertEmail } : {}) });

    this.digest = new DigestFunction(this, 'Digest', {
      entry: 'functions/handlers/digest.ts',
      description: 'The scheduled digest run: ingest, facts, publish, mail',
      config,
      memorySize: 1024,
      timeout: Duration.minutes(15),
      withTemplates: true,
      withFactModel: true,
      deadLetterQueue: this.failures.queue,
    })
      .bindArchive(bucket, { site: 'readwrite', inbox: true })
      .bindTable('subscribers', subscribers, 'read')
      .bindTable('ledger', ledger, 'readwrite')
      .bindTable('seen', seen, 'readwrite')
      .bindTokenSecret(data.tokenSecret.secret)
      .bindMail(data.mail.configurationSet);

    new DigestSchedule(this, 'Daily', {
      target: this.digest.function,
      expression: config.schedule.expression,
      timeZone: config.schedule.timeZone,
      deadLetterQueue: this.failures.queue,
    });

    this.api = new DigestFunction(this, 'SubscriptionHandler', {
      entry: 'functions/handlers/api.ts',
      description: 'Subscribe, confirm and unsubscribe under /api/*',
      config,
      withTemplates: true,
    })
      .bindArchive(bucket, { site: 'read' })
      .bindTable('subscribers', subscribers, 'readwrite')
      .bindTokenSecret(data.tokenSecret.secret)
      .bindMail(data.mail.configurationSet);
    const api = new SubscriptionApi(this, 'SubscriptionApi', { handler: this.api.function });

    this.feedback = new DigestFunction(this, 'SesFeedback', {
      entry: 'functions/handlers/ses-feedback.ts',
      description: 'Suppresses addresses that bounce or complain (SES events through SNS)',
      config,
    }).bindTable('subscribers', subscribers, 'readwrite');
    data.mail.feedbackTopic.addSubscription(new snsSubscriptions.LambdaSubscription(this.feedback.function));

    this.distribution = new ArchiveDistribution(this, 'Site', { bucket, logBucket, api: api.api });

    new CfnOutput(this, 'ArchiveUrl', {
      description: 'The published archive (set siteUrl in digest.config.json to this, or to your own domain)',
      value: `https://${this.distribution.distribution.distributionDomainName}/`,
    });
    new CfnOutput(this, 'DigestFunctionName', {
      description: 'Invoke this to run a digest now (see docs/deploy.md)',
      value: this.digest.function.functionName,
    });
    new CfnOutput(this, 'FailedRunsQueueUrl', { value: this.failures.queue.queueUrl });
  }
}
