// scrubSecrets removes key blocks, tokens and signatures, but leaves a message that only names a PEM header readable.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../main/app/errors';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });

describe('scrubSecrets', () => {
  it('keeps the key-import message that names the expected headers', () => {
    const message = 'This is not a PEM file. Expected text starting with "-----BEGIN RSA PRIVATE KEY-----" or "-----BEGIN PRIVATE KEY-----".';
    expect(scrubSecrets(message)).toBe(message);
  });

  it('removes a whole key, a truncated one and a legacy encrypted one', () => {
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const encrypted = privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'p' });
    for (const text of [`before ${pem} after`, `before ${pem.slice(0, 120)}`, `before ${encrypted} after`]) {
      const out = scrubSecrets(text);
      expect(out).toContain('[key material removed]');
      expect(out).not.toMatch(/PRIVATE KEY-----\s*[A-Za-z0-9+/]{16}/);
      expect(out).not.toContain(pem.split('\n')[1]!.slice(0, 20));
    }
  });
});
