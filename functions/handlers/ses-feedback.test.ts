import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FsSubscriberStore } from '../adapters/fs-subscribers.ts';
import { InputError } from '../core/errors.ts';
import { createSesFeedbackHandler } from './ses-feedback.ts';

const fixture = (name: string) => readFile(new URL(`../core/subscriptions/testdata/ses/${name}`, import.meta.url), 'utf8');

/** An SNS event as Lambda receives it from a topic subscription. */
const snsEvent = (...messages: string[]) => ({
  Records: messages.map((Message, i) => ({
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: 'arn:aws:sns:eu-central-1:123456789012:ses-feedback:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55',
    Sns: {
      Type: 'Notification',
      MessageId: `95df01b4-ee98-5cb9-9903-4c221d41eb5${i}`,
      TopicArn: 'arn:aws:sns:eu-central-1:123456789012:ses-feedback',
      Subject: null,
      Message,
      Timestamp: '2026-11-28T08:00:00.000Z',
      SignatureVersion: '1',
      Signature: 'tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==',
      SigningCertUrl: 'https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem',
      UnsubscribeUrl: 'https://sns.eu-central-1.amazonaws.com/?Action=Unsubscribe',
      MessageAttributes: {},
    },
  })),
});

let dir: string;
let subscribers: FsSubscriberStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ses-feedback-'));
  subscribers = new FsSubscriberStore(dir);
  for (const email of ['jane@example.com', 'recipient@example.com']) {
    await subscribers.put({ email, state: 'confirmed', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' });
  }
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const handlerWith = (store = subscribers) => createSesFeedbackHandler(async () => ({ subscribers: store, clock: { now: () => new Date('2026-11-28T08:00:00.000Z') } }));

describe('the SES feedback handler', () => {
  it('suppresses the addresses an SNS batch of bounces and complaints names', async () => {
    const report = await handlerWith()(snsEvent(await fixture('bounce-permanent.notification.json'), await fixture('complaint.event.json'), await fixture('delivery.notification.json')));
    expect(report.results.map((r) => [r.email, r.outcome])).toEqual([
      ['jane@example.com', 'suppressed'],
      ['recipient@example.com', 'suppressed'],
    ]);
    expect((await subscribers.get('jane@example.com'))?.state).toBe('suppressed');
    expect((await subscribers.get('recipient@example.com'))?.suppressedReason).toBe('complaint (abuse)');
    expect(JSON.parse(String(vi.mocked(process.stdout.write).mock.calls[0]?.[0]))).toMatchObject({ message: 'SES feedback applied', suppressed: [{ email: 'jane@example.com' }, { email: 'recipient@example.com' }] });
  });

  it('refuses an event that is not from SNS', async () => {
    await expect(handlerWith()({ rawPath: '/api/subscribe' })).rejects.toBeInstanceOf(InputError);
  });

  it('lets a store failure through, so Lambda retries the event', async () => {
    const broken = new FsSubscriberStore(dir);
    broken.swap = async () => {
      throw new Error('ProvisionedThroughputExceededException');
    };
    await expect(handlerWith(broken)(snsEvent(await fixture('bounce-permanent.notification.json')))).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});
