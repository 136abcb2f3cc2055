// The Windows .ico container. Entries of 256 px embed the PNG as is (Vista and later); smaller ones are
// 32-bit BMP (DIB) entries, which every Windows icon consumer — the shell, NSIS, rcedit — reads.
import { decodePng, PNG_SIGNATURE, readPngHeader } from './png';

const ICONDIR_SIZE = 6;
const ICONDIRENTRY_SIZE = 16;
const BITMAPINFOHEADER_SIZE = 40;

export interface IcoEntry {
  width: number;
  height: number;
  bitCount: number;
  format: 'png' | 'bmp';
  data: Buffer;
}

/** A 32-bit DIB as an .ico stores it: header with doubled height, bottom-up BGRA rows, then the AND mask. */
function bmpEntry(png: Buffer): Buffer {
  const { width, height, rgba } = decodePng(png);
  const maskStride = Math.ceil(width / 32) * 4;
  const header = Buffer.alloc(BITMAPINFOHEADER_SIZE);
  header.writeUInt32LE(BITMAPINFOHEADER_SIZE, 0);
  header.writeInt32LE(width, 4);
  header.writeInt32LE(height * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  header.writeUInt32LE(0, 16); // BI_RGB
  header.writeUInt32LE(width * height * 4 + maskStride * height, 20);
  const colour = Buffer.alloc(width * height * 4);
  const mask = Buffer.alloc(maskStride * height);
  for (let y = 0; y < height; y++) {
    const targetRow = height - 1 - y;
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * 4;
      const dst = (targetRow * width + x) * 4;
      colour[dst] = rgba[src + 2] ?? 0;
      colour[dst + 1] = rgba[src + 1] ?? 0;
      colour[dst + 2] = rgba[src] ?? 0;
      colour[dst + 3] = rgba[src + 3] ?? 0;
      if ((rgba[src + 3] ?? 0) === 0) {
        const byte = targetRow * maskStride + (x >> 3);
        mask[byte] = (mask[byte] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return Buffer.concat([header, colour, mask]);
}

/** Builds an .ico from square PNGs (one per size, ≤ 256 px). */
export function buildIco(pngs: readonly Buffer[]): Buffer {
  const images = pngs.map((png) => {
    const { width, height } = readPngHeader(png);
    if (width !== height || width > 256) throw new Error(`ico entries must be square and ≤ 256 px, got ${width}×${height}`);
    return { size: width, data: width === 256 ? png : bmpEntry(png) };
  });
  const directory = Buffer.alloc(ICONDIR_SIZE + ICONDIRENTRY_SIZE * images.length);
  directory.writeUInt16LE(0, 0); // reserved
  directory.writeUInt16LE(1, 2); // type 1 = icon
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach((image, index) => {
    const at = ICONDIR_SIZE + index * ICONDIRENTRY_SIZE;
    directory.writeUInt8(image.size === 256 ? 0 : image.size, at); // 0 means 256
    directory.writeUInt8(image.size === 256 ? 0 : image.size, at + 1);
    directory.writeUInt8(0, at + 2); // no palette
    directory.writeUInt8(0, at + 3);
    directory.writeUInt16LE(1, at + 4); // planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(image.data.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += image.data.length;
  });
  return Buffer.concat([directory, ...images.map((image) => image.data)]);
}

/** Reads an .ico back into its entries, checking that every entry lies inside the file. */
export function parseIco(ico: Buffer): IcoEntry[] {
  if (ico.length < ICONDIR_SIZE || ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) {
    throw new Error('not an .ico: bad ICONDIR header');
  }
  const count = ico.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let index = 0; index < count; index++) {
    const at = ICONDIR_SIZE + index * ICONDIRENTRY_SIZE;
    const width = ico.readUInt8(at) || 256;
    const height = ico.readUInt8(at + 1) || 256;
    const bitCount = ico.readUInt16LE(at + 6);
    const size = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    if (offset + size > ico.length) throw new Error(`.ico entry ${index} runs past the end of the file`);
    const data = ico.subarray(offset, offset + size);
    const format = data.subarray(0, 8).equals(PNG_SIGNATURE) ? 'png' : 'bmp';
    entries.push({ width, height, bitCount, format, data });
  }
  return entries;
}
