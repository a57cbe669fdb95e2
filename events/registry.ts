import type { EventContract, ValidationResult } from './contract';
import { userCreatedContract } from './user-created';

/** Every event this system publishes. A new event type or schema version is one more entry here. */
export const eventContracts: readonly EventContract[] = [userCreatedContract];

export function contractsFor(
  source: string,
  detailType: string,
  contracts: readonly EventContract[] = eventContracts,
): EventContract[] {
  return contracts.filter((contract) => contract.source === source && contract.detailType === detailType);
}

/**
 * Validates a detail against the contract of its source and detail-type. When several schema versions of one
 * event type coexist, the detail's own `metadata.schemaVersion` picks the contract.
 */
export function validateEventDetail(
  source: string,
  detailType: string,
  detail: unknown,
  contracts: readonly EventContract[] = eventContracts,
): ValidationResult<unknown> {
  const candidates = contractsFor(source, detailType, contracts);
  if (candidates.length === 0) {
    return { ok: false, errors: [`no contract for source "${source}" and detail-type "${detailType}"`] };
  }
  const declaredVersion = schemaVersionOf(detail);
  const contract = candidates.find((candidate) => candidate.schemaVersion === declaredVersion) ?? candidates[0];
  return contract.validate(detail);
}

function schemaVersionOf(detail: unknown): unknown {
  if (typeof detail !== 'object' || detail === null) return undefined;
  const metadata = (detail as { metadata?: unknown }).metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  return (metadata as { schemaVersion?: unknown }).schemaVersion;
}
