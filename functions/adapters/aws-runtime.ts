/**
 * The AWS side of the ports, wired from the environment the CDK app sets. Built once per container
 * (module scope in the handlers), so warm invocations reuse the clients and their connections.
 * Endpoints follow the SDK's own settings (AWS_ENDPOINT_URL_S3, ...), which is how tests point them at local servers.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV, configFromEnv, requireEnv, type DigestConfig } from '../config.ts';
import { InputError } from '../core/errors.ts';
import { DynamoLease } from './dynamo-lease.ts';
import { DynamoLedger } from './dynamo-ledger.ts';
import { DynamoSeen } from './dynamo-seen.ts';
import { DynamoSubscribers } from './dynamo-subscribers.ts';
import { SecretTokenKey } from './secrets-token-key.ts';

/** Every AWS call gives up rather than hang a run: SES locally never answers actions it lacks. */
export const REQUEST_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 10_000 };

/**
 * The AWS adapters every function may need (DynamoDB, the token key), each made on first use and then
 * kept: a function only needs the env vars of what it uses (the feedback function has no bucket), and a
 * missing one names itself. The digest run's S3 side (aws-digest-run.ts) and SES (aws-mail.ts) build on
 * it in modules of their own, so a function that does not use them does not load their SDK clients.
 */
export class AwsRuntime {
  readonly config: DigestConfig;
  readonly #env: NodeJS.ProcessEnv;
  readonly #made = new Map<string, unknown>();

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.#env = env;
    this.config = configFromEnv(env);
  }

  get dynamo(): DynamoDBDocumentClient {
    return this.once('dynamo', () =>
      DynamoDBDocumentClient.from(new DynamoDBClient({ requestHandler: REQUEST_TIMEOUTS }), { marshallOptions: { removeUndefinedValues: true } }),
    );
  }

  get subscribers(): DynamoSubscribers {
    return this.once('subscribers', () => new DynamoSubscribers({ client: this.dynamo, table: this.require(ENV.subscribersTable) }));
  }

  get ledger(): DynamoLedger {
    return this.once('ledger', () => new DynamoLedger({ client: this.dynamo, table: this.require(ENV.ledgerTable) }));
  }

  /** One run at a time, across concurrent invocations: a lease that holds `ttlMs` unless released. */
  newLease(ttlMs?: number): DynamoLease {
    return new DynamoLease({ client: this.dynamo, table: this.require(ENV.ledgerTable), ...(ttlMs === undefined ? {} : { ttlMs }) });
  }

  get seen(): DynamoSeen {
    return this.once('seen', () => new DynamoSeen({ client: this.dynamo, table: this.require(ENV.seenTable) }));
  }

  get tokenKey(): SecretTokenKey {
    return this.once(
      'tokenKey',
      () => new SecretTokenKey(this.require(ENV.tokenSecretArn), { requestHandler: REQUEST_TIMEOUTS }),
    );
  }

  /** Fails the cold start, naming every missing one, when the function was not bound to what it needs. */
  requireBound(names: readonly string[]): this {
    const missing = names.filter((name) => !this.#env[name]?.trim());
    if (missing.length > 0) throw new InputError(`environment variables missing: ${missing.join(', ')}`);
    return this;
  }

  /** An env var the function must have; the error names it. */
  require(name: string): string {
    return requireEnv(name, this.#env);
  }

  /** The SDK's own endpoint setting for a service (AWS_ENDPOINT_URL_S3, ...), which tests point at local servers. */
  endpointSet(variable: string): boolean {
    return this.#env[variable] !== undefined;
  }

  /** `make()` once per container under `key`, then the same object. */
  once<T>(key: string, make: () => T): T {
    if (!this.#made.has(key)) this.#made.set(key, make());
    return this.#made.get(key) as T;
  }
}
