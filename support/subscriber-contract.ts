import type { DetailPattern, SubscriberEntry, SubscriberEventPattern } from '../cdk/subscription/subscriber-entry';
import type { EventContract } from '../events/contract';
import type { SampleEvent } from '../events/sample-events';
import { compilePattern, InvalidEventPatternError, type CompiledPattern } from '../local/patterns';
import { schemaHasField } from './json-schema-fields';

export interface ContractCheckInputs {
  /** The samples in `events/samples`, as `loadSampleEvents()` returns them. */
  samples: readonly SampleEvent[];
  /** The registered contracts, `eventContracts` of `events/registry.ts`. */
  contracts: readonly EventContract[];
}

/**
 * Every way a registry entry breaks the contract it subscribes to, one line each, naming the subscriber and
 * the field or sample: an invalid pattern, a pattern field the contract does not declare, no matching sample,
 * a match on a sample listed in `mustNotMatch`. No lines means the entry is fine.
 */
export function subscriberContractProblems(entry: SubscriberEntry, inputs: ContractCheckInputs): string[] {
  const problem = (message: string) => `${entry.name}: ${message}`;
  let pattern: CompiledPattern;
  try {
    pattern = compilePattern(entry.eventPattern);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return [problem(`invalid event pattern: ${error.message}`)];
    throw error;
  }
  const problems: string[] = [];
  const contracts = contractsSelectedBy(entry.eventPattern, inputs.contracts);
  if (contracts.length === 0) problems.push(problem('the pattern selects no event contract registered in events/registry.ts'));
  for (const field of detailFields(entry.eventPattern.detail ?? {})) {
    for (const contract of contracts) {
      if (!schemaHasField(contract.jsonSchema(), field)) {
        problems.push(problem(`pattern field detail.${field.join('.')} is not in the ${contractName(contract)} contract`));
      }
    }
  }
  const matched = inputs.samples.filter((sample) => pattern.matches(sample.event));
  if (matched.length === 0) {
    const files = [...new Set(inputs.samples.map((sample) => sample.file))].join(', ');
    problems.push(problem(`the pattern matches none of the samples in events/samples (${files})`));
  }
  for (const file of entry.mustNotMatch ?? []) {
    if (!inputs.samples.some((sample) => sample.file === file)) {
      problems.push(problem(`mustNotMatch names ${file}, which is not in events/samples`));
    } else if (matched.some((sample) => sample.file === file)) {
      problems.push(problem(`the pattern matches ${file}, which it must not match`));
    }
  }
  return problems;
}

function contractName(contract: EventContract): string {
  return `${contract.source} ${contract.detailType} v${contract.schemaVersion}`;
}

/**
 * The contracts whose events the pattern can select, judged on source, detail-type and, when the pattern pins it,
 * `detail.metadata.schemaVersion`: a subscriber pinned to v1 is not bound by a v2 published alongside.
 */
function contractsSelectedBy(pattern: SubscriberEventPattern, contracts: readonly EventContract[]): EventContract[] {
  const metadata = pattern.detail?.metadata;
  const pinnedVersions = metadata !== undefined && !Array.isArray(metadata) ? (metadata as DetailPattern).schemaVersion : undefined;
  const probe = compilePattern({
    source: pattern.source,
    'detail-type': pattern['detail-type'],
    ...(Array.isArray(pinnedVersions) ? { detail: { metadata: { schemaVersion: pinnedVersions } } } : {}),
  });
  return contracts.filter((contract) =>
    probe.matches({
      source: contract.source,
      'detail-type': contract.detailType,
      detail: { metadata: { schemaVersion: contract.schemaVersion } },
    }),
  );
}

/** Paths of the fields a detail pattern names, e.g. `['data', 'email']`; `$or` alternatives included. */
function detailFields(pattern: DetailPattern, prefix: readonly string[] = []): string[][] {
  return Object.entries(pattern).flatMap(([key, value]) => {
    if (key === '$or') return (value as readonly DetailPattern[]).flatMap((alternative) => detailFields(alternative, prefix));
    if (Array.isArray(value)) return [[...prefix, key]];
    return detailFields(value as DetailPattern, [...prefix, key]);
  });
}
