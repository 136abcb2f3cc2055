// The log's bounded memory: the newest entries in columns (times, kinds, uuids, where the text is) instead of one
// object per entry, and their texts as UTF-8 in 1 MB byte chunks outside the JavaScript heap.
//
// Why: every frame stays in the ring for minutes, so a text kept as a string is copied out of the young generation
// by the garbage collector, then marked again and again in the old one — for the session bench's replies that
// cost as much as all the rest of the logging. A text waits as a string only until the next drain (the batch
// interval), then is stored as bytes; reading it back (a query) decodes it, which is rare.
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

  /** Appends an entry whose text waits as a string until store(); pushes out the oldest when full. */
  push(time: number, kind: EntryKind, text: string, uuid: string | undefined): number {
    if (this.count === this.capacity) this.dropOldest();
    const slot = (this.start + this.count) % this.capacity;
    this.pending[slot] = text;
    this.uuids[slot] = uuid;
    this.times[slot] = time;
    this.kinds[slot] = kind;
    this.chunkOf[slot] = -1;
    this.count += 1;
    return this.nextSeq++;
  }

  dropOldest(): void {
    if (this.count === 0) return;
    this.pending[this.start] = undefined;
    this.uuids[this.start] = undefined;
    this.start = (this.start + 1) % this.capacity;
    this.count -= 1;
  }

  /**
   * Copies the text of `seq` into the chunks; at the bound the oldest chunk is reused and the entries whose text it
   * held are dropped (texts are stored oldest first, so those are the oldest entries).
   */
  store(seq: number): void {
    const slot = this.slot(seq);
    const text = this.pending[slot] ?? '';
    const worst = text.length * 3; // UTF-8: at most 3 bytes per UTF-16 unit
    if (this.chunkNumber < 0 || this.chunkUsed + worst > this.chunkBytes) this.nextChunk(seq);
    const chunk = this.chunks[this.chunkNumber % this.maxChunks]!;
    const length = chunk.write(text, this.chunkUsed);
    this.chunkOf[slot] = this.chunkNumber;
    this.offsets[slot] = this.chunkUsed;
    this.lengths[slot] = length;
    this.chunkUsed += length;
  }

  /** Forgets the string of a stored text (after the batch that carried it). */
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
    const chunk = this.chunks[this.chunkOf[slot]! % this.maxChunks]!;
    const offset = this.offsets[slot]!;
    return chunk.toString('utf8', offset, offset + this.lengths[slot]!);
  }
  /** Replaces a text with a shorter one (a redaction), in place. */
  setText(slot: number, text: string): void {
    if (this.pending[slot] !== undefined) this.pending[slot] = text;
    if (this.chunkOf[slot]! >= 0) {
      const chunk = this.chunks[this.chunkOf[slot]! % this.maxChunks]!;
      this.lengths[slot] = chunk.write(text, this.offsets[slot]!, this.lengths[slot]!);
    }
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

  /** Starts the next chunk, reusing the oldest one at the bound: its entries (the oldest, never `keep`) go first. */
  private nextChunk(keep: number): void {
    this.chunkNumber += 1;
    this.chunkUsed = 0;
    if (this.chunks.length < this.maxChunks) {
      this.chunks.push(Buffer.allocUnsafeSlow(this.chunkBytes));
      return;
    }
    const reused = this.chunkNumber - this.maxChunks;
    while (this.count > 0 && this.oldestSeq < keep) {
      const oldest = this.chunkOf[this.start]!;
      if (oldest > reused) break;
      this.dropOldest();
    }
  }
}
