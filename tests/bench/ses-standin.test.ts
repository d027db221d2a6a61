import { GetSendQuotaCommand, SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSesStandIn, TokenBucket, type SesStandIn } from '../../scripts/bench/ses-standin.ts';

describe('TokenBucket', () => {
  it('lets one send through at once, then holds the sender to the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, () => now);

    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    now += 100; // one token at 10/s
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
  });

  it('saves up at most a full bucket while idle', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, () => now);
    bucket.tryTake();

    now += 60_000;
    const taken = [1, 2, 3].map(() => bucket.tryTake());

    expect(taken).toEqual([true, true, false]);
  });

  it('accepts exactly the rate over a long steady run, not more', () => {
    let now = 0;
    const bucket = new TokenBucket(200, 50, () => now);
    let accepted = 0;
    for (let ms = 0; ms < 10_000; ms += 0.5) {
      now = ms;
      if (bucket.tryTake()) accepted++;
    }
    expect(accepted).toBeGreaterThanOrEqual(1999);
    expect(accepted).toBeLessThanOrEqual(2001);
  });
});

describe('SES stand-in', () => {
  let standIn: SesStandIn;
  let client: SESClient;
  const raw = Buffer.from('From: digest@example.org\r\nTo: ada@example.org\r\nSubject: hi\r\n\r\nhello\r\n');
  const sendRaw = () => client.send(new SendRawEmailCommand({ Source: 'digest@example.org', Destinations: ['ada@example.org'], RawMessage: { Data: raw } }));

  beforeAll(async () => {
    standIn = await startSesStandIn({ maxSendRate: 2, burst: 2 });
    client = new SESClient({
      endpoint: standIn.endpoint,
      region: 'eu-central-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 2000, requestTimeout: 5000 },
    });
  });

  afterAll(async () => {
    client?.destroy();
    await standIn?.close();
  });

  it('answers GetSendQuota with the rate it enforces, as the real SDK parses it', async () => {
    standIn.reset(2, 2);

    const quota = await client.send(new GetSendQuotaCommand({}));

    expect(quota.MaxSendRate).toBe(2);
    expect(standIn.stats()).toMatchObject({ quotaLookups: 1, firstAcceptedMs: null });
  });

  it('accepts a send within the rate with a MessageId', async () => {
    standIn.reset(2, 2);

    const sent = await sendRaw();

    expect(sent.MessageId).toMatch(/^0100-standin-/);
    expect(standIn.stats()).toMatchObject({ accepted: 1, throttled: 0 });
    expect(standIn.stats().firstAcceptedMs).toBeGreaterThanOrEqual(0);
  });

  it("answers past the rate with SES's Throttling error, which the SDK names Throttling", async () => {
    standIn.reset(0.2, 1); // one send per 5 s: the second is refused even on a slow machine
    await sendRaw();

    const error = await sendRaw().then(
      () => undefined,
      (e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode?: number } },
    );

    expect(error?.name).toBe('Throttling');
    expect(error?.message).toBe('Maximum sending rate exceeded.');
    expect(error?.$metadata.httpStatusCode).toBe(400);
    expect(standIn.stats()).toMatchObject({ accepted: 1, throttled: 1 });
  });

  it('accepts again once the bucket has refilled', async () => {
    standIn.reset(5, 1);
    await sendRaw();

    await new Promise((resolve) => setTimeout(resolve, 300)); // one token at 5/s takes 200 ms

    await expect(sendRaw()).resolves.toHaveProperty('MessageId');
  });

  it('refuses an action it does not speak instead of pretending', async () => {
    const answer = await fetch(standIn.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=SendEmail&Version=2010-12-01',
    });

    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('<Code>InvalidAction</Code>');
  });
});
