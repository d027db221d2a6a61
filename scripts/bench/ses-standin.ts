/**
 * A local stand-in for SES, written for the bench: enough of the SES v1 Query API for SendRawEmail and
 * GetSendQuota, with the account's maximum send rate enforced by a token bucket. Past the rate it answers
 * what SES answers: HTTP 400 with the `Throttling` error XML, which the real SDK turns into a `Throttling` error.
 *
 * It keeps no mail (the bench sends tens of thousands), only counts, so it stays cheap and the client's
 * cost dominates what is measured. `POST /_standin/reset` sets the rate between windows, `GET /_standin/stats`
 * reads the counters.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const NS = 'http://ses.amazonaws.com/doc/2010-12-01/';

/**
 * Tokens refill continuously at `ratePerSecond`; a full bucket holds `burst` sends. It starts with one token,
 * so a sender that starts at full speed is held to the rate from its first second, not handed a burst.
 */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError(`rate must be positive, got ${ratePerSecond}`);
    if (!(burst >= 1)) throw new RangeError(`burst must be at least 1, got ${burst}`);
    this.#tokens = 1;
    this.#last = now();
  }

  /** Takes one token when there is one. */
  tryTake(): boolean {
    const now = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.ratePerSecond);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/**
 * How much a full bucket holds: a quarter second of sends, at least two. SES documents no burst; this lets a
 * correctly paced sender through when a send arrives up to 250 ms late and the next one on time (a loaded
 * machine does that), while anything sustained above the rate is refused within a second.
 */
export const defaultBurst = (ratePerSecond: number) => Math.max(2, ratePerSecond * 0.25);

export interface StandInStats {
  maxSendRate: number;
  burst: number;
  accepted: number;
  throttled: number;
  quotaLookups: number;
  /** Requests with an action the stand-in does not speak. */
  unsupported: number;
  /** When the first and the last accepted send arrived, in ms since the last reset (null before any). */
  firstAcceptedMs: number | null;
  lastAcceptedMs: number | null;
}

export interface SesStandIn {
  readonly endpoint: string;
  stats(): StandInStats;
  /** A fresh, full bucket at this rate and zeroed counters. */
  reset(maxSendRate: number, burst?: number): void;
  close(): Promise<void>;
}

export const throttlingXml = (requestId: string) =>
  `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>Throttling</Code>` +
  `<Message>Maximum sending rate exceeded.</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;

const sendRawEmailXml = (messageId: string, requestId: string) =>
  `<SendRawEmailResponse xmlns="${NS}"><SendRawEmailResult><MessageId>${messageId}</MessageId></SendRawEmailResult>` +
  `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></SendRawEmailResponse>`;

const getSendQuotaXml = (maxSendRate: number, sent: number, requestId: string) =>
  `<GetSendQuotaResponse xmlns="${NS}"><GetSendQuotaResult><Max24HourSend>10000000.0</Max24HourSend>` +
  `<MaxSendRate>${maxSendRate}</MaxSendRate><SentLast24Hours>${sent}.0</SentLast24Hours></GetSendQuotaResult>` +
  `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetSendQuotaResponse>`;

const errorXml = (code: string, message: string, requestId: string) =>
  `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error>` +
  `<RequestId>${requestId}</RequestId></ErrorResponse>`;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSesStandIn(options: { maxSendRate: number; burst?: number; port?: number }): Promise<SesStandIn> {
  let bucket = new TokenBucket(options.maxSendRate, options.burst ?? defaultBurst(options.maxSendRate));
  const counts = { accepted: 0, throttled: 0, quotaLookups: 0, unsupported: 0 };
  let resetAt = performance.now();
  let firstAcceptedMs: number | null = null;
  let lastAcceptedMs: number | null = null;
  let sequence = 0;

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const requestId = `00000000-0000-4000-8000-${(++sequence).toString(16).padStart(12, '0')}`;
    const reply = (status: number, xml: string) => {
      res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
      res.end(xml);
    };
    if (req.url?.startsWith('/_standin/')) {
      const url = new URL(req.url, 'http://standin');
      if (url.pathname === '/_standin/reset' && req.method === 'POST') {
        const rate = Number(url.searchParams.get('rate'));
        const burst = url.searchParams.has('burst') ? Number(url.searchParams.get('burst')) : undefined;
        standIn.reset(rate, burst);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(standIn.stats()));
      return;
    }
    const params = new URLSearchParams(body);
    switch (params.get('Action')) {
      case 'SendRawEmail': {
        if (!params.get('RawMessage.Data')) return reply(400, errorXml('InvalidParameterValue', 'RawMessage.Data is required', requestId));
        if (!bucket.tryTake()) {
          counts.throttled++;
          return reply(400, throttlingXml(requestId));
        }
        counts.accepted++;
        lastAcceptedMs = performance.now() - resetAt;
        firstAcceptedMs ??= lastAcceptedMs;
        return reply(200, sendRawEmailXml(`0100-standin-${randomUUID()}`, requestId));
      }
      case 'GetSendQuota':
        counts.quotaLookups++;
        return reply(200, getSendQuotaXml(bucket.ratePerSecond, counts.accepted, requestId));
      default:
        counts.unsupported++;
        return reply(400, errorXml('InvalidAction', `The action ${params.get('Action') ?? '(none)'} is not valid for this endpoint`, requestId));
    }
  });
  server.keepAliveTimeout = 30_000;

  const standIn: SesStandIn = {
    endpoint: '',
    stats: () => ({ maxSendRate: bucket.ratePerSecond, burst: bucket.burst, ...counts, firstAcceptedMs, lastAcceptedMs }),
    reset(maxSendRate, burst) {
      bucket = new TokenBucket(maxSendRate, burst ?? defaultBurst(maxSendRate));
      Object.assign(counts, { accepted: 0, throttled: 0, quotaLookups: 0, unsupported: 0 });
      resetAt = performance.now();
      firstAcceptedMs = lastAcceptedMs = null;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return Object.assign(standIn, { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}
