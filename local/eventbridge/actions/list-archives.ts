import { archivedSizeBytes } from '../archives';
import { optionalString } from '../input';
import type { EventBridgeService, Input } from '../service';
import { paginate } from '../views';

export function listArchives(service: EventBridgeService, input: Input): unknown {
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const source = optionalString(input, 'EventSourceArn');
  const archives = service.archives
    .all()
    .filter((archive) => archive.model.name.startsWith(prefix) && (source === undefined || archive.model.sourceBusArn === source))
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
