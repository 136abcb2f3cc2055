// Checks that an imported key.pem is what OceanEx needs: one unencrypted RSA private key (PKCS#1 or PKCS#8 PEM).
// Every message here is shown to the user, so none may contain key material: only labels, sizes and advice.

import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { PEM_BEGIN, PemEndFinder } from './secret-scan';

export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

export interface ParsedPrivateKey {
  readonly key: KeyObject;
  readonly bits: number;
  /** SHA-256 of the public key (SPKI DER), "AB:CD:…". */
  readonly fingerprint: string;
  readonly warning?: string;
}

export const MIN_RECOMMENDED_BITS = 2048;
/** Below this OpenSSL refuses to sign at all, so the key could never log in. */
const MIN_USABLE_BITS = 512;

const REMOVE_PASSPHRASE =
  'OceanEx keys must not have a passphrase. Remove it with: openssl rsa -in key.pem -out key-nopass.pem — then import key-nopass.pem.';

interface PemBlock {
  readonly label: string;
  readonly text: string;
  readonly encryptedHeader: boolean;
}

/** Every "-----BEGIN X-----" … "-----END X-----" block, in one pass (a lazy regex would rescan per BEGIN). */
function pemBlocks(pem: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const endFinders = new Map<string, PemEndFinder>();
  const begin = new RegExp(PEM_BEGIN.source, 'g');
  for (let match = begin.exec(pem); match !== null; match = begin.exec(pem)) {
    const label = match[0].slice('-----BEGIN '.length, -'-----'.length);
    let finder = endFinders.get(label);
    if (finder === undefined) endFinders.set(label, (finder = new PemEndFinder(pem, label)));
    const bodyStart = match.index + match[0].length;
    const end = finder.endAfter(bodyStart);
    if (end === -1) continue; // the next BEGIN is searched from just after this one
    const body = pem.slice(bodyStart, end - `-----END ${label}-----`.length);
    blocks.push({ label, text: pem.slice(match.index, end), encryptedHeader: /Proc-Type:\s*4,\s*ENCRYPTED/i.test(body) });
    begin.lastIndex = end;
  }
  return blocks;
}

const PRIVATE_LABELS = new Set(['RSA PRIVATE KEY', 'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY', 'OPENSSH PRIVATE KEY']);

function explainNonPrivate(labels: readonly string[]): KeyError {
  if (labels.some((l) => l.includes('CERTIFICATE'))) {
    return new KeyError('This file holds a certificate, not a private key. Import the RSA private key (key.pem) whose public key you registered with OceanEx.');
  }
  if (labels.some((l) => l.includes('PUBLIC KEY'))) {
    return new KeyError('This file holds a public key. Import the matching RSA private key (key.pem); the public key is what you upload to OceanEx.');
  }
  return new KeyError(`This PEM file holds "${labels.join('", "')}", not an RSA private key.`);
}

function explainNonRsa(type: string | undefined): KeyError {
  if (type === 'rsa-pss') {
    return new KeyError('This is an RSA-PSS restricted key; OceanEx needs a plain RSA key (openssl genrsa -out key.pem 2048).');
  }
  return new KeyError(`This private key is of type ${type ? type.toUpperCase() : 'unknown'}; OceanEx needs an RSA key (openssl genrsa -out key.pem 2048).`);
}

/** SHA-256 of the public key's SPKI DER as upper-case hex pairs joined by ':' (what `openssl pkey -pubout -outform DER | sha256sum` shows). */
export function publicKeyFingerprint(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const digest = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').toUpperCase();
  return digest.match(/../g)?.join(':') ?? digest;
}

/** OpenSSL parses a key whose numbers were altered; a sign/verify round trip shows whether they still match. */
function signsConsistently(key: KeyObject): boolean {
  try {
    const probe = Buffer.from('OceanEx WS Client key check', 'utf8');
    return verify('sha256', probe, createPublicKey(key), sign('sha256', probe, key));
  } catch {
    return false;
  }
}

/** Parses and checks an RSA private key PEM. Throws KeyError with a message safe to show. */
export function parsePrivateKeyPem(pem: string): ParsedPrivateKey {
  if (typeof pem !== 'string' || pem.trim() === '') {
    throw new KeyError('The key file is empty.');
  }
  const blocks = pemBlocks(pem);
  if (blocks.length === 0) {
    if (pem.includes('-----BEGIN')) {
      throw new KeyError('The PEM data is incomplete: a "-----BEGIN" line has no matching "-----END" line.');
    }
    throw new KeyError('This is not a PEM file. Expected text starting with "-----BEGIN RSA PRIVATE KEY-----" or "-----BEGIN PRIVATE KEY-----".');
  }
  const privateBlocks = blocks.filter((b) => PRIVATE_LABELS.has(b.label));
  if (privateBlocks.length === 0) throw explainNonPrivate(blocks.map((b) => b.label));
  if (privateBlocks.length > 1) {
    throw new KeyError(`This file holds ${privateBlocks.length} private keys; import a file with exactly one RSA private key.`);
  }
  const block = privateBlocks[0] as PemBlock;

  switch (block.label) {
    case 'ENCRYPTED PRIVATE KEY':
      throw new KeyError(`This private key is protected by a passphrase. ${REMOVE_PASSPHRASE}`);
    case 'EC PRIVATE KEY':
      throw explainNonRsa('ec');
    case 'DSA PRIVATE KEY':
      throw explainNonRsa('dsa');
    case 'OPENSSH PRIVATE KEY':
      throw new KeyError('This key is in OpenSSH format. Convert it to PEM with: ssh-keygen -p -m PEM -f key — then import it again.');
  }
  if (block.encryptedHeader) {
    throw new KeyError(`This private key is protected by a passphrase. ${REMOVE_PASSPHRASE}`);
  }

  let key: KeyObject;
  try {
    key = createPrivateKey({ key: block.text, format: 'pem' });
  } catch (error) {
    // OpenSSL's reason never holds key bytes, but we still only pass on what we recognise.
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MISSING_PASSPHRASE') throw new KeyError(`This private key is protected by a passphrase. ${REMOVE_PASSPHRASE}`);
    throw new KeyError('The private key could not be read: the PEM data is damaged or incomplete.');
  }

  if (key.asymmetricKeyType !== 'rsa') throw explainNonRsa(key.asymmetricKeyType);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_USABLE_BITS) {
    throw new KeyError(`This RSA key has only ${bits} bits, too short to sign with. Generate a new one: openssl genrsa -out key.pem 2048.`);
  }
  if (!signsConsistently(key)) {
    throw new KeyError('The private key is damaged: its parts do not fit together, so its signatures would be rejected. Export the key again.');
  }
  const fingerprint = publicKeyFingerprint(key);
  if (bits < MIN_RECOMMENDED_BITS) {
    return { key, bits, fingerprint, warning: `RSA key under ${MIN_RECOMMENDED_BITS} bits (${bits} bits): it is weak and OceanEx may refuse it. Consider a 2048-bit or longer key.` };
  }
  return { key, bits, fingerprint };
}
