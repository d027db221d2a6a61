import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueFixture } from '../../../tests/support/issue-fixture.ts';
import { FsSendLedger } from '../../adapters/fs-ledger.ts';
import { FsSubscriberStore } from '../../adapters/fs-subscribers.ts';
import { OutboxMailer } from '../../adapters/outbox-mailer.ts';
import { loadTemplates } from '../../adapters/templates.ts';
import { deliverIssue } from '../digest/deliver.ts';
import type { Subscriber } from '../model.ts';
import { applySesFeedback, parseSesNotification } from './feedback.ts';

const fixture = (name: string) => readFile(new URL(`./testdata/ses/${name}`, import.meta.url), 'utf8');
const now = new Date('2026-11-28T08:00:00.000Z');
const clock = { now: () => now };
const confirmed = (email: string): Subscriber => ({ email, state: 'confirmed', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' });

describe('parseSesNotification', () => {
  it('reads a permanent bounce notification', async () => {
    expect(parseSesNotification(await fixture('bounce-permanent.notification.json'))).toEqual([
      { email: 'jane@example.com', problem: 'permanent-bounce', detail: 'Permanent/General', feedbackId: '00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000' },
    ]);
  });

  it('reads a configuration-set bounce event and normalises the address', async () => {
    expect(parseSesNotification(await fixture('bounce-transient.event.json'))).toEqual([
      { email: 'recipient@example.com', problem: 'transient-bounce', detail: 'Transient/MailboxFull', feedbackId: '0100017a2c9c1b9d-7b8f3a51-6c3e-4b6f-9a8e-2a5fexample-000000' },
    ]);
  });

  it('reads complaints in both shapes', async () => {
    expect(parseSesNotification(await fixture('complaint.notification.json'))).toEqual([{ email: 'richard@example.com', problem: 'complaint', detail: 'abuse' }]);
    expect(parseSesNotification(await fixture('complaint.event.json'))).toEqual([{ email: 'recipient@example.com', problem: 'complaint', detail: 'abuse' }]);
  });

  it('ignores deliveries', async () => {
    expect(parseSesNotification(await fixture('delivery.notification.json'))).toEqual([]);
  });
});

describe('applySesFeedback', () => {
  let dir: string;
  let subscribers: FsSubscriberStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedback-'));
    subscribers = new FsSubscriberStore(dir);
    for (const email of ['jane@example.com', 'richard@example.com', 'recipient@example.com', 'mary@example.com']) await subscribers.put(confirmed(email));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('suppresses on a permanent bounce and on a complaint, and touches no one else', async () => {
    const report = await applySesFeedback([await fixture('bounce-permanent.notification.json'), await fixture('complaint.notification.json')], { subscribers, clock });
    expect(report.results.map((r) => r.outcome)).toEqual(['suppressed', 'suppressed']);
    expect(await subscribers.get('jane@example.com')).toMatchObject({ state: 'suppressed', suppressedReason: 'permanent bounce (Permanent/General)' });
    expect(await subscribers.get('richard@example.com')).toMatchObject({ state: 'suppressed', suppressedReason: 'complaint (abuse)' });
    expect((await subscribers.get('mary@example.com'))?.state).toBe('confirmed');
  });

  /** The transient bounce fixture as SES would send it for another bounce: its own feedbackId. */
  const transientBounce = async (n: number) => {
    const event = JSON.parse(await fixture('bounce-transient.event.json'));
    event.bounce.feedbackId = `bounce-${n}`;
    return JSON.stringify(event);
  };

  it('suppresses after the third transient bounce', async () => {
    await applySesFeedback([await transientBounce(1), await transientBounce(2)], { subscribers, clock });
    expect(await subscribers.get('recipient@example.com')).toMatchObject({ state: 'confirmed', transientBounces: 2 });
    const report = await applySesFeedback([await transientBounce(3)], { subscribers, clock });
    expect(report.results).toEqual([{ email: 'recipient@example.com', problem: 'transient-bounce', outcome: 'suppressed' }]);
    expect(await subscribers.get('recipient@example.com')).toMatchObject({ state: 'suppressed', transientBounces: 3 });
  });

  it('counts a transient bounce that SNS delivers again once', async () => {
    const again = await transientBounce(1);
    const report = await applySesFeedback([again, again, await transientBounce(2), again], { subscribers, clock });
    expect(report.results.map((r) => r.outcome)).toEqual(['counted', 'duplicate', 'counted', 'duplicate']);
    expect(await subscribers.get('recipient@example.com')).toMatchObject({ state: 'confirmed', transientBounces: 2 });
  });

  it('skips a message that is not an SES notification and still applies the rest', async () => {
    const report = await applySesFeedback(['not json', '{"notificationType":"Bounce"}', await fixture('complaint.event.json')], { subscribers, clock });
    expect(report.rejected).toHaveLength(2);
    expect((await subscribers.get('recipient@example.com'))?.state).toBe('suppressed');
  });

  it('keeps suppressed addresses out of the next digest', async () => {
    await applySesFeedback([await fixture('bounce-permanent.notification.json'), await fixture('complaint.notification.json')], { subscribers, clock });
    const mailer = new OutboxMailer(join(dir, 'outbox'));
    const sentTo: string[] = [];
    const report = await deliverIssue(issueFixture(), { digestTitle: 'Digest', siteUrl: 'https://digest.example.org/' }, 'news@example.org', {
      subscribers,
      ledger: new FsSendLedger(dir),
      mailer: { send: async (mail) => (sentTo.push(mail.to), mailer.send(mail)) },
      clock,
      templates: await loadTemplates(),
      tokenKey: 'key',
    });
    expect(report.sent).toBe(2);
    expect(sentTo.sort()).toEqual(['mary@example.com', 'recipient@example.com']);
  });
});
