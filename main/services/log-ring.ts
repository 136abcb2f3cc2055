// The log's bounded memory: the newest entries in columns (times, kinds, uuids, where the text is) instead of one
// object per entry, and their texts as UTF-8 in 1 MB byte chunks outside the JavaScript heap.
//
// Why: every frame stays in the ring for minutes, so a text kept as a string is copied out of the young generation
// by the garbage collector, then marked again and again in the old one — for the session bench's replies that
// cost as much as all the rest of the logging. A text is stored as bytes when it is pushed (a received frame's own
// bytes are copied, not encoded again) and the file line is copied from them; the string is kept beside them only
// until the next drain (the batch interval) hands it to listeners. Reading a text back later (a query) decodes it,
// which is rare.
// Entries have consecutive sequence numbers, so an entry's seq is its position: nothing to store.
// LogEntry objects are made only when asked for (a query, a batch for listeners), and are short-lived.
//
// Bounds: at most `capacity` entries and `maxBytes` of text. Chunks are filled in order; when the last allowed one
// is full, the oldest chunk is reused and the entries whose text it held are dropped first (they are the oldest).

import type { LogEntry, LogLevel } from '../../shared/ipc/contract';

export const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
/** An entry's level and direction in one number: level rank × 3 + (0 message, 1 received, 2 sent). */
export type EntryKind = number;
const DIRECTIONS = [undefined, 'in', 'out'] as const;

export function entryKind(rank: number, direction: 'in' | 'out' | undefined): EntryKind {
  return rank * 3 + (direction === undefined ? 0 : direction === 'in' ? 1 : 2);
}
export const kindRank = (kind: EntryKind): number => Math.floor(kind / 3);
export const kindDirection = (kind: EntryKind): 'in' | 'out' | undefined => DIRECTIONS[kind % 3];

/** The most bytes a text takes in a chunk: its own UTF-8 when given, else at most 3 bytes per UTF-16 unit. */
function worstBytes(text: string, bytes: Uint8Array | undefined): number {
  return bytes === undefined ? text.length * 3 : bytes.length;
}

/** Bytes per text chunk (a chunk is at least large enough for the longest entry). */
const CHUNK_BYTES = 1024 * 1024;

export class LogRing {
  private readonly pending: (string | undefined)[];
  private readonly uuids: (string | undefined)[];
  private readonly times: Float64Array;
  private readonly kinds: Uint8Array;
  /** Where each stored text is: chunk number (counting every chunk ever filled), offset, length in bytes. */
  private readonly chunkOf: Float64Array;
  private readonly offsets: Uint32Array;
  private readonly lengths: Uint32Array;
  private readonly chunks: Buffer[] = [];
  private readonly chunkBytes: number;
  private readonly maxChunks: number;
  /** The chunk being filled (its number; chunks[number % maxChunks]) and the bytes used in it. */
  private chunkNumber = -1;
  private chunkUsed = 0;
  private start = 0;
  private count = 0;
  /** Sequence number of the next entry pushed; the oldest kept is `nextSeq - size`. */
  private nextSeq = 1;

  constructor(
    readonly capacity: number,
    maxBytes: number,
    maxEntryBytes: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('LogRing capacity must be a positive integer');
    this.pending = new Array<string | undefined>(capacity).fill(undefined);
    this.uuids = new Array<string | undefined>(capacity).fill(undefined);
    this.times = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.chunkOf = new Float64Array(capacity);
    this.offsets = new Uint32Array(capacity);
    this.lengths = new Uint32Array(capacity);
    this.chunkBytes = Math.max(CHUNK_BYTES, maxEntryBytes);
    // Two chunks at least: the one being filled never has to push out the entry just stored.
    this.maxChunks = Math.max(2, Math.ceil(maxBytes / this.chunkBytes));
  }

  get size(): number {
    return this.count;
  }
  get full(): boolean {
    return this.count === this.capacity;
  }
  /** Seq of the newest entry (0 before the first). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }
  get oldestSeq(): number {
    return this.nextSeq - this.count;
  }
  /** Bytes of text memory allocated (it grows to the bound, then stays). */
  get allocatedBytes(): number {
    return this.chunks.length * this.chunkBytes;
  }

