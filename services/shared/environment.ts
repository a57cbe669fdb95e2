/** Configuration errors name the variable, so a misconfigured function fails at cold start with a clear message. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') throw new Error(`Environment variable ${name} is required`);
  return value;
}

export function positiveIntegerEnv(name: string): number {
  const raw = requiredEnv(name);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`Environment variable ${name} must be a positive integer, received "${raw}"`);
  }
  return value;
}

export function nonNegativeIntegerEnv(name: string): number {
  const raw = requiredEnv(name);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`Environment variable ${name} must be a whole number, 0 or more, received "${raw}"`);
  }
  return value;
}
