import { createHash } from 'node:crypto';
import { uuidFromName } from '../../services/shared/deterministic-uuid';
import { emailSha256 } from '../../services/shared/email-hash';
import { redactEmailAddresses } from '../../services/shared/redact';

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

describe('emailSha256', () => {
  it('hashes the trimmed, lower-cased address', () => {
    const expected = createHash('sha256').update('ada@example.com').digest('hex');

    expect(emailSha256(' Ada@Example.COM ')).toBe(expected);
    expect(emailSha256('ada@example.com')).toBe(expected);
  });
});

describe('redactEmailAddresses', () => {
  it('removes every address from a message and leaves the rest', () => {
    expect(
      redactEmailAddresses('Email address is not verified. The following identities failed: a.b+c@example.com, <x@y.org>'),
    ).toBe('Email address is not verified. The following identities failed: [email redacted], <[email redacted]>');
  });
});
