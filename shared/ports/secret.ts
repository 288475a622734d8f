/**
 * A secret value the domain needs (the reply-address key): an env value locally, Secrets Manager in
 * AWS, read once per container. Rejects when it cannot be read, so the message is retried.
 */
export type SecretSource = () => Promise<string>;
