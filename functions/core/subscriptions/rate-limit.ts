/**
 * A per-client token bucket, in memory. Time comes in as an argument. It limits one process: on Lambda each
 * warm execution environment keeps its own buckets, so it is a speed bump there, not a quota (see api.ts).
 */
export interface RateLimitOptions {
  /** Requests a client may make in a burst. */
  capacity: number;
  /** Milliseconds to earn back one request. */
  refillMs: number;
  /** Buckets kept at most; beyond that the fullest are forgotten first, so memory stays bounded. */
  maxClients?: number;
}

/** /api/subscribe: five at once, then one a minute. */
export const SUBSCRIBE_RATE_LIMIT: RateLimitOptions = { capacity: 5, refillMs: 60_000, maxClients: 10_000 };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class TokenBucketLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly options: RateLimitOptions) {}

  take(client: string, now: Date): RateDecision {
    const { capacity, refillMs } = this.options;
    const time = now.getTime();
    const bucket = this.#buckets.get(client) ?? { tokens: capacity, at: time };
    const earned = Math.max(0, time - bucket.at) / refillMs;
    const tokens = Math.min(capacity, bucket.tokens + earned);
    if (tokens < 1) {
      this.#buckets.set(client, { tokens, at: time });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - tokens) * refillMs) / 1000)) };
    }
    this.#buckets.delete(client); // re-inserted last: Map order is then least recently used first
    this.#buckets.set(client, { tokens: tokens - 1, at: time });
    this.#evict();
    return { allowed: true };
  }

  #evict(): void {
    const max = this.options.maxClients ?? 10_000;
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size <= max) return;
      this.#buckets.delete(key);
    }
  }
}
