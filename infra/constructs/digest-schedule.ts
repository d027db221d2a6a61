import { Duration, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag.ts';

export interface DigestScheduleProps {
  /** The function a run invokes. */
  readonly target: lambda.IFunction;
  /** A Scheduler `cron(...)` or `rate(...)` expression. */
  readonly expression: string;
  /** IANA time zone the expression is read in. */
  readonly timeZone: string;
  /** Where an invocation the scheduler could not deliver ends up. */
  readonly deadLetterQueue: sqs.IQueue;
  /** Delivery retries. @default 2 */
  readonly retryAttempts?: number;
  /** An invocation older than this is dropped to the dead-letter queue. @default Duration.hours(2) */
  readonly maxEventAge?: Duration;
}

/** The EventBridge Scheduler schedule that starts a digest run, in the reader's time zone (so 07:00 stays 07:00). */
export class DigestSchedule extends Construct {
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: DigestScheduleProps) {
    super(scope, id);
    // An own role, so the invoke permission (function and its versions) is scoped and acknowledged here.
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
    acknowledgeWildcardResource(
      role,
      props.target.functionArn,
      ':*',
      'The scheduler may invoke the digest function and its versions; nothing else.',
    );
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Starts the scheduled news digest run',
      schedule: scheduler.ScheduleExpression.expression(props.expression, TimeZone.of(props.timeZone)),
      target: new targets.LambdaInvoke(props.target, {
        role,
        input: scheduler.ScheduleTargetInput.fromObject({
          source: 'news-digest.schedule',
          scheduledAt: scheduler.ContextAttribute.scheduledTime,
        }),
        deadLetterQueue: props.deadLetterQueue,
        retryAttempts: props.retryAttempts ?? 2,
        maxEventAge: props.maxEventAge ?? Duration.hours(2),
      }),
    });
  }
}
