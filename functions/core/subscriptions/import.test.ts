import { describe, expect, it } from 'vitest';
import type { Subscriber } from '../model.ts';
import { importConfirmed } from './import.ts';

const now = new Date('2026-03-01T00:00:00Z');
const existing = (state: Subscriber['state']): Subscriber => ({ email: 'ana@example.org', state, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });

describe('importConfirmed', () => {
  it('adds a new address as confirmed', () => {
    expect(importConfirmed(undefined, 'ana@example.org', now)).toEqual({
      outcome: 'added',
      subscriber: { email: 'ana@example.org', state: 'confirmed', createdAt: now.toISOString(), updatedAt: now.toISOString() },
    });
  });

  it('confirms a pending or unsubscribed address', () => {
    expect(importConfirmed(existing('pending'), 'ana@example.org', now).subscriber?.state).toBe('confirmed');
    expect(importConfirmed(existing('unsubscribed'), 'ana@example.org', now).outcome).toBe('confirmed');
  });

  it('never re-imports a suppressed address', () => {
    expect(importConfirmed(existing('suppressed'), 'ana@example.org', now)).toEqual({ outcome: 'refused-suppressed' });
  });
});
