/** An event on a bus, in the envelope EventBridge hands to rules, targets and archives. */
export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
  /** Present on events re-sent by a replay. */
  'replay-name'?: string;
}
