import type { DeliveryKind } from '../../../cdk/subscription/subscriber-entry';
import { eventTitle, tsString, type TemplateValues } from './template-values';

/**
 * One entry of `cdk/subscribers.ts`, indented for its array. The default pattern pins the schema version, so when
 * a breaking version ships alongside this one, the subscriber keeps receiving the version its code was written for.
 */
export function renderRegistryEntry({ name, event }: TemplateValues, delivery: DeliveryKind): string {
  const { constants } = event;
  return `  {
    name: ${tsString(name)},
    description: ${tsString(`${name}: receives ${eventTitle(event)} events`)},
    eventPattern: {
      source: [${constants.source}],
      'detail-type': [${constants.detailType}],
      detail: { metadata: { schemaVersion: [${constants.schemaVersion}] } },
    },
    delivery: { kind: ${tsString(delivery)} },
  },
`;
}
