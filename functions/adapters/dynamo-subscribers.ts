/** Subscribers in DynamoDB, one item per normalised address (partition key `email`). */
import { DeleteCommand, GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Subscriber } from '../core/model.ts';
import type { SubscriberStore } from '../ports.ts';
import { isConditionFailure } from './dynamo-ledger.ts';

export interface DynamoSubscribersOptions {
  readonly client: DynamoDBDocumentClient;
  readonly table: string;
}

export class DynamoSubscribers implements SubscriberStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: DynamoSubscribersOptions) {
    this.#client = options.client;
    this.#table = options.table;
  }

  async get(email: string): Promise<Subscriber | undefined> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#table, Key: { email }, ConsistentRead: true }));
    return Item ? toSubscriber(Item) : undefined;
  }

  async put(subscriber: Subscriber): Promise<void> {
    await this.#client.send(new PutCommand({ TableName: this.#table, Item: { ...subscriber } }));
  }

  async swap(email: string, expected: Subscriber | undefined, next: Subscriber | undefined): Promise<boolean> {
    const condition = expected
      ? { ConditionExpression: 'updatedAt = :expected', ExpressionAttributeValues: { ':expected': expected.updatedAt } }
      : { ConditionExpression: 'attribute_not_exists(email)' };
    try {
      if (next) await this.#client.send(new PutCommand({ TableName: this.#table, Item: { ...next }, ...condition }));
      else await this.#client.send(new DeleteCommand({ TableName: this.#table, Key: { email }, ...condition }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async remove(email: string): Promise<boolean> {
    const { Attributes } = await this.#client.send(
      new DeleteCommand({ TableName: this.#table, Key: { email }, ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }

  /** Every subscriber, in address order; a scan is fine for a mailing list a person runs. */
  async list(): Promise<Subscriber[]> {
    const subscribers: Subscriber[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new ScanCommand({ TableName: this.#table, ExclusiveStartKey: startKey, ConsistentRead: true }),
      );
      for (const item of page.Items ?? []) subscribers.push(toSubscriber(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return subscribers.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  }
}

function toSubscriber(item: Record<string, unknown>): Subscriber {
  const subscriber: Subscriber = {
    email: String(item.email),
    state: item.state as Subscriber['state'],
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
  };
  if (typeof item.name === 'string') subscriber.name = item.name;
  if (typeof item.confirmationSentAt === 'string') subscriber.confirmationSentAt = item.confirmationSentAt;
  if (typeof item.transientBounces === 'number') subscriber.transientBounces = item.transientBounces;
  if (Array.isArray(item.transientBounceIds)) subscriber.transientBounceIds = item.transientBounceIds.map(String);
  if (typeof item.suppressedReason === 'string') subscriber.suppressedReason = item.suppressedReason;
  return subscriber;
}
