import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EventContract } from '../../events/contract';
import { eventContracts } from '../../events/registry';
import { ScaffoldError } from './scaffold-error';

/** Where generated code imports an event's contract and its constants from. */
export interface ContractSource {
  contract: EventContract;
  /** Module path relative to the project, without extension, e.g. `events/user-created`. */
  modulePath: string;
  /** The export holding the contract, e.g. `userCreatedContract`. */
  contractExport: string;
  /** Exported constants equal to the contract's source, detail-type and schema version. */
  constants: { source: string; detailType: string; schemaVersion: string };
}

/**
 * Finds the newest registered version of the event named `detailType`, in the `events/` module that declares it.
 * Only modules that call `defineEventContract` are loaded, so no command-line module runs.
 */
export async function findContractSource(detailType: string, projectDir: string): Promise<ContractSource> {
  const candidates = eventContracts.filter((contract) => contract.detailType === detailType);
  if (candidates.length === 0) {
    const known = [...new Set(eventContracts.map((contract) => contract.detailType))].join(', ');
    throw new ScaffoldError(`unknown event "${detailType}": the registered events are ${known} (events/registry.ts)`);
  }
  const contract = candidates.reduce((newest, candidate) =>
    candidate.schemaVersion.localeCompare(newest.schemaVersion, undefined, { numeric: true }) > 0 ? candidate : newest,
  );
  for (const file of contractModules(projectDir)) {
    const exports = (await import(path.join(projectDir, file))) as Record<string, unknown>;
    const contractExport = Object.keys(exports).find((key) => isSameContract(exports[key], contract));
    if (contractExport === undefined) continue;
    const modulePath = file.replace(/\.ts$/, '');
    return { contract, modulePath, contractExport, constants: constantsOf(exports, contract, modulePath) };
  }
  throw new ScaffoldError(`no module in events/ exports the ${detailType} v${contract.schemaVersion} contract`);
}

function contractModules(projectDir: string): string[] {
  return fs
    .readdirSync(path.join(projectDir, 'events'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `events/${file}`)
    .filter((file) => /=\s*defineEventContract\(/.test(fs.readFileSync(path.join(projectDir, file), 'utf8')));
}

function constantsOf(exports: Record<string, unknown>, contract: EventContract, modulePath: string): ContractSource['constants'] {
  const constantFor = (what: string, value: string): string => {
    const name = Object.keys(exports).find((key) => /^[A-Z][A-Z0-9_]*$/.test(key) && exports[key] === value);
    if (name === undefined) {
      throw new ScaffoldError(`${modulePath}.ts exports no constant for the ${what} "${value}"; patterns are built from constants`);
    }
    return name;
  };
  return {
    source: constantFor('source', contract.source),
    detailType: constantFor('detail-type', contract.detailType),
    schemaVersion: constantFor('schema version', contract.schemaVersion),
  };
}

/** By value: a dynamically imported module may be a second instance of the registry's. */
function isSameContract(value: unknown, contract: EventContract): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<EventContract>;
  return (
    candidate.source === contract.source &&
    candidate.detailType === contract.detailType &&
    candidate.schemaVersion === contract.schemaVersion &&
    typeof candidate.validate === 'function'
  );
}
