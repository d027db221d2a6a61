import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface FailureQueueProps {
  /** Mailed when a failed run lands in the queue. @default nobody: the alarm shows in CloudWatch only */
  readonly alertEmail?: string;
  /** How long a failed run's event is kept for inspection. @default Duration.days(14) */
  readonly retention?: Duration;
}

/**
 * Where runs that failed for good end up (after the scheduler's and Lambda's retries), and an alarm that
 * goes off as soon as one does.
 */
export class FailureQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: FailureQueueProps = {}) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: props.retention ?? Duration.days(14),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the digest schedule and function; it has no consumer to fail.',
    });
    const key = new kms.Key(this, 'AlarmKey', {
      description: 'Encrypts the failed-run alarm notifications of the news digest',
      enableKeyRotation: true,
      // Nothing stored is encrypted with it: it goes with the stack (after the shortest waiting period).
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: 'News digest: failed runs', masterKey: key, enforceSSL: true });
    // CloudWatch publishes the alarm to the topic, so it must be able to use the key.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': key.stack.account } },
      }),
    );
    if (props.alertEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alertEmail));
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmDescription: 'A scheduled digest run failed after all retries; its event is in the dead-letter queue.',
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.alarmTopic));
  }
}
