// The committed icons: valid containers whose every image decodes to the size it declares.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICNS_TYPES, parseIcns } from '../../scripts/icons/icns';
import { parseIco } from '../../scripts/icons/ico';
import { decodePng, readPngHeader } from '../../scripts/icons/png';
import { ICO_SIZES, LINUX_SIZES } from '../../scripts/icons/sizes';
import { PROJECT_DIR } from './builder-config';

const ASSETS = join(PROJECT_DIR, 'assets');

/** Decodes a 32-bit BMP entry of an .ico (header, then colour rows; the mask follows). */
function bmpSize(data: Buffer): { width: number; height: number; bitCount: number; pixelBytes: number } {
  expect(data.readUInt32LE(0)).toBe(40);
  const width = data.readInt32LE(4);
  const height = data.readInt32LE(8) / 2; // stored doubled: colour + AND mask
  const bitCount = data.readUInt16LE(14);
  const maskBytes = Math.ceil(width / 32) * 4 * height;
  return { width, height, bitCount, pixelBytes: data.length - 40 - maskBytes };
}

describe('icons', () => {
  it('Linux PNG set: every size present and decoding to its declared size', () => {
    const files = readdirSync(join(ASSETS, 'icons')).sort();
    expect(files).toEqual(LINUX_SIZES.map((s) => `${s}x${s}.png`).sort());
    for (const size of LINUX_SIZES) {
      const decoded = decodePng(readFileSync(join(ASSETS, 'icons', `${size}x${size}.png`)));
      expect([decoded.width, decoded.height]).toEqual([size, size]);
      expect(decoded.rgba.length).toBe(size * size * 4);
    }
  });

  it('the icon has transparent corners and an opaque centre', () => {
    const { width, rgba } = decodePng(readFileSync(join(ASSETS, 'icons', '256x256.png')));
    const alpha = (x: number, y: number): number => rgba[(y * width + x) * 4 + 3] ?? -1;
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(128, 128)).toBe(255);
  });

  it('icon.ico: ICONDIR header, 16…256 px entries, each decoding to its declared size', () => {
    const ico = readFileSync(join(ASSETS, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const entries = parseIco(ico);
    expect(entries.map((e) => e.width)).toEqual([...ICO_SIZES]);
    for (const entry of entries) {
      expect(entry.height).toBe(entry.width);
      expect(entry.bitCount).toBe(32);
      if (entry.format === 'png') {
        const decoded = decodePng(entry.data);
        expect([decoded.width, decoded.height]).toEqual([entry.width, entry.height]);
      } else {
        const bmp = bmpSize(entry.data);
        expect([bmp.width, bmp.height, bmp.bitCount]).toEqual([entry.width, entry.height, 32]);
        expect(bmp.pixelBytes).toBe(entry.width * entry.height * 4);
      }
    }
    expect(entries.find((e) => e.width === 256)?.format).toBe('png');
  });

  it('icon.icns: icns header with the full 16…1024 PNG set, each decoding to its declared size', () => {
    const icns = readFileSync(join(ASSETS, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const entries = parseIcns(icns);
    expect(entries.map((e) => e.type).sort()).toEqual(Object.keys(ICNS_TYPES).sort());
    for (const entry of entries) {
      const size = ICNS_TYPES[entry.type];
      const decoded = decodePng(entry.data);
      expect([decoded.width, decoded.height]).toEqual([size, size]);
    }
    expect(readPngHeader(readFileSync(join(ASSETS, 'icon.png'))).width).toBe(1024);
  });
});
