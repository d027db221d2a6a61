import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from './rate-limit.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 28, 8, 0, 0) + seconds * 1000);

describe('TokenBucketLimiter', () => {
  it('allows a burst of `capacity`, then one per refill period', () => {
    const limiter = new TokenBucketLimiter({ capacity: 3, refillMs: 10_000 });
    const burst = [0, 0, 0, 0].map(() => limiter.take('a', at(0)).allowed);
    expect(burst).toEqual([true, true, true, false]);
    expect(limiter.take('a', at(5))).toEqual({ allowed: false, retryAfterSeconds: 5 });
    expect(limiter.take('a', at(10)).allowed).toBe(true);
    expect(limiter.take('a', at(10)).allowed).toBe(false);
  });

  it('keeps clients apart', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillMs: 60_000 });
    expect(limiter.take('a', at(0)).allowed).toBe(true);
    expect(limiter.take('a', at(1)).allowed).toBe(false);
    expect(limiter.take('b', at(1)).allowed).toBe(true);
  });

  it('refused requests do not earn a client more time', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillMs: 60_000 });
    limiter.take('a', at(0));
    for (let s = 1; s < 60; s += 1) expect(limiter.take('a', at(s)).allowed).toBe(false);
    expect(limiter.take('a', at(60)).allowed).toBe(true);
  });

  it('forgets the least recently seen clients beyond maxClients, so memory stays bounded', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillMs: 60_000, maxClients: 2 });
    limiter.take('a', at(0));
    limiter.take('b', at(0));
    limiter.take('c', at(0)); // evicts a
    expect(limiter.take('b', at(1)).allowed).toBe(false);
    expect(limiter.take('a', at(1)).allowed).toBe(true); // a was forgotten: a fresh bucket
  });
});
