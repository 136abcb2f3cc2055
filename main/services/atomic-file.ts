// Crash-safe file replacement: write a temp file next to the target, fsync it, rename over the target.
// A reader therefore sees the old content or the new content, never half of either.

import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** Temp files start with this so they are easy to recognise (and clean up) next to the target. */
export const TEMP_MARKER = '.tmp-';

/** Where a file we cannot use is kept aside (<file>.corrupt-<timestamp>), never over an earlier one of the same millisecond. */
export function corruptAsidePath(file: string): string {
  const base = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  let candidate = base;
  for (let n = 1; existsSync(candidate); n += 1) candidate = `${base}-${n}`;
  return candidate;
}

export function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Writes and fsyncs `data` to a fresh temp file beside `file`; returns its path (call commitTemp or discardTemp). */
export function writeTemp(file: string, data: string | Uint8Array, mode = 0o600): string {
  const temp = tempPathFor(file);
  const fd = openSync(temp, 'wx', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    discardTemp(temp);
    throw error;
  }
  closeSync(fd);
  return temp;
}

/** Moves the temp file over the target and makes the rename itself durable. */
export function commitTemp(temp: string, file: string): void {
  renameSync(temp, file);
  fsyncDirectory(dirname(file));
}

export function discardTemp(temp: string): void {
  rmSync(temp, { force: true });
}

export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): void {
  const temp = writeTemp(file, data, mode);
  try {
    commitTemp(temp, file);
  } catch (error) {
    discardTemp(temp);
    throw error;
  }
}

function fsyncDirectory(dir: string): void {
  // Not supported on Windows (EISDIR/EPERM); the rename is still atomic there.
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
