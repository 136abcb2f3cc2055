import { describe, expect, it } from 'vitest';
import { createLineScanner, HAS_CONTROL, HAS_NON_ASCII, LINE_BREAKS_SHIFT } from '../../main/services/log-scan';

/** What scan() must return, byte by byte. */
function expected(bytes: Uint8Array, start: number, end: number): number {
  let breaks = 0;
  let flags = 0;
  for (let i = start; i < end; i += 1) {
    const c = bytes[i]!;
    if (c === 0x0a) breaks += 1;
    else if (c < 0x20 || c === 0x7f) flags |= HAS_CONTROL;
    if (c >= 0x80) flags |= HAS_NON_ASCII;
  }
  return (breaks << LINE_BREAKS_SHIFT) | flags;
}

describe('the SIMD line scanner (WebAssembly)', () => {
  const scanner = createLineScanner(1024 * 1024);

  it('is available on this machine (Node 20 has WebAssembly SIMD)', () => {
    expect(scanner).toBeDefined();
    expect(scanner!.memory.length).toBe(1024 * 1024);
  });

  it('agrees with a byte-by-byte check for every byte value, at every position in and around a 16-byte block', () => {
    const s = scanner!;
    for (let value = 0; value < 256; value += 1) {
      for (let position = 0; position < 40; position += 1) {
        for (const [start, end] of [[0, 40], [3, 37], [position, position + 1], [0, 16], [16, 32]] as const) {
          s.memory.fill(0x41, 0, 64);
          s.memory[position] = value;
          s.memory[45] = 0x0a; // outside every range: never counted
          expect(s.scan(start, end), `byte ${value} at ${position}, range ${start}–${end}`).toBe(expected(s.memory, start, end));
        }
      }
    }
  });

  it('counts line breaks over a whole buffer of lines', () => {
    const s = scanner!;
    const line = Buffer.from('[2026-01-01 00:00:00.000] [info]  << {"a":"€ b"}\n');
    let used = 0;
    while (used + line.length <= s.memory.length) used += line.copy(s.memory, used);
    const lines = used / line.length;
    expect(s.scan(0, used)).toBe((lines << LINE_BREAKS_SHIFT) | HAS_NON_ASCII);
    s.memory[used - 2] = 0x1b;
    expect(s.scan(0, used) & HAS_CONTROL).toBe(HAS_CONTROL);
  });
});
