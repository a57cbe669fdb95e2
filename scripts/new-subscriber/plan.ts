import type { DeliveryKind } from '../../cdk/subscription/subscriber-entry';
import type { ContractSource } from './event-contract-source';
import { addRegistryEntry, REGISTRY_FILE } from './registry-source';
import { checkSubscriberName, type ExistingNames } from './subscriber-name';
import { renderDirectHandler } from './templates/direct-handler';
import { renderEventModule } from './templates/event-module';
import { renderHandlerTest } from './templates/handler-test';
import { renderQueuedHandler } from './templates/queued-handler';
import { renderRegistryEntry } from './templates/registry-entry';

export interface SubscriberRequest {
  name: string;
  delivery: DeliveryKind;
  event: ContractSource;
  /** For a webhook: the URL `npm start` posts to. */
  endpoint?: string;
}

/** What the project holds now, as far as the scaffold reads it. */
export interface ProjectState extends ExistingNames {
  registrySource: string;
}

/** A file to write, relative to the project; `replaces` marks the one existing file the scaffold changes. */
export interface PlannedFile {
  path: string;
  content: string;
  replaces?: true;
}

/**
 * Every file the new subscriber needs, or a ScaffoldError before anything is written. A queue-only subscriber
 * has no function here (another team consumes its queue), nor has a webhook (the endpoint is someone else's
 * service), so each is a registry entry alone.
 */
export function planSubscriber(request: SubscriberRequest, project: ProjectState): PlannedFile[] {
  checkSubscriberName(request.name, project);
  const values = { name: request.name, event: request.event };
  const { constants, modulePath } = request.event;
  const registry: PlannedFile = {
    path: REGISTRY_FILE,
    content: addRegistryEntry(project.registrySource, renderRegistryEntry(values, request.delivery, request.endpoint), `../${modulePath}`, [
      constants.source,
      constants.detailType,
      constants.schemaVersion,
    ]),
    replaces: true,
  };
  if (request.delivery === 'queue-only' || request.delivery === 'webhook') return [registry];
  const handler = request.delivery === 'queued' ? renderQueuedHandler(values) : renderDirectHandler(values);
  return [
    { path: `services/${request.name}/event.ts`, content: renderEventModule(values) },
    { path: `services/${request.name}/handler.ts`, content: handler },
    { path: `test/services/${request.name}/handler.test.ts`, content: renderHandlerTest(values, request.delivery) },
    registry,
  ];
}
