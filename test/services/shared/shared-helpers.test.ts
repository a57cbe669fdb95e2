import { createHash } from 'node:crypto';
import { uuidFromName } from '../../../services/shared/deterministic-uuid';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { emailHmac } from '../../../services/shared/email-hmac';
import { redactEmailAddresses } from '../../../services/shared/redact';

describe('uuidFromName', () => {
  it('is a version 8 RFC 9562 UUID built from the SHA-256 of the name', () => {
    const uuid = uuidFromName('user-created:abc');
    const digest = createHash('sha256').update('user-created:abc').digest('hex');

    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid.replace(/-/g, '').slice(0, 12)).toBe(digest.slice(0, 12));
    expect(uuidFromName('user-created:abc')).toBe(uuid);
    expect(uuidFromName('user-created:abd')).not.toBe(uuid);
  });
});

describe('emailHmac', () => {
  const kms = mockClient(KMSClient);
  const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/11111111-1111-4111-8111-111111111111';
  afterEach(() => kms.reset());

  it('asks KMS for an HMAC-SHA-256 of the trimmed, lower-cased address under the key, and answers it in hex', async () => {
    kms.on(GenerateMacCommand).resolves({ Mac: Uint8Array.from([0x0f, 0xa0, 0xff]), MacAlgorithm: 'HMAC_SHA_256', KeyId: keyArn });
    const hash = emailHmac(new KMSClient({ region: 'us-east-1' }), keyArn);

    await expect(hash(' Ada@Example.COM ')).resolves.toBe('0fa0ff');
    await hash('ada@example.com');

    const messages = kms.commandCalls(GenerateMacCommand).map((call) => call.args[0].input);
    expect(messages).toHaveLength(2);
    for (const input of messages) {
      expect(input).toMatchObject({ KeyId: keyArn, MacAlgorithm: 'HMAC_SHA_256' });
      expect(Buffer.from(input.Message!).toString('utf8')).toBe('ada@example.com');
    }
  });

  it('fails, naming the key, when KMS answers without a MAC, and passes KMS errors on', async () => {
    const hash = emailHmac(new KMSClient({ region: 'us-east-1' }), keyArn);
    kms.on(GenerateMacCommand).resolves({});
    await expect(hash('ada@example.com')).rejects.toThrow(`KMS GenerateMac with key ${keyArn} returned no Mac`);
    kms.on(GenerateMacCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(hash('ada@example.com')).rejects.toThrow('Rate exceeded');
  });
});

describe('redactEmailAddresses', () => {
  it('removes every address from a message and leaves the rest', () => {
    expect(
      redactEmailAddresses('Email address is not verified. The following identities failed: a.b+c@example.com, <x@y.org>'),
    ).toBe('Email address is not verified. The following identities failed: [email redacted], <[email redacted]>');
  });
});
