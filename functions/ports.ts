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
  /** True when the address was there. */
  remove(email: string): Promise<boolean>;
  list(): Promise<Subscriber[]>;
}

/**
 * Who got which issue. `claim` is a conditional write: it succeeds once per (issue, email),
 * before the send, so a retried or concurrent run never mails anyone twice.
 */
export interface SendLedger {
  claim(issue: number, email: string, at: string): Promise<boolean>;
  markSent(issue: number, email: string, at: string, messageId: string): Promise<void>;
  markFailed(issue: number, email: string, at: string, error: string): Promise<void>;
  entries(issue: number): Promise<LedgerEntry[]>;
}

export interface Mailer {
  /** Sends one message; resolves to the provider's message id. */
  send(mail: OutgoingMail): Promise<string>;
}

/** Reads what a source names: a file or folder locally, a URL, an S3 inbox. A folder gives several documents. */
export interface DocumentReader {
  read(location: string): Promise<RawDocument[]>;
}

/** Fetches http(s) resources (articles named by feeds). */
export interface Fetcher {
  get(url: string): Promise<RawDocument>;
}

export interface Clock {
  now(): Date;
}
