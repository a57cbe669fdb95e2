import type { SecondaryIndexModel, TableModel } from '../model/types';
import { AwsError } from '../protocol/aws-error';
import type { DynaliteEngine } from './engine';

const ACTIVE_POLL_MS = 5;

/**
 * Creates the model's tables. With a persisted data directory a table that already exists is kept with its
 * items, unless its key schema no longer matches the template, which only a reset can resolve.
 */
export async function createModelTables(engine: DynaliteEngine, tables: readonly TableModel[]): Promise<void> {
  for (const table of tables) {
    const existing = await engine.table(table.name).catch((error: unknown) => {
      if (error instanceof AwsError && error.code === 'ResourceNotFoundException') return undefined;
      throw error;
    });
    if (existing) {
      const stored = JSON.stringify(existing.KeySchema);
      if (stored !== JSON.stringify(table.keySchema)) {
        throw new Error(
          `Table ${table.name} is stored with key schema ${stored} but the template declares ` +
            `${JSON.stringify(table.keySchema)}; reset the local state to recreate it`,
        );
      }
      continue;
    }
    await engine.run('CreateTable', createTableInput(table));
  }
  await Promise.all(tables.map((table) => untilActive(engine, table.name)));
}

function createTableInput(table: TableModel): Record<string, unknown> {
  return {
    TableName: table.name,
    KeySchema: table.keySchema,
    AttributeDefinitions: table.attributeDefinitions,
    BillingMode: 'PAY_PER_REQUEST',
    ...(table.globalSecondaryIndexes.length > 0 && { GlobalSecondaryIndexes: table.globalSecondaryIndexes.map(indexInput) }),
    ...(table.localSecondaryIndexes.length > 0 && { LocalSecondaryIndexes: table.localSecondaryIndexes.map(indexInput) }),
  };
}

function indexInput(index: SecondaryIndexModel): Record<string, unknown> {
  return {
    IndexName: index.IndexName,
    KeySchema: index.KeySchema,
    Projection: { ProjectionType: index.Projection.ProjectionType ?? 'ALL', NonKeyAttributes: index.Projection.NonKeyAttributes },
  };
}

async function untilActive(engine: DynaliteEngine, tableName: string): Promise<void> {
  while ((await engine.table(tableName)).TableStatus !== 'ACTIVE') {
    await new Promise((resolve) => setTimeout(resolve, ACTIVE_POLL_MS));
  }
}
