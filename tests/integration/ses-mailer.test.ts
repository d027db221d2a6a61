import type { SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.ts';
import type { OutgoingMail } from '../../functions/core/model.ts';
import { sesClient, startSes, type SesProxy } from './support/servers.ts';

let ses: SesProxy;
let client: SESClient;
const quiet = () => {};

beforeAll(async () => {
  ses = await startSes();
  client = sesClient(ses.endpoint);
});

beforeEach(async () => {
  await ses.clear();
  ses.maxSendRate = undefined;
});

afterAll(async () => {
  client?.destroy();
  await ses?.close();
});

function mail(to: string, subject = 'News Digest #1'): OutgoingMail {
  const raw = [
    'From: News Digest <digest@example.com>',
    `To: ${to}`,
    `Subject: ${subject}`,
    'List-Unsubscribe: <https://digest.example/api/unsubscribe?token=abc>',
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Today: leaders met in Zürich.',
    '',
  ].join('\r\n');
  return { from: 'digest@example.com', to, raw: Buffer.from(raw, 'utf8') };
}

describe('SesMailer', () => {
  it('sends the raw MIME unchanged to one destination with the configuration set', async () => {
    const mailer = new SesMailer({ client, configurationSet: 'digest-events', sendRate: 50, warn: quiet });

    const messageId = await mailer.send(mail('ada@example.org'));

    const [call] = ses.requests.filter((r) => r.action === 'SendRawEmail');
    expect(call?.params.get('ConfigurationSetName')).toBe('digest-events');
    expect(call?.params.get('Destinations.member.1')).toBe('ada@example.org');
    expect(call?.params.get('Source')).toBe('digest@example.com');
    expect(call?.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(call?.raw).toContain('Today: leaders met in Zürich.');
    const { emails } = await ses.store();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ messageId, subject: 'News Digest #1', destination: { to: ['ada@example.org'] } });
  });

  it("paces sends to the account's maximum send rate from GetSendQuota", async () => {
    ses.maxSendRate = 5;
    const mailer = new SesMailer({ client, warn: quiet });

    const started = Date.now();
    for (const to of ['a', 'b', 'c', 'd', 'e', 'f']) await mailer.send(mail(`${to}@example.org`));
    const elapsed = Date.now() - started;

    expect(await mailer.sendIntervalMs()).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(5 * 200 - 20);
    expect(ses.requests.filter((r) => r.action === 'GetSendQuota')).toHaveLength(1);
    expect((await ses.store()).emails).toHaveLength(6);
  });

  it('falls back to a safe rate when GetSendQuota never answers, instead of hanging', async () => {
    const warnings: string[] = [];
    const mailer = new SesMailer({ client, quotaTimeoutMs: 300, fallbackSendRate: 2, warn: (message) => warnings.push(message) });

    await mailer.send(mail('ada@example.org'));

    expect(await mailer.sendIntervalMs()).toBe(500);
    expect(warnings).toEqual(['GetSendQuota failed; using the fallback rate']);
    expect((await ses.store()).emails).toHaveLength(1);
  });

  it('retries a throttled send with back-off and delivers it exactly once', async () => {
    ses.throttleNext(3);
    const mailer = new SesMailer({ client, sendRate: 50, baseDelayMs: 20, warn: quiet });

    const messageId = await mailer.send(mail('ada@example.org'));

    expect(ses.requests.filter((r) => r.action === 'SendRawEmail').map((r) => r.outcome)).toEqual([
      'throttled', 'throttled', 'throttled', 'forwarded',
    ]);
    expect(mailer.throttled).toBe(3);
    expect((await ses.store()).emails.map((e) => e.messageId)).toEqual([messageId]);
  });

  it('does not retry what waiting cannot fix: a spent daily quota or a rejected message', async () => {
    const mailer = new SesMailer({ client, sendRate: 50, baseDelayMs: 10, warn: quiet });

    ses.failNext(1, 'Throttling', 'Daily message quota exceeded.');
    await expect(mailer.send(mail('ada@example.org'))).rejects.toMatchObject({ name: 'MailRejectedError' });
    ses.failNext(1, 'MessageRejected', 'Email address is not verified.');
    await expect(mailer.send(mail('bob@example.org'))).rejects.toThrow('MessageRejected: Email address is not verified.');

    expect(ses.requests.filter((r) => r.action === 'SendRawEmail')).toHaveLength(2);
    expect(mailer.throttled).toBe(0);
    expect((await ses.store()).emails).toHaveLength(0);
  });

  it('gives up after the last try and says why, having sent nothing', async () => {
    ses.throttleNext(10);
    const mailer = new SesMailer({ client, sendRate: 50, maxAttempts: 3, baseDelayMs: 10, warn: quiet });

    await expect(mailer.send(mail('ada@example.org'))).rejects.toThrow(/Throttling: Maximum sending rate exceeded\. \(gave up after 3 tries\)/);
    expect(ses.requests.filter((r) => r.outcome === 'throttled')).toHaveLength(3);
    expect((await ses.store()).emails).toHaveLength(0);
    ses.throttleNext(0);
  });
});
