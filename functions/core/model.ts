/** The pipeline's domain types, shared by core, ports and adapters. */

/** One article, as ingest hands it to the fact engine. */
export interface Article {
  /** Stable identity for the seen set: the article URL, or a hash of its text. */
  id: string;
  /** Where it came from, as the user named it (path, URL, S3 key, feed URL). */
  source: string;
  /** Link to the original (http(s) only), when there is one. */
  url?: string;
  /** The article's own title (HTML, feed); plain text has none. */
  title?: string;
  /** Readable plain text; paragraphs separated by blank lines. */
  text: string;
  /** ISO 8601 publication date, when known. */
  publishedAt?: string;
}

/** A raw document read from a source: a file, an HTTP response, an S3 object. */
export interface RawDocument {
  /** Path, URL or key; shown in messages. */
  location: string;
  /** MIME type when the source knows it (HTTP, S3); otherwise the extension decides. */
  contentType?: string;
  body: string;
}

export type SubscriberState = 'pending' | 'confirmed' | 'unsubscribed' | 'suppressed';

export interface Subscriber {
  /** Normalised address (trimmed, lower-case): the key. */
  email: string;
  name?: string;
  state: SubscriberState;
  createdAt: string;
  updatedAt: string;
  /** When the last confirmation mail went out (at most one a day). */
  confirmationSentAt?: string;
  /** Transient bounces seen; three suppress the address. */
  transientBounces?: number;
  /** The provider's ids of the transient bounces counted, so one delivered twice counts once. */
  transientBounceIds?: string[];
  /** Why the address is suppressed (complaint, permanent bounce, ...). */
  suppressedReason?: string;
}

/** A composed MIME message, ready for SES SendRawEmail or an outbox file. */
export interface OutgoingMail {
  from: string;
  to: string;
  raw: Buffer;
}

export type LedgerStatus = 'claimed' | 'sent' | 'failed';

export interface LedgerEntry {
  issue: number;
  email: string;
  status: LedgerStatus;
  at: string;
  messageId?: string;
  error?: string;
  /** Send attempts so far; a failed send is retried by the next run of the same issue. */
  attempts?: number;
}
