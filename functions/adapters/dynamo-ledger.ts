/**
 * The send ledger in DynamoDB: one item per (issue, address), partition key `issue`, sort key `email`.
 * Every claim is a conditional write, so a retried, resumed or concurrent run never mails anyone twice:
 * - nothing recorded: a conditional put claims it;
 * - a failed send: a conditional update (on the attempt count it read) claims the retry, once;
 * - a claim never confirmed (the run died mid-send): in doubt, never sent again;
 * - sent: skipped.
 * Which issue is being delivered lives in the reserved partition `issue = 0` (issues start at 1).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LedgerEntry, LedgerStatus } from '../core/model.ts';
import type { ClaimOutcome, SendLedger } from '../ports.ts';

export interface DynamoLedgerOptions {
  readonly client: DynamoDBDocumentClient;
  readonly table: string;
}

/** The reserved partition for records about the ledger itself (the issue being delivered, the run lease). */
export const META_PARTITION = 0;
const CURRENT_ISSUE = '#issue';

export class DynamoLedger implements SendLedger {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: DynamoLedgerOptions) {
    this.#client = options.client;
    this.#table = options.table;
  }

  async claim(issue: number, email: string, at: string): Promise<ClaimOutcome> {
    let existing: Record<string, unknown> | undefined;
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: { issue, email, status: 'claimed', at, attempts: 1 },
          ConditionExpression: 'attribute_not_exists(email)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      existing = (error as ConditionalCheckFailedException).Item as Record<string, unknown> | undefined;
    }
    // A server that does not return the old item (or a race with a delete) reads it back instead.
    existing ??= (await this.#client.send(new GetCommand({ TableName: this.#table, Key: { issue, email }, ConsistentRead: true }))).Item;
    if (existing?.status === 'sent') return 'sent';
    if (existing?.status !== 'failed') return 'in-doubt';
    const attempts = typeof existing.attempts === 'number' ? existing.attempts : 1;
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { issue, email },
          UpdateExpression: 'SET #status = :claimed, #at = :at, attempts = :next REMOVE #error',
          ConditionExpression: '#status = :failed AND (attempts = :attempts OR attribute_not_exists(attempts))',
          ExpressionAttributeNames: { '#status': 'status', '#at': 'at', '#error': 'error' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':failed': 'failed', ':at': at, ':attempts': attempts, ':next': attempts + 1 },
        }),
      );
      return 'claimed';
    } catch (error) {
      // Another run claimed the retry between our read and our write.
      if (isConditionFailure(error)) return 'in-doubt';
      throw error;
    }
  }

  markSent(issue: number, email: string, at: string, messageId: string): Promise<void> {
    return this.#settle(issue, email, 'sent', at, 'messageId', messageId);
  }

  markFailed(issue: number, email: string, at: string, error: string): Promise<void> {
    return this.#settle(issue, email, 'failed', at, 'error', error.slice(0, 1000));
  }

  async entries(issue: number): Promise<LedgerEntry[]> {
    const entries: LedgerEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'issue = :issue',
          ExpressionAttributeValues: { ':issue': issue },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      for (const item of page.Items ?? []) entries.push(toEntry(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }

  async beginIssue(issue: number, at: string): Promise<void> {
    await this.#client.send(
      new PutCommand({ TableName: this.#table, Item: { issue: META_PARTITION, email: CURRENT_ISSUE, current: issue, status: 'delivering', at } }),
    );
  }

  async completeIssue(issue: number, at: string): Promise<void> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { issue: META_PARTITION, email: CURRENT_ISSUE },
          UpdateExpression: 'SET #status = :complete, #at = :at',
          ConditionExpression: '#current = :issue',
          ExpressionAttributeNames: { '#status': 'status', '#at': 'at', '#current': 'current' },
          ExpressionAttributeValues: { ':complete': 'complete', ':at': at, ':issue': issue },
        }),
      );
    } catch (error) {
      // A later issue has begun since: this one is not the one being delivered any more.
      if (!isConditionFailure(error)) throw error;
    }
  }

  async unfinishedIssue(): Promise<number | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: { issue: META_PARTITION, email: CURRENT_ISSUE }, ConsistentRead: true }),
    );
    return Item?.status === 'delivering' && typeof Item.current === 'number' ? Item.current : undefined;
  }

  async #settle(issue: number, email: string, status: LedgerStatus, at: string, field: string, value: string): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { issue, email },
        UpdateExpression: 'SET #status = :status, #at = :at, #field = :value',
        ExpressionAttributeNames: { '#status': 'status', '#at': 'at', '#field': field },
        ExpressionAttributeValues: { ':status': status, ':at': at, ':value': value },
      }),
    );
  }
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';
}

function toEntry(item: Record<string, unknown>): LedgerEntry {
  const entry: LedgerEntry = {
    issue: Number(item.issue),
    email: String(item.email),
    status: item.status as LedgerStatus,
    at: String(item.at),
  };
  if (typeof item.messageId === 'string') entry.messageId = item.messageId;
  if (typeof item.error === 'string') entry.error = item.error;
  if (typeof item.attempts === 'number') entry.attempts = item.attempts;
  return entry;
}
