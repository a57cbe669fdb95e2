import type { DeliveryKind } from '../../../cdk/subscription/subscriber-entry';
import { eventTitle, tsString, type TemplateValues } from './template-values';

/**
 * One entry of `cdk/subscribers.ts`, indented for its array. The default pattern pins the schema version, so when
 * a breaking version ships alongside this one, the subscriber keeps receiving the version its code was written for.
 */
export function renderRegistryEntry({ name, event }: TemplateValues, delivery: DeliveryKind, endpoint?: string): string {
  const { constants } = event;
  const deliveryLines = delivery === 'webhook' ? renderWebhookDelivery(name, endpoint) : `    delivery: { kind: ${tsString(delivery)} },\n`;
  return `  {
    name: ${tsString(name)},
    description: ${tsString(`${name}: receives ${eventTitle(event)} events`)},
    eventPattern: {
      source: [${constants.source}],
      'detail-type': [${constants.detailType}],
      detail: { metadata: { schemaVersion: [${constants.schemaVersion}] } },
    },
${deliveryLines}  },
`;
}

/** The port the scaffold's local endpoint uses unless told otherwise; `npm run webhook-listener` listens there by default. */
export const DEFAULT_WEBHOOK_PORT = 9999;

/**
 * A webhook delivery whose endpoint each stage names at deploy (a CDK context value), falling back on a local URL
 * for `npm start`, and whose API key lives in Secrets Manager: nothing secret is written here.
 */
function renderWebhookDelivery(name: string, endpoint: string | undefined): string {
  const context = `${name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())}Endpoint`;
  const secret = `users-fanout/${name}`;
  const local = endpoint ?? `http://127.0.0.1:${DEFAULT_WEBHOOK_PORT}/${name}`;
  return `    delivery: {
      kind: 'webhook',
      // Each stage names its https endpoint at deploy (-c ${context}=https://...); npm start posts to the local URL.
      endpoint: { context: ${tsString(context)}, default: ${tsString(local)} },
      // The API key is the Secrets Manager secret ${secret}, never committed; npm start takes it as --secret ${secret}=<key>.
      auth: { type: 'apiKey', headerName: 'x-api-key', key: { secretsManager: ${tsString(secret)} } },
    },
`;
}
