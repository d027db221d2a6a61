/**
 * One digest run at a time on AWS: a lease item in the ledger table's reserved partition, taken with a
 * conditional write. A lease past its expiry (its run was killed: Lambda stops at 15 minutes) is taken over.
 * The digest handler sets the expiry to just after its invocation's deadline.
 */
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RunLease } from '../ports.ts';
import { META_PARTITION, isConditionFailure } from './dynamo-ledger.ts';

export interface DynamoLeaseOptions {
  readonly client: DynamoDBDocumentClient;
  /** The ledger table. */
  readonly table: string;
  /** How long a lease holds without being released; longer than the run. @default 20 minutes */
  readonly ttlMs?: number;
}

const LEASE = '#lease';

/**
 * How long after a Lambda invocation's deadline its lease still holds (the digest handler's choice of
 * `ttlMs`). Lambda retries a run it stopped at its timeout one minute later; by then the lease has
 * expired, so the retry resumes the issue instead of finding the lease taken and leaving the rest of
 * the delivery to the next day.
 */
export const LEASE_AFTER_DEADLINE_MS = 30_000;

export class DynamoLease implements RunLease {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #ttlMs: number;

  constructor(options: DynamoLeaseOptions) {
    this.#client = options.client;
    this.#table = options.table;
    this.#ttlMs = options.ttlMs ?? 20 * 60 * 1000;
  }

  async acquire(owner: string, now: Date): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: { issue: META_PARTITION, email: LEASE, owner, at: now.toISOString(), expiresAt: now.getTime() + this.#ttlMs },
          ConditionExpression: 'attribute_not_exists(email) OR expiresAt < :now OR #owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':now': now.getTime(), ':owner': owner },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async release(owner: string): Promise<void> {
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#table,
          Key: { issue: META_PARTITION, email: LEASE },
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (error) {
      // Taken over after it expired: it is not ours to delete any more.
      if (!isConditionFailure(error)) throw error;
    }
  }
}
