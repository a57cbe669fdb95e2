import { z } from 'zod';

/**
 * Every event on the bus shares one envelope: `{ metadata, data }`. A contract only describes its `data`;
 * the metadata (ids for deduplication, the time it happened, the schema version) is the same for all of them,
 * so consumers can deduplicate and route any event the same way.
 */
export function metadataSchema<Version extends string>(schemaVersion: Version) {
  return z.object({
    eventId: z.uuid(),
    idempotencyKey: z.string().min(1).max(512),
    occurredAt: z.iso.datetime({ offset: true }),
    schemaVersion: z.literal(schemaVersion),
  });
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface EventContractDefinition<Version extends string, Data extends z.ZodObject> {
  source: string;
  detailType: string;
  schemaVersion: Version;
  data: Data;
}

export type DetailSchema<Version extends string, Data extends z.ZodObject> = z.ZodObject<{
  metadata: ReturnType<typeof metadataSchema<Version>>;
  data: Data;
}>;

export interface EventContract<Version extends string = string, Data extends z.ZodObject = z.ZodObject> {
  readonly source: string;
  readonly detailType: string;
  readonly schemaVersion: Version;
  readonly detailSchema: DetailSchema<Version, Data>;
  /** Parses an event detail; on failure every error names its field path, e.g. `data.email: Invalid email address`. */
  validate(detail: unknown): ValidationResult<z.infer<DetailSchema<Version, Data>>>;
  /** JSON Schema (draft 2020-12) of the detail, for other languages and tools. */
  jsonSchema(): Record<string, unknown>;
}

export type EventDetail<Contract extends EventContract> = z.infer<Contract['detailSchema']>;

/**
 * Declares one version of one event type. Evolving an event safely means: add optional fields to the same
 * contract, or, for a breaking change, call this again with a new `schemaVersion` (or a new `detailType`)
 * and register both in `registry.ts`, so old and new events are both valid while consumers migrate.
 */
export function defineEventContract<Version extends string, Data extends z.ZodObject>(
  definition: EventContractDefinition<Version, Data>,
): EventContract<Version, Data> {
  const detailSchema: DetailSchema<Version, Data> = z.object({
    metadata: metadataSchema(definition.schemaVersion),
    data: definition.data,
  });
  return {
    source: definition.source,
    detailType: definition.detailType,
    schemaVersion: definition.schemaVersion,
    detailSchema,
    validate(detail) {
      const result = detailSchema.safeParse(detail);
      if (result.success) return { ok: true, value: result.data as z.infer<DetailSchema<Version, Data>> };
      return { ok: false, errors: describeIssues(result.error) };
    },
    jsonSchema() {
      // 'input' describes what a producer may send: unknown fields are tolerated (and stripped) by readers,
      // which is what keeps additive changes compatible.
      return {
        ...z.toJSONSchema(detailSchema, { io: 'input' }),
        title: `${definition.source} ${definition.detailType} v${definition.schemaVersion}`,
      };
    },
  };
}

/**
 * One line per issue, `<field path>: <message>`. An issue about the value as a whole is labelled `rootLabel`,
 * or carries no label when the caller already names the value.
 */
export function describeIssues(error: z.ZodError, rootLabel = 'detail'): string[] {
  return error.issues.map((issue) => {
    const label = issue.path.length === 0 ? rootLabel : formatPath(issue.path);
    return label === '' ? issue.message : `${label}: ${issue.message}`;
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}
