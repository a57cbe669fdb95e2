import { validation } from '../errors';

export interface DescribePipeInput {
  Name: string;
}

const PIPE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

export function validateDescribePipe(input: Record<string, unknown>): DescribePipeInput {
  const name = String(input.Name ?? '');
  if (!PIPE_NAME.test(name)) throw validation(`1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`);
  return { Name: name };
}
