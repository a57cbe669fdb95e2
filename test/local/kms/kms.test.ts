import {
  DescribeKeyCommand,
  DisabledException,
  DryRunOperationException,
  EncryptCommand,
  GenerateMacCommand,
  InvalidKeyUsageException,
  KMSClient,
  KMSInvalidMacException,
  NotFoundException,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createKms } from '../../../local/kms';
import type { KmsAliasModel, KmsKeyModel } from '../../../local/model/types';
import { startEndpoint, type Endpoint } from '../../../local/server';
import { openStateStore, type StateStore } from '../../../local/storage/state-store';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

function key(keyId: string, overrides: Partial<KmsKeyModel> = {}): KmsKeyModel {
  return {
    logicalId: `Key${keyId.slice(0, 4)}`,
    keyId,
    arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`,
    keySpec: 'HMAC_256',
    keyUsage: 'GENERATE_VERIFY_MAC',
    enabled: true,
    description: 'Hashes email addresses',
    ...overrides,
  };
}

const hmacKey = key('11111111-1111-4111-8111-111111111111');
const otherHmacKey = key('22222222-2222-4222-8222-222222222222');
const queueKey = key('33333333-3333-4333-8333-333333333333', { keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', description: 'Encrypts a queue' });
const disabledKey = key('44444444-4444-4444-8444-444444444444', { enabled: false });
const alias: KmsAliasModel = { logicalId: 'Alias', name: 'alias/email-hash', arn: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/email-hash`, targetKeyArn: hmacKey.arn };

const message = Buffer.from('ada@example.com');

describe('KMS GenerateMac and VerifyMac for the keys of the template, with the real SDK client', () => {
  let stateDir: string;
  let endpoint: Endpoint;
  let store: StateStore;
  let client: KMSClient;

  async function start(): Promise<void> {
    endpoint = await startEndpoint({ port: 0, region: REGION, account: ACCOUNT });
    store = openStateStore(stateDir);
    endpoint.mount(createKms({ keys: [hmacKey, otherHmacKey, queueKey, disabledKey], aliases: [alias], store, region: REGION, account: ACCOUNT, clock: () => 1_700_000_000_000 }).handler);
    client = new KMSClient({ endpoint: endpoint.url, region: REGION, credentials: CREDENTIALS });
  }

  async function stop(): Promise<void> {
    client.destroy();
    await endpoint.close();
    store.close();
  }

  beforeEach(async () => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-kms-'));
    await start();
  });

  afterEach(async () => {
    await stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  const generate = (keyId: string, bytes = message) =>
    client.send(new GenerateMacCommand({ KeyId: keyId, Message: bytes, MacAlgorithm: 'HMAC_SHA_256' }));

  it('answers an RFC 2104 HMAC-SHA-256 of 32 bytes with the key ARN, that VerifyMac accepts', async () => {
    const generated = await generate(hmacKey.keyId);
    expect(generated.KeyId).toBe(hmacKey.arn);
    expect(generated.MacAlgorithm).toBe('HMAC_SHA_256');
    expect(generated.Mac).toHaveLength(32);
    const verified = await client.send(new VerifyMacCommand({ KeyId: hmacKey.arn, Message: message, Mac: generated.Mac, MacAlgorithm: 'HMAC_SHA_256' }));
    expect(verified).toMatchObject({ KeyId: hmacKey.arn, MacValid: true, MacAlgorithm: 'HMAC_SHA_256' });
  });

  it('gives the same MAC for the same message and key, by key id, key ARN, alias name or alias ARN', async () => {
    const macs = await Promise.all([hmacKey.keyId, hmacKey.arn, alias.name, alias.arn].map(async (id) => Buffer.from((await generate(id)).Mac!).toString('hex')));
    expect(new Set(macs).size).toBe(1);
    const otherMessage = Buffer.from((await generate(hmacKey.keyId, Buffer.from('grace@example.com'))).Mac!).toString('hex');
    const otherKey = Buffer.from((await generate(otherHmacKey.keyId)).Mac!).toString('hex');
    expect(otherMessage).not.toBe(macs[0]);
    expect(otherKey).not.toBe(macs[0]);
  });

  it('keeps each key secret across a restart, so MACs stay stable, and never uses a fixed secret', async () => {
    const before = Buffer.from((await generate(hmacKey.keyId)).Mac!);
    await stop();
    await start();
    const after = Buffer.from((await generate(hmacKey.keyId)).Mac!);
    expect(after.equals(before)).toBe(true);

    // A runtime with other state draws another secret: nothing about the key is a constant in the code.
    const elsewhere = openStateStore(undefined);
    const otherEndpoint = await startEndpoint({ port: 0, region: REGION, account: ACCOUNT });
    otherEndpoint.mount(createKms({ keys: [hmacKey], aliases: [], store: elsewhere, region: REGION, account: ACCOUNT }).handler);
    const otherClient = new KMSClient({ endpoint: otherEndpoint.url, region: REGION, credentials: CREDENTIALS });
    try {
      const fresh = await otherClient.send(new GenerateMacCommand({ KeyId: hmacKey.keyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }));
      expect(Buffer.from(fresh.Mac!).equals(before)).toBe(false);
    } finally {
      otherClient.destroy();
      await otherEndpoint.close();
      elsewhere.close();
    }
  });

  it('refuses a MAC that does not match with KMSInvalidMacException, never MacValid false', async () => {
    const { Mac } = await generate(hmacKey.keyId);
    const tampered = Buffer.from(Mac!);
    tampered[0] ^= 1;
    for (const [candidate, text] of [[tampered, message], [Buffer.from(Mac!), Buffer.from('eve@example.com')], [Buffer.from(Mac!).subarray(1), message]] as const) {
      await expect(client.send(new VerifyMacCommand({ KeyId: hmacKey.keyId, Message: text, Mac: candidate, MacAlgorithm: 'HMAC_SHA_256' }))).rejects.toBeInstanceOf(KMSInvalidMacException);
    }
  });

  it('answers NotFoundException in AWS wording for keys and aliases the template does not have', async () => {
    await expect(generate('55555555-5555-4555-8555-555555555555')).rejects.toThrow(
      new NotFoundException({ message: `Key 'arn:aws:kms:${REGION}:${ACCOUNT}:key/55555555-5555-4555-8555-555555555555' does not exist`, $metadata: {} }),
    );
    await expect(generate('not-a-key')).rejects.toThrow("Invalid keyId 'not-a-key'");
    await expect(generate('alias/missing')).rejects.toThrow(`Alias arn:aws:kms:${REGION}:${ACCOUNT}:alias/missing is not found.`);
    await expect(generate('not-a-key')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('refuses a key that is not an HMAC key, a disabled key and an algorithm the key spec does not support', async () => {
    await expect(generate(queueKey.keyId)).rejects.toThrow(new InvalidKeyUsageException({ message: `${queueKey.arn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`, $metadata: {} }));
    await expect(generate(queueKey.keyId)).rejects.toBeInstanceOf(InvalidKeyUsageException);
    await expect(generate(disabledKey.keyId)).rejects.toThrow(new DisabledException({ message: `${disabledKey.arn} is disabled.`, $metadata: {} }));
    await expect(client.send(new GenerateMacCommand({ KeyId: hmacKey.keyId, Message: message, MacAlgorithm: 'HMAC_SHA_512' }))).rejects.toThrow(
      'Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.',
    );
  });

  it('validates the request shape with every broken member in one ValidationException', async () => {
    await expect(client.send(new GenerateMacCommand({ KeyId: hmacKey.keyId, Message: Buffer.alloc(4097), MacAlgorithm: 'HMAC_MD5' as 'HMAC_SHA_256' }))).rejects.toThrow(
      "2 validation errors detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096; " +
        "Value 'HMAC_MD5' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]",
    );
    await expect(client.send(new GenerateMacCommand({ KeyId: hmacKey.keyId, Message: Buffer.alloc(4096), MacAlgorithm: 'HMAC_SHA_256' }))).resolves.toMatchObject({ MacAlgorithm: 'HMAC_SHA_256' });
  });

  it('matches an HMAC computed with the key secret, so it is the standard algorithm and not a lookalike', async () => {
    const records = store.collection<{ material: string }>('kms-keys');
    const { Mac } = await generate(hmacKey.keyId);
    const secret = Buffer.from(records.get(hmacKey.arn)!.material, 'base64');
    expect(secret).toHaveLength(32);
    expect(Buffer.from(Mac!).toString('hex')).toBe(createHmac('sha256', secret).update(message).digest('hex'));
  });

  it('honours DryRun after every check passes', async () => {
    await expect(client.send(new GenerateMacCommand({ KeyId: hmacKey.keyId, Message: message, MacAlgorithm: 'HMAC_SHA_256', DryRun: true }))).rejects.toBeInstanceOf(DryRunOperationException);
    await expect(client.send(new GenerateMacCommand({ KeyId: queueKey.keyId, Message: message, MacAlgorithm: 'HMAC_SHA_256', DryRun: true }))).rejects.toBeInstanceOf(InvalidKeyUsageException);
  });

  it('describes keys as AWS does, and names the operations it does not serve', async () => {
    const described = await client.send(new DescribeKeyCommand({ KeyId: alias.name }));
    expect(described.KeyMetadata).toMatchObject({
      AWSAccountId: ACCOUNT,
      KeyId: hmacKey.keyId,
      Arn: hmacKey.arn,
      KeySpec: 'HMAC_256',
      KeyUsage: 'GENERATE_VERIFY_MAC',
      KeyState: 'Enabled',
      Enabled: true,
      MacAlgorithms: ['HMAC_SHA_256'],
      CreationDate: new Date(1_700_000_000_000),
    });
    expect((await client.send(new DescribeKeyCommand({ KeyId: queueKey.arn }))).KeyMetadata).toMatchObject({ EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'], KeyUsage: 'ENCRYPT_DECRYPT' });
    await expect(client.send(new EncryptCommand({ KeyId: queueKey.keyId, Plaintext: message }))).rejects.toThrow(/Operation Encrypt is not served by the local runtime/);
  });
});
