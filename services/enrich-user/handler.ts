import { Logger } from '@aws-lambda-powertools/logger';
import { pipesEnrichmentHandler } from '../shared/enrichment-handler';
import { enrichBatch } from './enrich-batch';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'enrich-user' });

/** Enrichment of the users pipe: stream records in, `UserCreated` details out. Makes no AWS calls. */
export const handler = pipesEnrichmentHandler((batch) => enrichBatch(batch, logger));
