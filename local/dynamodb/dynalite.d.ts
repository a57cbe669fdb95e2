/**
 * Types for the parts of dynalite 4 the local DynamoDB calls in-process: its storage (`db`), its request
 * validation, and one module per API action. dynalite ships no types, and these modules are internal to it,
 * so only what is used is declared.
 */
declare module 'dynalite/db' {
  export interface DynaliteError extends Error {
    statusCode?: number;
    body?: { __type: string; message?: string; Message?: string };
  }
  export type Item = Record<string, unknown>;
  export type Callback<T> = (error: DynaliteError | null | undefined, result?: T) => void;
  /** Wraps the callback so that calling it releases the lock first. */
  export type Releaser = <F extends (...args: never[]) => void>(done: F) => F;

  export interface ItemDb {
    put(key: string, item: Item, callback: (error?: DynaliteError | null) => void): void;
    get(key: string, callback: (error: DynaliteError | null | undefined, item?: Item) => void): void;
    del(key: string, callback: (error?: DynaliteError | null) => void): void;
    /** Per-key FIFO locks; an array locks several keys at once. */
    lock(key: string | string[], exec: (release: Releaser) => void): void;
    /** Every item of the table, in key order, straight from storage. */
    createValueStream(): NodeJS.ReadableStream;
  }

  export interface TableDescription {
    TableName: string;
    TableStatus: string;
    KeySchema: Array<{ AttributeName: string; KeyType: string }>;
    [member: string]: unknown;
  }

  export interface DynaliteStore {
    options: { maxItemSize: number };
    tableDb: ItemDb & { awsAccountId: string; awsRegion: string };
    getItemDb(tableName: string): ItemDb;
    getTable(tableName: string, checkStatus: boolean, callback: Callback<TableDescription>): void;
    lifecycleManager: { gracefulClose(callback: (error?: Error | null) => void): void };
  }

  export function create(options: {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
  }): DynaliteStore;
  export function createKey(item: Item, table: TableDescription): string;
  export function validateKey(key: Item, table: TableDescription): DynaliteError | null | undefined;
  export function validateItem(item: Item, table: TableDescription): DynaliteError | null | undefined;
  export function checkConditional(data: Record<string, unknown>, existingItem: Item | undefined): DynaliteError | null | undefined;
  export function updateIndexes(
    store: DynaliteStore,
    table: TableDescription,
    existingItem: Item | undefined | null,
    item: Item | undefined | null,
    callback: (error?: DynaliteError | null) => void,
  ): void;
}

declare module 'dynalite/validations' {
  import type { DynaliteStore } from 'dynalite/db';
  export function checkTypes(data: Record<string, unknown>, types: Record<string, unknown>): Record<string, unknown>;
  export function checkValidations(
    data: Record<string, unknown>,
    types: Record<string, unknown>,
    custom: ((data: Record<string, unknown>, store: DynaliteStore) => string | undefined) | undefined,
    store: DynaliteStore,
  ): void;
}

declare module 'dynalite/validations/*' {
  import type { DynaliteStore } from 'dynalite/db';
  export const types: Record<string, unknown>;
  export const custom: ((data: Record<string, unknown>, store: DynaliteStore) => string | undefined) | undefined;
}

declare module 'dynalite/actions/*' {
  import type { Callback, DynaliteStore } from 'dynalite/db';
  const action: (store: DynaliteStore, data: Record<string, unknown>, callback: Callback<Record<string, unknown>>) => void;
  export = action;
}
