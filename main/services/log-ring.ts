// The log's bounded memory: the newest entries in columns (texts, uuids, times, kinds) instead of one object per
// entry. Every logged frame is kept until it is pushed out, so each kept object is copied out of the young
// generation by the garbage collector; columns leave only the frame's own text (and its uuid) to copy.
// Entries have consecutive sequence numbers, so an entry's seq is its position: nothing to store.
// LogEntry objects are made only when asked for (a query, a batch for listeners), and are short-lived.

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

export class LogRing {
  private readonly texts: string[];
  private readonly uuids: (string | undefined)[];
  private readonly times: Float64Array;
  private readonly kinds: Uint8Array;
  private start = 0;
  private count = 0;
  /** Sequence number of the next entry pushed; the oldest kept is `nextSeq - size`. */
  private nextSeq = 1;
  /** Characters of text kept. */
  chars = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('LogRing capacity must be a positive integer');
    this.texts = new Array<string>(capacity).fill('');
    this.uuids = new Array<string | undefined>(capacity).fill(undefined);
    this.times = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
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

  /** Appends an entry (the caller makes room first: see dropOldest) and returns its seq. */
  push(time: number, kind: EntryKind, text: string, uuid: string | undefined): number {
    if (this.count === this.capacity) this.dropOldest();
    const slot = (this.start + this.count) % this.capacity;
    this.texts[slot] = text;
    this.uuids[slot] = uuid;
    this.times[slot] = time;
    this.kinds[slot] = kind;
    this.count += 1;
    this.chars += text.length;
    return this.nextSeq++;
  }

  dropOldest(): void {
    if (this.count === 0) return;
    this.chars -= this.texts[this.start]!.length;
    this.texts[this.start] = '';
    this.uuids[this.start] = undefined;
    this.start = (this.start + 1) % this.capacity;
    this.count -= 1;
  }

  /** The slot of a kept seq (callers check oldestSeq ≤ seq ≤ lastSeq). */
  slot(seq: number): number {
    return (this.start + (seq - this.oldestSeq)) % this.capacity;
  }
  text(slot: number): string {
    return this.texts[slot]!;
  }
  setText(slot: number, text: string): void {
    this.chars += text.length - this.texts[slot]!.length;
    this.texts[slot] = text;
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
    const text = this.texts[slot]!;
    const time = this.times[slot]!;
    const direction = kindDirection(kind);
    if (direction === undefined) return { seq, time, level, text };
    const uuid = this.uuids[slot];
    return uuid === undefined ? { seq, time, level, text, direction } : { seq, time, level, text, direction, uuid };
  }

  clear(): void {
    while (this.count > 0) this.dropOldest();
  }
}
