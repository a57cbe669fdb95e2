import { requiredString } from './fields';

export interface DescribeArchiveInput {
  ArchiveName: string;
}

export function validateDescribeArchive(input: Record<string, unknown>): DescribeArchiveInput {
  return { ArchiveName: requiredString(input, 'ArchiveName') };
}
