import { archivedSizeBytes } from '../archives';
import { resourceNotFound } from '../errors';
import type { EventBridgeState } from '../state';
import type { DescribeArchiveInput } from '../validations/describe-archive';
import { patternText } from '../views';

export function describeArchive(state: EventBridgeState, input: DescribeArchiveInput): unknown {
  const name = input.ArchiveName;
  const archive = state.archives.find(name);
  if (!archive) throw resourceNotFound(`Archive ${name} does not exist.`);
  return {
    ArchiveArn: archive.arn,
    ArchiveName: archive.model.name,
    EventSourceArn: archive.model.sourceBusArn,
    ...(archive.model.eventPattern !== undefined && archive.model.eventPattern !== null ? { EventPattern: patternText(archive.model.eventPattern) } : {}),
    State: 'ENABLED',
    ...(archive.model.retentionDays !== undefined ? { RetentionDays: archive.model.retentionDays } : {}),
    SizeBytes: archivedSizeBytes(archive),
    EventCount: archive.events.size,
    CreationTime: archive.createdAt / 1000,
  };
}
