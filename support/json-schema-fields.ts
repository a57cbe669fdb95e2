/** The parts of a JSON Schema (as `z.toJSONSchema` writes them) that say which fields exist. */
interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/**
 * Whether the schema declares the field at `path`. Arrays are looked through, as EventBridge matches a pattern
 * field against each element of an array.
 */
export function schemaHasField(root: Record<string, unknown>, path: readonly string[]): boolean {
  const rootSchema = root as JsonSchema;
  const visit = (schema: JsonSchema, rest: readonly string[]): boolean => {
    if (schema.$ref !== undefined) return visit(resolveRef(rootSchema, schema.$ref), rest);
    if (rest.length === 0) return true;
    const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
    if (alternatives.some((alternative) => visit(alternative, rest))) return true;
    if (schema.items !== undefined) return visit(schema.items, rest);
    const next = schema.properties?.[rest[0]];
    return next !== undefined && visit(next, rest.slice(1));
  };
  return visit(rootSchema, path);
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  const name = /^#\/\$defs\/(.+)$/.exec(ref)?.[1];
  const target = name === undefined ? undefined : root.$defs?.[name];
  if (target === undefined) throw new Error(`JSON Schema reference ${ref} cannot be resolved`);
  return target;
}
