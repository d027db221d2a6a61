/**
 * Signed tokens for confirm and unsubscribe links: HMAC-SHA256 over purpose, address and expiry,
 * compared in constant time. The key comes from the caller (Secrets Manager on AWS, the state folder locally).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'confirm' | 'unsubscribe';

export interface TokenClaims {
  purpose: TokenPurpose;
  email: string;
  /** Unix seconds; absent for tokens that do not expire (unsubscribe). */
  expiresAt?: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-purpose' | 'expired' };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

function signature(payload: string, key: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export function signToken(claims: TokenClaims, key: string): string {
  const payload = encode(JSON.stringify([claims.purpose, claims.email, claims.expiresAt ?? 0]));
  return `${payload}.${signature(payload, key).toString('base64url')}`;
}

export function verifyToken(token: string, key: string, purpose: TokenPurpose, now: Date): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1] || token.length > 2048) return { ok: false, reason: 'malformed' };
  // Only canonical base64url: Node's decoder skips stray characters, which would let many spellings of one token verify.
  if (!parts.every((part) => BASE64URL.test(part))) return { ok: false, reason: 'malformed' };
  const [payload, given] = parts as [string, string];
  const expected = signature(payload, key);
  const actual = Buffer.from(given, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, reason: 'bad-signature' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) return { ok: false, reason: 'malformed' };
  const [tokenPurpose, email, expiresAt] = decoded as [unknown, unknown, unknown];
  if (typeof email !== 'string' || typeof expiresAt !== 'number') return { ok: false, reason: 'malformed' };
  if (tokenPurpose !== purpose) return { ok: false, reason: 'wrong-purpose' };
  if (expiresAt !== 0 && now.getTime() / 1000 > expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { purpose, email, ...(expiresAt !== 0 ? { expiresAt } : {}) } };
}
