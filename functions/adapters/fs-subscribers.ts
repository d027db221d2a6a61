import { join } from 'node:path';
import type { Subscriber } from '../core/model.ts';
import type { SubscriberStore } from '../ports.ts';
import { readJsonFile, writeFileAtomic } from './atomic-file.ts';

/** Subscribers as `state/subscribers.json`, read fresh on every call so `serve` and `run` see each other's changes. */
export class FsSubscriberStore implements SubscriberStore {
  private readonly file: string;
  /** Read-modify-write of the one file, one at a time: `digest serve` answers requests concurrently. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(stateDir: string) {
    this.file = join(stateDir, 'subscribers.json');
  }

  async get(email: string): Promise<Subscriber | undefined> {
    return (await this.load())[email];
  }

  put(subscriber: Subscriber): Promise<void> {
    return this.exclusive(async () => {
      const all = await this.load();
      all[subscriber.email] = subscriber;
      await this.save(all);
    });
  }

  swap(email: string, expected: Subscriber | undefined, next: Subscriber | undefined): Promise<boolean> {
    return this.exclusive(async () => {
      const all = await this.load();
      const current = Object.hasOwn(all, email) ? all[email] : undefined;
      if (current?.updatedAt !== expected?.updatedAt) return false;
      if (next) all[email] = next;
      else delete all[email];
      await this.save(all);
      return true;
    });
  }

  remove(email: string): Promise<boolean> {
    return this.exclusive(async () => {
      const all = await this.load();
      if (!Object.hasOwn(all, email)) return false;
      delete all[email];
      await this.save(all);
      return true;
    });
  }

  async list(): Promise<Subscriber[]> {
    return Object.values(await this.load()).sort((a, b) => a.email.localeCompare(b.email));
  }

  private exclusive<T>(change: () => Promise<T>): Promise<T> {
    const result = this.writes.then(change);
    this.writes = result.catch(() => undefined);
    return result;
  }

  private load(): Promise<Record<string, Subscriber>> {
    return readJsonFile<Record<string, Subscriber>>(this.file, {});
  }

  private save(all: Record<string, Subscriber>): Promise<void> {
    return writeFileAtomic(this.file, `${JSON.stringify(all, null, 1)}\n`);
  }
}
