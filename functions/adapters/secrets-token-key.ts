/**
 * The token-signing key from Secrets Manager, read once per container and reused by warm invocations.
 * The Secrets Manager client is loaded with that one read, not at cold start: it is used once per container.
 */
import type { SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';

export class SecretTokenKey {
  readonly #secretId: string;
  readonly #clientConfig: SecretsManagerClientConfig;
  #value: Promise<string> | undefined;

  constructor(secretId: string, clientConfig: SecretsManagerClientConfig = {}) {
    this.#secretId = secretId;
    this.#clientConfig = clientConfig;
  }

  get(): Promise<string> {
    this.#value ??= this.#read();
    // A failed read is not cached: the next invocation tries again.
    this.#value.catch(() => {
      this.#value = undefined;
    });
    return this.#value;
  }

  async #read(): Promise<string> {
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const client = new SecretsManagerClient(this.#clientConfig);
    try {
      const answer = await client.send(new GetSecretValueCommand({ SecretId: this.#secretId }));
      const key = answer.SecretString?.trim();
      if (!key || key.length < 32) throw new Error(`${this.#secretId}: the token key is missing or shorter than 32 characters`);
      return key;
    } finally {
      client.destroy();
    }
  }
}
