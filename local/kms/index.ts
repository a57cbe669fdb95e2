import type { KmsAliasModel, KmsKeyModel } from '../model/types';
import type { JsonServiceHandler } from '../protocol/service';
import type { StateStore } from '../storage/state-store';
import { createHandler } from './handler';
import { KmsState } from './state';

export interface CreateKmsOptions {
  keys: readonly KmsKeyModel[];
  aliases: readonly KmsAliasModel[];
  store: StateStore;
  region: string;
  account: string;
  /** Epoch milliseconds; tests may pass their own. */
  clock?: () => number;
}

export interface LocalKms {
  handler: JsonServiceHandler;
}

/** KMS for the keys of the template: HMAC keys generate and verify MACs; every key can be described. */
export function createKms(options: CreateKmsOptions): LocalKms {
  return { handler: createHandler(new KmsState(options)) };
}
