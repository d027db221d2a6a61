import { Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config.ts';
import { acknowledgements, buildDigestApp } from '../../infra/digest-app.ts';
import { synthWithoutBundling } from './synth.ts';

describe('cdk-nag AwsSolutions', () => {
  it('passes the app with every acknowledgement giving its reason', () => {
    const { cdkApp } = synthWithoutBundling({ sender: 'digest@news.example.org' });

    // Acknowledged ids carry a namespace ("Annotation::AwsSolutions-S1"); CDK's own are in other namespaces.
    const acknowledged = acknowledgements(cdkApp)
      .map((a) => ({ ...a, id: a.id.replace(/^[\w-]+::/, '') }))
      .filter((a) => a.id.startsWith('AwsSolutions-'));

    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledged) {
      expect(reason.length, id).toBeGreaterThan(30);
    }
    // The rules this app knowingly departs from, each for a stated reason (see the constructs).
    expect([...new Set(acknowledged.map((a) => a.id.replace(/\[.*$/, '')))].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR2',
      'AwsSolutions-CFR4',
      'AwsSolutions-IAM5',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
  }, 120_000);

  it('fails synthesis on a finding nobody acknowledged', () => {
    process.env.CDK_VALIDATION = 'false';
    const { app, stack } = buildDigestApp({ config: parseConfig({}, 'test'), context: { 'aws:cdk:bundling-stacks': [] } });
    new sqs.Queue(Stack.of(stack), 'Unencrypted', { encryption: sqs.QueueEncryption.UNENCRYPTED });

    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  }, 120_000);
});
