import { validation } from '../errors';

const STATES = ['RUNNING', 'STOPPED', 'CREATING', 'UPDATING', 'DELETING', 'STARTING', 'STOPPING', 'CREATE_FAILED', 'UPDATE_FAILED', 'START_FAILED', 'STOP_FAILED'];

export interface ListPipesInput {
  NamePrefix?: string;
  SourcePrefix?: string;
  TargetPrefix?: string;
  DesiredState?: string;
  CurrentState?: string;
  Limit: number;
  /** Where the page starts: the position the previous page's NextToken held. */
  start: number;
}

/** The query string's members; AWS allows at most 100 pipes a page and defaults to 100. */
export function validateListPipes(input: Record<string, unknown>): ListPipesInput {
  const text = (name: string): string | undefined => (typeof input[name] === 'string' ? (input[name] as string) : undefined);
  const limit = text('Limit') === undefined ? 100 : Number(text('Limit'));
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw validation(`Limit must be an integer from 1 to 100, got ${text('Limit')}`);
  const state = (name: string): string | undefined => {
    const value = text(name);
    if (value !== undefined && !STATES.includes(value)) throw validation(`${name} must be one of ${STATES.join(', ')}, got ${value}`);
    return value;
  };
  const token = text('NextToken');
  const start = token === undefined ? 0 : Number(token);
  if (!Number.isInteger(start) || start < 0) throw validation(`NextToken "${token}" is not one this API returned`);
  return {
    NamePrefix: text('NamePrefix'),
    SourcePrefix: text('SourcePrefix'),
    TargetPrefix: text('TargetPrefix'),
    DesiredState: state('DesiredState'),
    CurrentState: state('CurrentState'),
    Limit: limit,
    start,
  };
}
