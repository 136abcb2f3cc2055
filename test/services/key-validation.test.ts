import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyError, parsePrivateKeyPem, publicKeyFingerprint } from '../../main/services/key-validation';

const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs1 = rsa2048.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const pkcs8 = rsa2048.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

/** Any 16-character run of the key's base64 body: must never appear in a message. */
function keyChunks(pem: string): string[] {
  const body = pem.split('\n').filter((l) => !l.startsWith('-----')).join('');
  const chunks: string[] = [];
  for (let i = 0; i + 16 <= body.length; i += 16) chunks.push(body.slice(i, i + 16));
  return chunks;
}

function keyErrorOf(pem: string): KeyError {
  try {
    parsePrivateKeyPem(pem);
  } catch (error) {
    expect(error).toBeInstanceOf(KeyError);
    const message = (error as KeyError).message;
    for (const chunk of keyChunks(pem)) expect(message).not.toContain(chunk);
    return error as KeyError;
  }
  throw new Error('expected a KeyError');
}

function opensslFingerprint(key: KeyObject): string {
  const pem = key.export({ type: 'pkcs8', format: 'pem' }) as string;
  const der = execFileSync('openssl', ['pkey', '-pubout', '-outform', 'DER'], { input: pem });
  const hex = execFileSync('openssl', ['dgst', '-sha256', '-hex', '-r'], { input: der }).toString().split(' ')[0] ?? '';
  return hex.toUpperCase().match(/../g)?.join(':') ?? '';
}

describe('parsePrivateKeyPem', () => {
  it('accepts PKCS#1 and PKCS#8 RSA keys and gives both the same fingerprint and size', () => {
    const a = parsePrivateKeyPem(pkcs1);
    const b = parsePrivateKeyPem(pkcs8);
    expect(a.bits).toBe(2048);
    expect(b.bits).toBe(2048);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.warning).toBeUndefined();
    expect(a.key.type).toBe('private');
  });

  it('computes the fingerprint openssl computes: SHA-256 of the SPKI DER, upper-case pairs with colons', () => {
    const { fingerprint } = parsePrivateKeyPem(pkcs8);
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(fingerprint).toBe(opensslFingerprint(rsa2048.privateKey));
    expect(publicKeyFingerprint(rsa2048.publicKey)).toBe(fingerprint);
  });

  it('accepts Windows line endings and text around the block', () => {
    expect(parsePrivateKeyPem(`my key:\r\n${pkcs1.replace(/\n/g, '\r\n')}\r\n`).bits).toBe(2048);
  });

  it('accepts a key under 2048 bits with a warning', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const parsed = parsePrivateKeyPem(small);
    expect(parsed.bits).toBe(1024);
    expect(parsed.warning).toMatch(/under 2048 bits/);
  });

  it('explains an empty file and text that is not PEM', () => {
    expect(keyErrorOf('').message).toMatch(/empty/);
    expect(keyErrorOf('   \n').message).toMatch(/empty/);
    expect(keyErrorOf('uid=ID123 api_key=KID456').message).toMatch(/not a PEM file/);
    expect(keyErrorOf(pkcs8.replace(/-----END PRIVATE KEY-----\s*$/, '')).message).toMatch(/no matching "-----END"/);
  });

  it('explains a public key (SPKI and PKCS#1) and a certificate', () => {
    expect(keyErrorOf(rsa2048.publicKey.export({ type: 'spki', format: 'pem' }) as string).message).toMatch(/public key/);
    expect(keyErrorOf(rsa2048.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string).message).toMatch(/public key/);
    const cert = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2Vyd\n-----END CERTIFICATE-----\n';
    expect(keyErrorOf(cert).message).toMatch(/certificate, not a private key/);
  });

  it('explains a passphrase-protected key (PKCS#8 and traditional) and how to remove the passphrase', () => {
    const enc8 = rsa2048.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string;
    const enc1 = rsa2048.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string;
    for (const pem of [enc8, enc1]) {
      const message = keyErrorOf(pem).message;
      expect(message).toMatch(/passphrase/);
      expect(message).toContain('openssl rsa -in key.pem -out key-nopass.pem');
    }
  });

  it('refuses non-RSA keys: EC (PKCS#8 and SEC1), Ed25519, RSA-PSS, OpenSSH', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(keyErrorOf(ec.export({ type: 'pkcs8', format: 'pem' }) as string).message).toMatch(/type EC; OceanEx needs an RSA key/);
    expect(keyErrorOf(ec.export({ type: 'sec1', format: 'pem' }) as string).message).toMatch(/type EC/);
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(keyErrorOf(ed).message).toMatch(/type ED25519/);
    const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(keyErrorOf(pss).message).toMatch(/RSA-PSS/);
    expect(keyErrorOf('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n').message).toMatch(/ssh-keygen -p -m PEM/);
  });

  it('explains damaged PEM data without echoing it', () => {
    const lines = pkcs8.split('\n');
    lines[3] = 'A'.repeat(lines[3]?.length ?? 64);
    expect(keyErrorOf(lines.join('\n')).message).toMatch(/damaged/);
    const truncated = `${pkcs8.slice(0, 300)}\n-----END PRIVATE KEY-----\n`;
    expect(keyErrorOf(truncated).message).toMatch(/damaged or incomplete/);
  });

  it('refuses a file with two private keys', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(keyErrorOf(pkcs8 + other).message).toMatch(/2 private keys/);
  });
});
