import { randomBytes } from 'node:crypto';
import type { KmsAliasModel, KmsKeyModel } from '../model/types';
import type { DurableMap, StateStore } from '../storage/state-store';
import { kmsAliasArn, kmsKeyArn } from '../template/arns';
import { aliasNotFound, invalidKeyId, keyDoesNotExist } from './errors';

/** What the runtime keeps of a key across restarts: its secret and when it was first used. */
interface KeyRecord {
  /** base64 */
  material: string;
  /** Epoch seconds, as DescribeKey reports CreationDate. */
  createdAt: number;
}

export interface KmsStateOptions {
  keys: readonly KmsKeyModel[];
  aliases: readonly KmsAliasModel[];
  store: StateStore;
  region: string;
  account: string;
  /** Epoch milliseconds; tests may pass their own. */
  clock?: () => number;
}

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const KMS_ARN = /^arn:[^:]+:kms:[^:]*:[^:]*:(key|alias)\/.+$/;

/** HMAC keys hold as many bits as their spec says; other keys a 256-bit secret. */
function materialBytes(keySpec: string): number {
  const hmac = /^HMAC_(\d+)$/.exec(keySpec);
  return hmac ? Number(hmac[1]) / 8 : 32;
}

/**
 * The keys of the template and their secrets. A secret is drawn at random the first time its key is used and kept
 * in the state store, so MACs stay the same across restarts, and no two runtimes' state share one.
 */
export class KmsState {
  private readonly records: DurableMap<KeyRecord>;
  private readonly clock: () => number;

  constructor(private readonly options: KmsStateOptions) {
    this.records = options.store.collection<KeyRecord>('kms-keys');
    this.clock = options.clock ?? Date.now;
  }

  get account(): string {
    return this.options.account;
  }

  /** The key a KeyId names: a key id, key ARN, alias name or alias ARN, with AWS's error when there is none. */
  resolveKey(keyId: string): KmsKeyModel {
    const scope = this.options;
    if (keyId.startsWith('arn:')) {
      const match = KMS_ARN.exec(keyId);
      if (match === null) throw invalidKeyId(keyId);
      if (match[1] === 'alias') return this.aliasTarget(keyId, (alias) => alias.arn === keyId);
      const key = this.options.keys.find((candidate) => candidate.arn === keyId);
      if (key === undefined) throw keyDoesNotExist(keyId);
      return key;
    }
    if (keyId.startsWith('alias/')) return this.aliasTarget(kmsAliasArn(scope, keyId), (alias) => alias.name === keyId);
    if (!KEY_ID.test(keyId)) throw invalidKeyId(keyId);
    const key = this.options.keys.find((candidate) => candidate.keyId === keyId);
    if (key === undefined) throw keyDoesNotExist(kmsKeyArn(scope, keyId));
    return key;
  }

  /** The key a KeyId names, or undefined where `resolveKey` would refuse it. */
  findKey(keyId: string): KmsKeyModel | undefined {
    try {
      return this.resolveKey(keyId);
    } catch {
      return undefined;
    }
  }

  /** The key's secret, created on its first use. */
  material(key: KmsKeyModel): Buffer {
    return Buffer.from(this.record(key).material, 'base64');
  }

  creationDate(key: KmsKeyModel): number {
    return this.record(key).createdAt;
  }

  private record(key: KmsKeyModel): KeyRecord {
    const known = this.records.get(key.arn);
    if (known !== undefined) return known;
    const created = { material: randomBytes(materialBytes(key.keySpec)).toString('base64'), createdAt: Math.floor(this.clock() / 1000) };
    this.records.set(key.arn, created);
    return created;
  }

  private aliasTarget(aliasArn: string, matches: (alias: KmsAliasModel) => boolean): KmsKeyModel {
    const alias = this.options.aliases.find(matches);
    const key = alias && this.options.keys.find((candidate) => candidate.arn === alias.targetKeyArn);
    if (key === undefined) throw aliasNotFound(aliasArn);
    return key;
  }
}
