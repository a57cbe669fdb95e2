import type { JsonServiceHandler } from '../protocol/service';
import type { Tracer } from '../trace';

/**
 * Writes a function's invocation makes (its requests carry the invocation as `traceParent`) are where many paths
 * end: each table written is a hop of that invocation. Writes from other clients start no path here; the stream
 * record a write produces is the hop that starts one.
 */
export function traceWrites(handler: JsonServiceHandler, tracer: Tracer, tableArns: ReadonlyMap<string, string>): JsonServiceHandler {
  return {
    targetPrefixes: handler.targetPrefixes,
    async handle(operation, input, context) {
      const tables = context.traceParent === undefined ? [] : tablesWritten(operation, input);
      if (tables.length === 0) return handler.handle(operation, input, context);
      const record = (outcome: 'ok' | 'error'): void => {
        for (const { table, item } of tables) {
          tracer.record(
            {
              kind: 'dynamodb.write',
              resource: tableArns.get(table) ?? `dynamodb:${table}`,
              name: `${operation} ${table}`,
              parents: [context.traceParent],
              attributes: { table, operation },
              payload: item === undefined ? undefined : JSON.stringify(item),
            },
            outcome,
          );
        }
      };
      try {
        const output = await handler.handle(operation, input, context);
        record('ok');
        return output;
      } catch (error) {
        record('error');
        throw error;
      }
    },
  };
}

interface TableWrite {
  table: string;
  /** The item written, or the key of the item updated or deleted. */
  item?: unknown;
}

function tablesWritten(operation: string, input: Record<string, unknown>): TableWrite[] {
  switch (operation) {
    case 'PutItem':
      return typeof input.TableName === 'string' ? [{ table: input.TableName, item: input.Item }] : [];
    case 'UpdateItem':
    case 'DeleteItem':
      return typeof input.TableName === 'string' ? [{ table: input.TableName, item: input.Key }] : [];
    case 'BatchWriteItem':
      return Object.keys((input.RequestItems as Record<string, unknown> | undefined) ?? {}).map((table) => ({ table }));
    case 'TransactWriteItems':
      return ((input.TransactItems as Array<Record<string, { TableName?: unknown; Item?: unknown; Key?: unknown }>> | undefined) ?? []).flatMap((entry) =>
        Object.entries(entry)
          .filter(([kind, write]) => kind !== 'ConditionCheck' && typeof write?.TableName === 'string')
          .map(([, write]) => ({ table: write.TableName as string, item: write.Item ?? write.Key })),
      );
    default:
      return [];
  }
}
