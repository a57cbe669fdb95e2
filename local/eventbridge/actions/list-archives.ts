import { archivedSizeBytes } from '../archives';
import type { EventBridgeState } from '../state';
import type { ListArchivesInput } from '../validations/list-archives';
import { paginate } from '../views';

export function listArchives(state: EventBridgeState, input: ListArchivesInput): unknown {
  const source = input.EventSourceArn;
  const archives = state.archives
    .all()
    .filter((archive) => archive.model.name.startsWith(input.NamePrefix) && (source === undefined || archive.model.sourceBusArn === source))
    .map((archive) => ({
      ArchiveName: archive.model.name,
      EventSourceArn: archive.model.sourceBusArn,
      State: 'ENABLED',
      ...(archive.model.retentionDays !== undefined ? { RetentionDays: archive.model.retentionDays } : {}),
      SizeBytes: archivedSizeBytes(archive),
      EventCount: archive.events.size,
      CreationTime: archive.createdAt / 1000,
    }));
  const { page, nextToken } = paginate(archives, input);
  return { Archives: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}
