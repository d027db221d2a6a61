/** The seen set in DynamoDB: one item per article id (partition key `id`), written in batches. */
import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Clock, SeenStore } from '../ports.ts';

export interface DynamoSeenOptions {
  readonly client: DynamoDBDocumentClient;
  readonly table: string;
  /** Stamps `seenAt` on each item. @default the system clock */
  readonly clock?: Clock;
  /** Tries for a batch DynamoDB keeps handing back as unprocessed. @default 8 */
  readonly maxBatchAttempts?: number;
}

/** DynamoDB's own batch limits. */
const GET_BATCH = 100;
const WRITE_BATCH = 25;

export class DynamoSeen implements SeenStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #clock: Clock;
  readonly #maxBatchAttempts: number;

  constructor(options: DynamoSeenOptions) {
    this.#client = options.client;
    this.#table = options.table;
    this.#clock = options.clock ?? { now: () => new Date() };
    this.#maxBatchAttempts = options.maxBatchAttempts ?? 8;
  }

  async filterUnseen(ids: string[]): Promise<string[]> {
    const seen = new Set<string>();
    for (const chunk of chunks([...new Set(ids)], GET_BATCH)) {
      let keys: Record<string, unknown>[] | undefined = chunk.map((id) => ({ id }));
      for (let attempt = 1; keys && keys.length > 0; attempt++) {
        this.#giveUpAfter(attempt, 'read');
        const result: BatchGetCommandOutput = await this.#client.send(
          new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'id' } } }),
        );
        for (const item of result.Responses?.[this.#table] ?? []) seen.add(String(item.id));
        keys = result.UnprocessedKeys?.[this.#table]?.Keys;
        if (keys && keys.length > 0) await backOff(attempt);
      }
    }
    return ids.filter((id) => !seen.has(id));
  }

  async markSeen(ids: string[]): Promise<void> {
    const seenAt = this.#clock.now().toISOString();
    for (const chunk of chunks([...new Set(ids)], WRITE_BATCH)) {
      let requests: Array<Record<string, unknown>> | undefined = chunk.map((id) => ({ PutRequest: { Item: { id, seenAt } } }));
      for (let attempt = 1; requests && requests.length > 0; attempt++) {
        this.#giveUpAfter(attempt, 'write');
        const result = await this.#client.send(new BatchWriteCommand({ RequestItems: { [this.#table]: requests } }));
        requests = result.UnprocessedItems?.[this.#table] as Array<Record<string, unknown>> | undefined;
        if (requests && requests.length > 0) await backOff(attempt);
      }
    }
  }

  #giveUpAfter(attempt: number, what: string): void {
    if (attempt > this.#maxBatchAttempts) {
      throw new Error(`seen set: DynamoDB left a batch ${what} unprocessed after ${this.#maxBatchAttempts} tries`);
    }
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Exponential back-off with full jitter, as DynamoDB asks for unprocessed batch items. */
function backOff(attempt: number): Promise<void> {
  const ceiling = Math.min(2000, 50 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
