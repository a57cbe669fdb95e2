import { join } from 'node:path';
import type { EventContract } from './contract';
import { eventContracts } from './registry';

export interface SchemaFile {
  path: string;
  content: string;
}

export const SCHEMAS_DIRECTORY = join(__dirname, 'schemas');

/** `UserCreated` v1 -> `user-created.schema.json`; later versions get a `.v<N>` suffix so files never collide. */
export function schemaFileName(contract: EventContract, firstVersion: boolean): string {
  const kebab = contract.detailType.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return firstVersion ? `${kebab}.schema.json` : `${kebab}.v${contract.schemaVersion}.schema.json`;
}

export function schemaFiles(contracts: readonly EventContract[] = eventContracts): SchemaFile[] {
  return contracts.map((contract) => {
    const first = contracts.find((candidate) => candidate.detailType === contract.detailType) === contract;
    return {
      path: join(SCHEMAS_DIRECTORY, schemaFileName(contract, first)),
      content: `${JSON.stringify(contract.jsonSchema(), null, 2)}\n`,
    };
  });
}
