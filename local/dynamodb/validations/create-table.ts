import { validationError } from '../../protocol/aws-error';
import { describeViolations } from '../../protocol/constraint-violations';
import type { KeySchemaElement, StreamViewType } from '../../model/types';
import { checkRequestTypes, type DynaliteRequest } from '../engine';

const STREAM_VIEW_TYPES: readonly StreamViewType[] = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'];

export interface CreateTableInput {
  /** The request as dynalite's type checks leave it, without the stream dynalite does not know. */
  request: DynaliteRequest;
  /** The stream to give the table, when StreamSpecification enables one. */
  stream?: { viewType: StreamViewType };
  keySchema: KeySchemaElement[];
}

/** dynalite's own checks, and AWS's for StreamSpecification, which dynalite drops. */
export function validateCreateTable(input: Record<string, unknown>): CreateTableInput {
  const { StreamSpecification: specification, ...rest } = input;
  const request = checkRequestTypes('CreateTable', rest);
  return { request, keySchema: (request.KeySchema ?? []) as KeySchemaElement[], ...streamOf(specification) };
}

function streamOf(specification: unknown): { stream?: { viewType: StreamViewType } } {
  if (specification === undefined || specification === null) return {};
  if (typeof specification !== 'object' || Array.isArray(specification)) throw validationError('StreamSpecification must be an object');
  const { StreamEnabled: enabled, StreamViewType: viewType } = specification as Record<string, unknown>;
  if (typeof enabled !== 'boolean') {
    throw validationError(describeViolations([{ member: 'streamSpecification.streamEnabled', shown: 'null', constraint: 'Member must not be null' }]));
  }
  if (viewType !== undefined && !STREAM_VIEW_TYPES.includes(viewType as StreamViewType)) {
    throw validationError(
      describeViolations([
        {
          member: 'streamSpecification.streamViewType',
          shown: `'${String(viewType)}'`,
          constraint: `Member must satisfy enum value set: [${STREAM_VIEW_TYPES.join(', ')}]`,
        },
      ]),
    );
  }
  if (!enabled) return {};
  if (viewType === undefined) throw validationError('StreamSpecification: StreamViewType is required when StreamEnabled is true');
  return { stream: { viewType: viewType as StreamViewType } };
}
