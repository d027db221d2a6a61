/**
 * Mail through SES v1 `SendRawEmail`, with the configuration set (bounce and complaint events), paced to
 * the account's maximum send rate and backing off with jitter when SES throttles.
 *
 * The client should be built with `maxAttempts: 1` and request timeouts: this adapter owns the retries,
 * and it never retries a send that timed out, because SES may have accepted it (the ledger then records a
 * failure rather than risking a second copy).
 */
import { GetSendQuotaCommand, SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { OutgoingMail } from '../core/model.ts';
import type { Mailer } from '../ports.ts';

export interface SesMailerOptions {
  readonly client: SESClient;
  /** Configuration set every message is sent with. @default none */
  readonly configurationSet?: string;
  /** Messages per second. @default the account's `MaxSendRate` from GetSendQuota */
  readonly sendRate?: number;
  /** Rate used when GetSendQuota does not answer: the SES sandbox's. @default 1 */
  readonly fallbackSendRate?: number;
  /** How long to wait for GetSendQuota. @default 3000 ms */
  readonly quotaTimeoutMs?: number;
  /** Tries per message when SES throttles or fails transiently. @default 6 */
  readonly maxAttempts?: number;
  /** First back-off ceiling; doubles each try, with full jitter. @default 200 ms */
  readonly baseDelayMs?: number;
  /** Longest back-off ceiling. @default 10000 ms */
  readonly maxDelayMs?: number;
  /** Where warnings go (quota lookup failed, a throttled send retried). @default a JSON line on stderr */
  readonly warn?: (message: string, detail: Record<string, unknown>) => void;
  /** Injected for tests. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A send SES refused for good (bad address, message rejected, quota for the day spent). */
export class MailRejectedError extends Error {
  override readonly name = 'MailRejectedError';
}

const RETRYABLE = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalServerError',
]);

export class SesMailer implements Mailer {
  readonly #options: SesMailerOptions;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #warn: (message: string, detail: Record<string, unknown>) => void;
  #intervalMs: Promise<number> | undefined;
  #nextSlot = 0;
  /** Throttling retries so far; the run summary reports them. */
  throttled = 0;

  constructor(options: SesMailerOptions) {
    this.#options = options;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#warn =
      options.warn ?? ((message, detail) => console.warn(JSON.stringify({ level: 'WARN', message, ...detail })));
  }

  async send(mail: OutgoingMail): Promise<string> {
    const maxAttempts = this.#options.maxAttempts ?? 6;
    for (let attempt = 1; ; attempt++) {
      await this.#waitForSlot();
      try {
        const result = await this.#options.client.send(
          new SendRawEmailCommand({
            Source: mail.from,
            Destinations: [mail.to],
            RawMessage: { Data: mail.raw },
            ...(this.#options.configurationSet ? { ConfigurationSetName: this.#options.configurationSet } : {}),
          }),
        );
        if (!result.MessageId) throw new Error('SES answered without a MessageId');
        return result.MessageId;
      } catch (error) {
        if (!isRetryable(error)) throw toMailError(error);
        if (attempt >= maxAttempts) throw toMailError(error, `gave up after ${attempt} tries`);
        this.throttled++;
        const delay = this.#backOff(attempt);
        this.#warn('SES send throttled; retrying', { attempt, delayMs: Math.round(delay), error: errorName(error) });
        await this.#sleep(delay);
      }
    }
  }

  /** The spacing between sends, looked up once: a configured rate wins over the account's quota. */
  sendIntervalMs(): Promise<number> {
    this.#intervalMs ??= this.#lookUpRate().then((rate) => 1000 / rate);
    return this.#intervalMs;
  }

  async #lookUpRate(): Promise<number> {
    if (this.#options.sendRate) return this.#options.sendRate;
    const fallback = this.#options.fallbackSendRate ?? 1;
    try {
      const quota = await this.#options.client.send(new GetSendQuotaCommand({}), {
        abortSignal: AbortSignal.timeout(this.#options.quotaTimeoutMs ?? 3000),
      });
      if (quota.MaxSendRate && quota.MaxSendRate > 0) return quota.MaxSendRate;
      this.#warn('GetSendQuota gave no MaxSendRate; using the fallback rate', { sendRate: fallback });
    } catch (error) {
      this.#warn('GetSendQuota failed; using the fallback rate', { sendRate: fallback, error: errorName(error) });
    }
    return fallback;
  }

  /** Reserves the next send slot, so concurrent callers are spaced too. */
  async #waitForSlot(): Promise<void> {
    const interval = await this.sendIntervalMs();
    const now = Date.now();
    const slot = Math.max(now, this.#nextSlot);
    this.#nextSlot = slot + interval;
    if (slot > now) await this.#sleep(slot - now);
  }

  #backOff(attempt: number): number {
    const base = this.#options.baseDelayMs ?? 200;
    const ceiling = Math.min(this.#options.maxDelayMs ?? 10_000, base * 2 ** (attempt - 1));
    return Math.random() * ceiling;
  }
}

function errorName(error: unknown): string {
  return (error as { name?: string }).name ?? 'Error';
}

function isRetryable(error: unknown): boolean {
  const { name, message, $metadata } = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  // SES reports a spent daily quota as Throttling too; waiting seconds will not help.
  if (/daily message quota/i.test(message ?? '')) return false;
  if (name && RETRYABLE.has(name)) return true;
  const status = $metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

function toMailError(error: unknown, note?: string): Error {
  const { name, message } = error as { name?: string; message?: string };
  const text = `${name ?? 'Error'}: ${message ?? String(error)}${note ? ` (${note})` : ''}`;
  return name === 'MessageRejected' || name === 'MailFromDomainNotVerifiedException' || /quota/i.test(message ?? '')
    ? new MailRejectedError(text, { cause: error })
    : new Error(text, { cause: error });
}
