import type { Subscriber } from '../model.ts';

export type ImportOutcome = 'added' | 'confirmed' | 'unchanged' | 'refused-suppressed';

/**
 * Imports an address that already opted in elsewhere. A suppressed address (complaint, hard
 * bounce) is never re-imported silently: the owner must remove it first, deliberately.
 */
export function importConfirmed(existing: Subscriber | undefined, email: string, now: Date, name?: string): { outcome: ImportOutcome; subscriber?: Subscriber } {
  const at = now.toISOString();
  if (!existing) {
    return { outcome: 'added', subscriber: { email, ...(name ? { name } : {}), state: 'confirmed', createdAt: at, updatedAt: at } };
  }
  if (existing.state === 'suppressed') return { outcome: 'refused-suppressed' };
  if (existing.state === 'confirmed') return { outcome: 'unchanged' };
  return { outcome: 'confirmed', subscriber: { ...existing, ...(name ? { name } : {}), state: 'confirmed', updatedAt: at } };
}
