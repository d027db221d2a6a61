/**
 * The send ledger in DynamoDB: one item per (issue, address), partition key `issue`, sort key `email`.
 * `claim` is a conditional put that only the first caller wins, so a retried or concurrent run never
 * mails anyone twice. A claim that never became `sent` (the run died mid-send) is not retried: the mail
 * may have gone out, and a missed digest is better than a duplicate.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LedgerEntry, LedgerStatus } from '../core/model.ts';
import type { SendLedger } from '../ports.ts';

export interface DynamoLedgerOptions {
  readonly client: DynamoDBDocumentClient;
  readonly table: string;
}

export class DynamoLedger implements SendLedger {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: DynamoLedgerOptions) {
    this.#client = options.client;
    this.#table = options.table;
  }

  async claim(issue: number, email: string, at: string): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: { issue, email, status: 'claimed', at },
          ConditionExpression: 'attribute_not_exists(email)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException') {
        return false;
      }
      throw error;
    }
  }

  markSent(issue: number, email: string, at: string, messageId: string): Promise<void> {
    return this.#settle(issue, email, 'sent', at, { messageId });
  }

  markFailed(issue: number, email: string, at: string, error: string): Promise<void> {
    return this.#settle(issue, email, 'failed', at, { error: error.slice(0, 1000) });
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

  async #settle(issue: number, email: string, status: LedgerStatus, at: string, detail: Record<string, string>): Promise<void> {
    const [[name, value]] = Object.entries(detail) as [[string, string]];
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { issue, email },
        UpdateExpression: 'SET #status = :status, #at = :at, #detail = :detail',
        ExpressionAttributeNames: { '#status': 'status', '#at': 'at', '#detail': name },
        ExpressionAttributeValues: { ':status': status, ':at': at, ':detail': value },
      }),
    );
  }
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
  return entry;
}
