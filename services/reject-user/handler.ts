import { Logger } from '@aws-lambda-powertools/logger';
import { pipesEnrichmentHandler } from '../shared/enrichment-handler';
import { rejectBatch } from './reject-batch';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'reject-user' });

/** Enrichment of the rejected-users pipe: `[{ reason, record }]` (the record without its images) for invalid records only, `[]` otherwise. */
export const handler = pipesEnrichmentHandler((batch) => rejectBatch(batch, logger));
