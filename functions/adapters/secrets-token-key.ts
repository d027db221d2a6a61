/** The token-signing key from Secrets Manager, read once per container and reused by warm invocations. */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export class SecretTokenKey {
  readonly #client: SecretsManagerClient;
  readonly #secretId: string;
  #value: Promise<string> | undefined;

  constructor(client: SecretsManagerClient, secretId: string) {
    this.#client = client;
    this.#secretId = secretId;
  }

  get(): Promise<string> {
    this.#value ??= this.#client.send(new GetSecretValueCommand({ SecretId: this.#secretId })).then((answer) => {
      const key = answer.SecretString?.trim();
      if (!key || key.length < 32) throw new Error(`${this.#secretId}: the token key is missing or shorter than 32 characters`);
      return key;
    });
    // A failed read is not cached: the next invocation tries again.
    this.#value.catch(() => {
      this.#value = undefined;
    });
    return this.#value;
  }
}
