// A stand-in for Electron's Linux distribution folder, so `electron-builder --dir` runs offline
// (-c.electronDist=<folder>). Its `electron` executable carries a real fuse wire: @electron/fuses finds the
// sentinel and flips the fuses exactly as in a real binary, so the test can read back what the build burnt.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_WIRE_VERSION = 1;
/** A fuse's byte on the wire: ASCII '1' on, '0' off. */
export const FUSE_ON = 0x31;
export const FUSE_OFF = 0x30;
/** Electron 45's shipped fuse states, in FuseV1Options order (RunAsNode … GrantFileProtocolExtraPrivileges). */
const ELECTRON_DEFAULT_FUSES = [1, 0, 1, 1, 0, 0, 0, 1];

export function writeStandInElectronDist(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron: cannot run the app" >&2\nexit 1\n# ');
  const wire = Buffer.from([
    ...Buffer.from(FUSE_SENTINEL, 'latin1'),
    FUSE_WIRE_VERSION,
    ELECTRON_DEFAULT_FUSES.length,
    ...ELECTRON_DEFAULT_FUSES.map((on) => (on ? FUSE_ON : FUSE_OFF)),
  ]);
  const file = join(dir, 'electron');
  writeFileSync(file, Buffer.concat([script, wire, Buffer.from('\n')]));
  chmodSync(file, 0o755);
}
