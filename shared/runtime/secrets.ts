import { ConfigError, type SecretConfig } from './config.js';
import type { SecretSource } from '../ports/secret.js';

/** Reads a secret's string value (Secrets Manager in AWS). */
export type SecretReader = (secretId: string) => Promise<string>;

/** Secrets Manager's GetSecretValue; its client is a chunk of its own, loaded on the first read. */
export const secretsManager: SecretReader = async (secretId) => {
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const result = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretId }));
  if (result.SecretString === undefined) throw new ConfigError(`secret ${secretId} has no string value`);
  return result.SecretString;
};

/**
 * A secret read once per container: the first call reads it, later calls share that read; a failed
 * read is not kept, so the next message tries again.
 */
export function cachedSecret(secretId: string, read: SecretReader = secretsManager): () => Promise<string> {
  let loading: Promise<string> | undefined;
  return () =>
    (loading ??= read(secretId)
      .then((value) => value.trim())
      .catch((error: unknown) => {
        loading = undefined;
        throw error;
      }));
}

/**
 * A secret the API needs (the form's challenge key, the customer-data key): read once per container from
 * Secrets Manager in AWS, from the environment locally. Unset, each use fails with a ConfigError naming the
 * variable (a 500, logged), so a function without it still serves everything else.
 */
export function secretSourceOf(config: SecretConfig | undefined, variable: string): SecretSource {
  if (config === undefined)
    return () => Promise.reject(new ConfigError(`set ${variable}_ARN (or ${variable} locally)`));
  if ('value' in config) {
    const value = config.value;
    return () => Promise.resolve(value);
  }
  return cachedSecret(config.arn);
}
