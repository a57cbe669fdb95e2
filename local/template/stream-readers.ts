import type { LocalModel } from '../model/types';
import { MAX_SHARD_READERS } from '../streams/shard-readers';

/**
 * One warning per table whose stream the template reads more than twice at once (running pipes and enabled event
 * source mappings): in AWS the readers get throttled, and locally the third to start is refused.
 */
export function streamReaderWarnings(model: LocalModel): string[] {
  const readers = new Map<string, string[]>();
  const add = (streamArn: string, reader: string) => readers.set(streamArn, [...(readers.get(streamArn) ?? []), reader]);
  for (const mapping of model.streamEventSourceMappings) {
    if (mapping.enabled) add(mapping.streamArn, `event source mapping ${mapping.logicalId}`);
  }
  for (const pipe of model.pipes) {
    if (pipe.desiredState === 'RUNNING' && pipe.source.kind === 'dynamodb-stream') add(pipe.source.streamArn, `pipe ${pipe.name}`);
  }
  const warnings: string[] = [];
  for (const [streamArn, names] of readers) {
    if (names.length <= MAX_SHARD_READERS) continue;
    const table = model.tables.find((candidate) => candidate.stream?.arn === streamArn);
    warnings.push(
      `${table?.logicalId ?? streamArn} (AWS::DynamoDB::Table): its stream has ${names.length} readers (${names.join(', ')}); ` +
        `DynamoDB throttles more than ${MAX_SHARD_READERS} readers of a shard, and locally every reader beyond the first ` +
        `${MAX_SHARD_READERS} to start is refused with LimitExceededException`,
    );
  }
  return warnings;
}
