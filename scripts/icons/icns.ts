// The macOS .icns container: 'icns' + total length, then (OSType, length, PNG data) records.
// Every type used here stores PNG data (supported since OS X 10.7).
import { readPngHeader } from './png';

const HEADER_SIZE = 8;

/** OSType → pixel size of the PNG it holds (retina types hold twice their point size). */
export const ICNS_TYPES: Readonly<Record<string, number>> = {
  icp4: 16,
  icp5: 32,
  icp6: 64,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024, // 512@2x
  ic11: 32, // 16@2x
  ic12: 64, // 32@2x
  ic13: 256, // 128@2x
  ic14: 512, // 256@2x
};

export interface IcnsEntry {
  type: string;
  data: Buffer;
}

/** Builds an .icns from PNGs keyed by pixel size; every OSType whose size is present gets an entry. */
export function buildIcns(pngBySize: ReadonlyMap<number, Buffer>): Buffer {
  const records: Buffer[] = [];
  for (const [type, size] of Object.entries(ICNS_TYPES)) {
    const png = pngBySize.get(size);
    if (!png) throw new Error(`.icns needs a ${size} px PNG for ${type}`);
    const { width, height } = readPngHeader(png);
    if (width !== size || height !== size) throw new Error(`${type} needs ${size}×${size}, got ${width}×${height}`);
    const header = Buffer.alloc(HEADER_SIZE);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(HEADER_SIZE + png.length, 4);
    records.push(header, png);
  }
  const body = Buffer.concat(records);
  const header = Buffer.alloc(HEADER_SIZE);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(HEADER_SIZE + body.length, 4);
  return Buffer.concat([header, body]);
}

/** Reads an .icns back into its records, checking the declared lengths. */
export function parseIcns(icns: Buffer): IcnsEntry[] {
  if (icns.length < HEADER_SIZE || icns.toString('latin1', 0, 4) !== 'icns') throw new Error("not an .icns: no 'icns' magic");
  if (icns.readUInt32BE(4) !== icns.length) throw new Error(`.icns declares ${icns.readUInt32BE(4)} bytes, file has ${icns.length}`);
  const entries: IcnsEntry[] = [];
  let offset = HEADER_SIZE;
  while (offset < icns.length) {
    const type = icns.toString('latin1', offset, offset + 4);
    const length = icns.readUInt32BE(offset + 4);
    if (length < HEADER_SIZE || offset + length > icns.length) throw new Error(`.icns record ${type} has a bad length`);
    entries.push({ type, data: icns.subarray(offset + HEADER_SIZE, offset + length) });
    offset += length;
  }
  return entries;
}
