import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './tokens.ts';

const key = 'k'.repeat(64);
const now = new Date('2026-03-01T12:00:00Z');
const inAWeek = Math.floor(now.getTime() / 1000) + 7 * 86400;

describe('signed tokens', () => {
  it('verifies a token it signed, with its claims', () => {
    const token = signToken({ purpose: 'confirm', email: 'ana@example.org', expiresAt: inAWeek }, key);
    expect(verifyToken(token, key, 'confirm', now)).toEqual({ ok: true, claims: { purpose: 'confirm', email: 'ana@example.org', expiresAt: inAWeek } });
  });

  it('refuses a token signed with another key', () => {
    const token = signToken({ purpose: 'unsubscribe', email: 'ana@example.org' }, 'other-key');
    expect(verifyToken(token, key, 'unsubscribe', now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token whose payload was changed', () => {
    const token = signToken({ purpose: 'unsubscribe', email: 'ana@example.org' }, key);
    const forged = Buffer.from(JSON.stringify(['unsubscribe', 'bob@example.org', 0])).toString('base64url');
    expect(verifyToken(`${forged}.${token.split('.')[1]}`, key, 'unsubscribe', now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token made for another purpose', () => {
    const token = signToken({ purpose: 'unsubscribe', email: 'ana@example.org' }, key);
    expect(verifyToken(token, key, 'confirm', now)).toEqual({ ok: false, reason: 'wrong-purpose' });
  });

  it('refuses an expired token', () => {
    const token = signToken({ purpose: 'confirm', email: 'ana@example.org', expiresAt: inAWeek }, key);
    expect(verifyToken(token, key, 'confirm', new Date((inAWeek + 1) * 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('accepts exactly one spelling of a token', () => {
    const token = signToken({ purpose: 'unsubscribe', email: 'ana@example.org' }, key);
    for (const variant of [`${token}=`, `${token} `, `${token}"><script>`, `${token.slice(0, -1)}!${token.slice(-1)}`, `${token.slice(0, 4)}\n${token.slice(4)}`]) {
      expect(verifyToken(variant, key, 'unsubscribe', now), JSON.stringify(variant)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses garbage', () => {
    for (const garbage of ['', 'abc', 'a.b.c', '.', `${'x'.repeat(3000)}.y`]) {
      expect(verifyToken(garbage, key, 'confirm', now).ok).toBe(false);
    }
  });
});
