import type { JsonServiceHandler } from '../protocol/service';
import { createHandler } from './handler';
import { KmsState, type KmsStateOptions } from './state';

export type CreateKmsOptions = KmsStateOptions;

export interface LocalKms {
  handler: JsonServiceHandler;
}

/** KMS for the keys of the template: HMAC keys generate and verify MACs; every key can be described. */
export function createKms(options: CreateKmsOptions): LocalKms {
  return { handler: createHandler(new KmsState(options)) };
}
