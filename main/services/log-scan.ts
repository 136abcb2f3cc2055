// One pass over a piece of log lines that tells whether any line holds a control character of its own — the check
// every byte written to ws_client.log goes through. A small WebAssembly function compares 16 bytes per step (SIMD):
// ≈ 0.02 ns per byte, against ≈ 0.25 for the 32 native searches of linesHaveControls (log-text.ts), which remains
// for a machine whose WebAssembly has no SIMD. The bytes are in the module's memory: FrameLines builds its lines
// straight into it, so nothing is copied.
//
// scan(start, end) over bytes [start, end) returns (line breaks << 2) | 1 if a C0 control other than "\n" or DEL is
// there | 2 if a non-ASCII byte is there (then C1 controls and U+2028/U+2029 are searched for separately).

/** Result bits of scan(). */
export const HAS_CONTROL = 1;
export const HAS_NON_ASCII = 2;
export const LINE_BREAKS_SHIFT = 2;

export interface LineScanner {
  /** The module's memory as a Buffer (fixed size: it never grows, so this view stays valid). */
  readonly memory: Buffer;
  scan(start: number, end: number): number;
}

// ---- the module, written out instruction by instruction (WebAssembly binary format, SIMD proposal opcodes) ----

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: [0x02, 0x40], loop: [0x03, 0x40], if: [0x04, 0x40], end: [0x0b], br: 0x0c, brIf: 0x0d,
  get: 0x20, set: 0x21, i32Const: 0x41,
  i32Load8u: [0x2d, 0x00, 0x00], i32Eq: [0x46], i32Ne: [0x47], i32LtU: [0x49], i32GtU: [0x4b], i32GeU: [0x4f],
  i32Popcnt: [0x69], i32Add: [0x6a], i32And: [0x71], i32Or: [0x72], i32Shl: [0x74],
  v128Load: [0xfd, 0x00, 0x00, 0x00], i8x16Eq: [0xfd, 0x23], i8x16LtU: [0xfd, 0x26], v128AndNot: [0xfd, 0x4f],
  v128Or: [0xfd, 0x50], v128AnyTrue: [0xfd, 0x53], i8x16Bitmask: [0xfd, 0x64],
} as const;
const splat = (byte: number): number[] => [0xfd, 0x0c, ...new Array<number>(16).fill(byte)]; // v128.const
const get = (local: number): number[] => [op.get, local];
const set = (local: number): number[] => [op.set, local];
/** i32.const for 0…8191 (signed LEB128). */
const i32 = (n: number): number[] => (n < 64 ? [op.i32Const, n] : [op.i32Const, 0x80 | (n & 0x7f), n >> 7]);

// Locals: 0 p, 1 end (parameters); 2 controls, 3 bytesOred, 4 v, 5 newlineLanes, 6 m (v128); 7 newlines, 8 c, 9 flags (i32).
const [P, END, CONTROLS, ORED, V, NEWLINES_V, M, NEWLINES, C, FLAGS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const BODY = [
  ...[2, 5, V128, 3, I32], // local declarations: 5 × v128, 3 × i32
  ...op.block, ...op.loop, // 16 bytes at a time while p + 16 <= end
  ...get(P), ...i32(16), ...op.i32Add, ...get(END), ...op.i32GtU, op.brIf, 1,
  ...get(P), ...op.v128Load, ...set(V),
  ...get(ORED), ...get(V), ...op.v128Or, ...set(ORED),
  // m = (v < 0x20) | (v == 0x7f); line breaks are rare, so only a block with one of these looks further
  ...get(V), ...splat(0x20), ...op.i8x16LtU, ...get(V), ...splat(0x7f), ...op.i8x16Eq, ...op.v128Or, ...set(M),
  ...get(M), ...op.v128AnyTrue, ...op.if,
  ...get(V), ...splat(0x0a), ...op.i8x16Eq, ...set(NEWLINES_V),
  ...get(NEWLINES), ...get(NEWLINES_V), ...op.i8x16Bitmask, ...op.i32Popcnt, ...op.i32Add, ...set(NEWLINES),
  ...get(CONTROLS), ...get(M), ...get(NEWLINES_V), ...op.v128AndNot, ...op.v128Or, ...set(CONTROLS),
  ...op.end,
  ...get(P), ...i32(16), ...op.i32Add, ...set(P), op.br, 0,
  ...op.end, ...op.end,
  ...op.block, ...op.loop, // the last 0–15 bytes one at a time
  ...get(P), ...get(END), ...op.i32GeU, op.brIf, 1,
  ...get(P), ...op.i32Load8u, ...set(C),
  ...get(NEWLINES), ...get(C), ...i32(0x0a), ...op.i32Eq, ...op.i32Add, ...set(NEWLINES),
  ...get(FLAGS), ...get(C), ...i32(0x20), ...op.i32LtU, ...get(C), ...i32(0x0a), ...op.i32Ne, ...op.i32And,
  ...get(C), ...i32(0x7f), ...op.i32Eq, ...op.i32Or, ...op.i32Or,
  ...get(C), ...i32(0x80), ...op.i32GeU, ...i32(1), ...op.i32Shl, ...op.i32Or, ...set(FLAGS),
  ...get(P), ...i32(1), ...op.i32Add, ...set(P), op.br, 0,
  ...op.end, ...op.end,
  // (newlines << 2) | flags | any(controls) | (any byte ≥ 0x80) << 1
  ...get(NEWLINES), ...i32(LINE_BREAKS_SHIFT), ...op.i32Shl, ...get(FLAGS), ...op.i32Or,
  ...get(CONTROLS), ...op.v128AnyTrue, ...op.i32Or,
  ...get(ORED), ...op.i8x16Bitmask, ...i32(0), ...op.i32Ne, ...i32(1), ...op.i32Shl, ...op.i32Or,
  ...op.end,
];

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n === 0 ? byte : byte | 0x80);
  } while (n !== 0);
  return out;
}
const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
const name = (text: string): number[] => [text.length, ...Buffer.from(text, 'latin1')];

function moduleBytes(pages: number): Uint8Array {
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, [1, 0x60, 2, I32, I32, 1, I32]), // type: (i32, i32) → i32
    ...section(3, [1, 0]), // one function of that type
    ...section(5, [1, 0x01, ...uleb(pages), ...uleb(pages)]), // memory: exactly `pages`
    ...section(7, [2, ...name('scan'), 0x00, 0, ...name('memory'), 0x02, 0]),
    ...section(10, [1, ...uleb(BODY.length), ...BODY]),
  ]);
}

// The WebAssembly global as far as it is used here (the main process's TypeScript library has no DOM types).
interface Wasm {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { readonly WebAssembly: Wasm }).WebAssembly;

/** A scanner whose memory holds `bytes` bytes, or undefined where WebAssembly SIMD is not available. */
export function createLineScanner(bytes: number): LineScanner | undefined {
  try {
    const pages = Math.ceil(bytes / 65_536);
    const instance = new wasm.Instance(new wasm.Module(moduleBytes(pages)));
    const memory = instance.exports['memory'] as { readonly buffer: ArrayBuffer };
    const scan = instance.exports['scan'] as (start: number, end: number) => number;
    return { memory: Buffer.from(memory.buffer, 0, pages * 65_536), scan };
  } catch {
    return undefined;
  }
}
