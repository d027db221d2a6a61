/**
 * The interfaces core needs from the outside world. Core owns them; adapters implement them
 * (fs-* and outbox locally, S3 / DynamoDB / SES on AWS), and core receives them as arguments.
 */
import type { LedgerEntry, OutgoingMail, RawDocument, Subscriber } from './core/model.ts';

/** The published archive: issue pages, issue data, index, feed. Keys are relative paths ("issues/3/index.html"). */
export interface ArchiveStore {
  put(key: string, body: string, contentType: string): Promise<void>;
  /** The object's text, or undefined when there is none. */
  get(key: string): Promise<string | undefined>;
}

/** Articles already digested, so a run only takes what is new. */
export interface SeenStore {
  /** The ids among `ids` that were never marked seen, in the given order. */
  filterUnseen(ids: string[]): Promise<string[]>;
  markSeen(ids: string[]): Promise<void>;
}

export interface SubscriberStore {
  get(email: string): Promise<Subscriber | undefined>;
  put(subscriber: Subscriber): Promise<void>;
  /**
   * Compare-and-set on one address: stores `next` (removes the address when it is undefined) only if the
   * stored record is still `expected` (undefined: no record), judged by its `updatedAt`. False, changing
   * nothing, when another request changed the address since `expected` was read.
   */
  swap(email: string, expected: Subscriber | undefined, next: Subscriber | undefined): Promise<boolean>;
  /** True when the address was there. */
  remove(email: string): Promise<boolean>;
  list(): Promise<Subscriber[]>;
}

/** What a claim on (issue, subscriber) found. */
export type ClaimOutcome =
  /** This run may send: nothing was recorded, or an earlier attempt failed and is retried. */
  | 'claimed'
  /** Already sent: skip. */
  | 'sent'
  /** Claimed earlier but never confirmed (a run died mid-send): the mail may have gone out, so it is not sent again. */
  | 'in-doubt';

/**
 * Who got which issue, and which issue is being delivered. `claim` is a conditional write made
 * before each send, so a retried, resumed or concurrent run never mails anyone twice.
 */
export interface SendLedger {
  claim(issue: number, email: string, at: string): Promise<ClaimOutcome>;
  markSent(issue: number, email: string, at: string, messageId: string): Promise<void>;
  markFailed(issue: number, email: string, at: string, error: string): Promise<void>;
  entries(issue: number): Promise<LedgerEntry[]>;
  /** Records that issue N is about to be published and delivered. */
  beginIssue(issue: number, at: string): Promise<void>;
  /** Records that delivery of issue N has ended (every recipient sent, failed or in doubt). */
  completeIssue(issue: number, at: string): Promise<void>;
  /** The issue that began and never completed (the run died), if any. */
  unfinishedIssue(): Promise<number | undefined>;
}

/**
 * One run at a time: a lease taken with a conditional write. A run that cannot take it exits
 * cleanly; a lease whose holder died (or expired) can be taken over.
 */
export interface RunLease {
  acquire(owner: string, now: Date): Promise<boolean>;
  release(owner: string): Promise<void>;
}

export interface Mailer {
  /** Sends one message; resolves to the provider's message id. */
  send(mail: OutgoingMail): Promise<string>;
}

/** One document of a location, or why that one alone could not be read (its error names it). */
export type DocumentRead = { document: RawDocument } | { location: string; error: unknown };

/** Reads what a source names: a file or folder locally, a URL, an S3 inbox. A folder gives several documents. */
export interface DocumentReader {
  /**
   * Yields the location's documents one at a time, so a large folder is never held in memory at once,
   * and a document that cannot be read in place of it, so one bad file never loses the others.
   * Throws (on iteration) only when the location itself cannot be read: missing, unsupported, empty.
   */
  read(location: string): AsyncIterable<DocumentRead>;
}

/** Fetches http(s) resources (articles named by feeds). */
export interface Fetcher {
  get(url: string): Promise<RawDocument>;
}

export interface Clock {
  now(): Date;
}
