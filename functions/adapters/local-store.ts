import { join, resolve } from 'node:path';
import { FsArchive } from './fs-archive.ts';
import { FsRunLease } from './fs-lease.ts';
import { FsSendLedger } from './fs-ledger.ts';
import { FsSeenStore } from './fs-seen.ts';
import { FsSubscriberStore } from './fs-subscribers.ts';
import { localTokenKey } from './local-key.ts';
import { OutboxMailer } from './outbox-mailer.ts';

/** The output folder `digest` commands share (`--out DIR`): archive/, outbox/, state/. */
export const DEFAULT_OUT_DIR = '.digest';

export interface LocalStore {
  paths: { root: string; archive: string; outbox: string; state: string };
  archive: FsArchive;
  seen: FsSeenStore;
  subscribers: FsSubscriberStore;
  ledger: FsSendLedger;
  lease: FsRunLease;
  outbox: OutboxMailer;
  tokenKey: () => Promise<string>;
}

export function openLocalStore(outDir: string = DEFAULT_OUT_DIR): LocalStore {
  const root = resolve(outDir);
  const paths = { root, archive: join(root, 'archive'), outbox: join(root, 'outbox'), state: join(root, 'state') };
  return {
    paths,
    archive: new FsArchive(paths.archive),
    seen: new FsSeenStore(paths.state),
    subscribers: new FsSubscriberStore(paths.state),
    ledger: new FsSendLedger(paths.state),
    lease: new FsRunLease(paths.state),
    outbox: new OutboxMailer(paths.outbox),
    tokenKey: () => localTokenKey(paths.state),
  };
}
