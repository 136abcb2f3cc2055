// The downloaded installer is checked against the sha512 the release feed published for it, independently of
// electron-updater's own check while downloading: a file changed on disk afterwards is caught too.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export class ChecksumError extends Error {
  readonly code = 'ERR_CHECKSUM_MISMATCH';
  constructor(message: string) {
    super(message);
    this.name = 'ChecksumError';
  }
}

/** The file's sha512, base64-encoded as in latest.yml. Streams: installers are 100+ MB. */
export function sha512OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('base64')));
  });
}

/** Resolves when `path` has exactly the published sha512; rejects with ChecksumError otherwise. */
export async function verifySha512(path: string, expected: string): Promise<void> {
  const actual = await sha512OfFile(path);
  if (actual !== expected) {
    const name = path.split(/[\\/]/).pop() ?? path;
    throw new ChecksumError(`sha512 checksum mismatch for ${name}: expected ${expected.slice(0, 16)}…, got ${actual.slice(0, 16)}….`);
  }
}
