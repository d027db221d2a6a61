/**
 * Every change to one address goes through here: read it, decide the change, store it with a
 * compare-and-set (`SubscriberStore.swap`). When another request changed the address in between (a
 * complaint while a reader confirms, a double click), it reads again and decides again, so no change
 * ever overwrites one it did not see: a suppressed address cannot be confirmed back by a late click.
 */
import type { SubscriberStore } from '../../ports.ts';
import type { Subscriber } from '../model.ts';

/** How often a change reads the address again after another request changed it first. */
const ATTEMPTS = 3;

export async function changeAddress<C extends { subscriber?: Subscriber }>(
  store: SubscriberStore,
  email: string,
  decide: (existing: Subscriber | undefined) => C,
): Promise<{ existing: Subscriber | undefined; change: C }> {
  for (let attempt = 1; ; attempt++) {
    const existing = await store.get(email);
    const change = decide(existing);
    if (!change.subscriber || (await store.swap(email, existing, change.subscriber))) return { existing, change };
    if (attempt === ATTEMPTS) throw new Error(`${email}: the address kept changing while it was being updated; try again`);
  }
}
