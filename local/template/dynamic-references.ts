/**
 * CloudFormation dynamic references (`{{resolve:secretsmanager:...}}`), which CloudFormation resolves at deploy
 * and the local runtime resolves from the secrets it was given (`npm start -- --secret <id>=<value>`).
 */
export type ResolvedSecret = { value: string } | { unresolved: string };

const SECRETS_MANAGER = /^\{\{resolve:secretsmanager:(.+?)(?::SecretString:([^:]*):([^:]*):([^:]*))?\}\}$/;

/** A property value, with a Secrets Manager reference replaced by the secret it names (or its JSON key). */
export function resolveSecret(value: string, secrets: Readonly<Record<string, string>>): ResolvedSecret {
  if (!value.includes('{{resolve:')) return { value };
  const match = SECRETS_MANAGER.exec(value);
  if (!match) return { unresolved: value };
  const [, secretId, jsonKey] = match;
  const secret = secrets[secretId];
  if (secret === undefined) return { unresolved: secretId };
  if (!jsonKey) return { value: secret };
  try {
    const field = (JSON.parse(secret) as Record<string, unknown>)[jsonKey];
    return typeof field === 'string' ? { value: field } : { unresolved: `${secretId} (JSON key ${jsonKey})` };
  } catch {
    return { unresolved: `${secretId} (JSON key ${jsonKey}; the secret given is not JSON)` };
  }
}