  /**
   * Appends an entry and stores its text: `bytes` (its UTF-8, when the caller has them) are copied, otherwise the
   * text is encoded. Pushes out the oldest entry when full, and those of a reused chunk (see needsReuse). The
   * string stays beside the bytes until release().
   */
  push(time: number, kind: EntryKind, text: string, uuid: string | undefined, bytes?: Uint8Array): number {
    if (this.count === this.capacity) this.dropOldest();
    if (this.chunkNumber < 0 || this.chunkUsed + worstBytes(text, bytes) > this.chunkBytes) this.nextChunk();
    const chunk = this.chunks[this.chunkNumber % this.maxChunks]!;
    let length: number;
    if (bytes === undefined) {
      length = chunk.write(text, this.chunkUsed);
    } else {
      chunk.set(bytes, this.chunkUsed);
      length = bytes.length;
    }
    const slot = (this.start + this.count) % this.capacity;
    this.pending[slot] = text;
    this.uuids[slot] = uuid;
    this.times[slot] = time;
    this.kinds[slot] = kind;
    this.chunkOf[slot] = this.chunkNumber;
    this.offsets[slot] = this.chunkUsed;
    this.lengths[slot] = length;
    this.chunkUsed += length;
    this.count += 1;
    return this.nextSeq++;
  }

  /**
   * True when pushing this text would reuse the oldest chunk, pushing out the entries whose text it holds: the owner
   * writes out what they are still waiting for before pushing.
   */
  needsReuse(text: string, bytes?: Uint8Array): boolean {
    return this.chunkNumber >= 0 && this.chunkUsed + worstBytes(text, bytes) > this.chunkBytes && this.chunks.length >= this.maxChunks;
  }

  dropOldest(): void {
    if (this.count === 0) return;
    this.pending[this.start] = undefined;
    this.uuids[this.start] = undefined;
    this.start = (this.start + 1) % this.capacity;
    this.count -= 1;
  }

  /** Forgets the string of an entry (after the batch that carried it): its bytes remain. */
  release(seq: number): void {
    this.pending[this.slot(seq)] = undefined;
  }

  /** The slot of a kept seq (callers check oldestSeq ≤ seq ≤ lastSeq). */
  slot(seq: number): number {
    return (this.start + (seq - this.oldestSeq)) % this.capacity;
  }
  text(slot: number): string {
    const pending = this.pending[slot];
    if (pending !== undefined) return pending;
    const offset = this.offsets[slot]!;
    return this.chunkAt(slot).toString('utf8', offset, offset + this.lengths[slot]!);
  }
  /** Replaces a text with a shorter one (a redaction), in place. */
  setText(slot: number, text: string): void {
    if (this.pending[slot] !== undefined) this.pending[slot] = text;
    this.lengths[slot] = this.chunkAt(slot).write(text, this.offsets[slot]!, this.lengths[slot]!);
  }
  /** Where an entry's text is stored as UTF-8: its chunk, and offset() / byteLength() within it. */
  chunkAt(slot: number): Buffer {
    return this.chunks[this.chunkOf[slot]! % this.maxChunks]!;
  }
  offset(slot: number): number {
    return this.offsets[slot]!;
  }
  byteLength(slot: number): number {
    return this.lengths[slot]!;
  }
  time(slot: number): number {
    return this.times[slot]!;
  }
  kind(slot: number): EntryKind {
    return this.kinds[slot]!;
  }

  /** The entry with sequence number `seq` as the IPC contract's object. */
  entry(seq: number): LogEntry {
    const slot = this.slot(seq);
    const kind = this.kinds[slot]!;
    const level = LEVELS[kindRank(kind)]!;
    const text = this.text(slot);
    const time = this.times[slot]!;
    const direction = kindDirection(kind);
    if (direction === undefined) return { seq, time, level, text };
    const uuid = this.uuids[slot];
    return uuid === undefined ? { seq, time, level, text, direction } : { seq, time, level, text, direction, uuid };
  }

  /** Starts the next chunk, reusing the oldest one at the bound: the entries whose text it holds (the oldest) go. */
  private nextChunk(): void {
    this.chunkNumber += 1;
    this.chunkUsed = 0;
    if (this.chunks.length < this.maxChunks) {
      this.chunks.push(Buffer.allocUnsafeSlow(this.chunkBytes));
      return;
    }
    const reused = this.chunkNumber - this.maxChunks;
    while (this.count > 0 && this.chunkOf[this.start]! <= reused) this.dropOldest();
  }
}
