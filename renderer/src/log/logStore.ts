// The renderer's log buffer: capped (oldest entries dropped), with an incrementally maintained filtered view
// and the inspector's frame pairs. Plain TypeScript, no React: batches of thousands of entries cost O(batch).

import { LOG_LEVELS, type LogEntry, type LogLevel } from '../../../shared/ipc/contract';

export interface LogFilter {
  readonly level: LogLevel; // minimum level shown
  readonly text: string; // case-insensitive substring, '' for all
}

/** One inspector row: an outbound frame and its reply (same uuid), or a lone frame (ping, welcome, unknown…). */
export interface FramePair {
  readonly key: number;
  readonly uuid: string | undefined;
  out: LogEntry | undefined;
  in: LogEntry | undefined;
}

const RANK: Readonly<Record<LogLevel, number>> = Object.fromEntries(LOG_LEVELS.map((l, i) => [l, i])) as Record<LogLevel, number>;

/**
 * A fixed-capacity ring: the newest `capacity` items, oldest first. Its storage is allocated once, so adding
 * entries allocates nothing and dropping the oldest never copies (a growing array reallocates, and a
 * 100k-slot array lives in the old generation, where every copy hastens a full garbage collection).
 */
class Ring<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;
  constructor(readonly capacity: number) {
    this.items = Array.from({ length: capacity }, () => undefined);
  }
  get length(): number {
    return this.count;
  }
  get full(): boolean {
    return this.count === this.capacity;
  }
  at(i: number): T | undefined {
    if (i < 0 || i >= this.count) return undefined;
    const slot = this.start + i;
    return this.items[slot < this.capacity ? slot : slot - this.capacity];
  }
  first(): T | undefined {
    return this.count > 0 ? this.items[this.start] : undefined;
  }
  /** Appends; when full, the oldest item is overwritten. */
  push(item: T): void {
    const slot = this.start + this.count;
    if (this.count < this.capacity) {
      this.items[slot < this.capacity ? slot : slot - this.capacity] = item;
      this.count++;
    } else {
      this.items[this.start] = item;
      this.start = this.start + 1 === this.capacity ? 0 : this.start + 1;
    }
  }
  dropFront(n: number): void {
    for (let k = Math.min(n, this.count); k > 0; k--) {
      this.items[this.start] = undefined; // let the entry be collected
      this.start = this.start + 1 === this.capacity ? 0 : this.start + 1;
      this.count--;
    }
  }
  clear(): void {
    this.dropFront(this.count);
    this.start = 0;
  }
}

export class LogStore {
  private readonly all: Ring<LogEntry>;
  private readonly shown: Ring<LogEntry>; // a subset of `all`, so never more than `cap`
  private readonly pairs: Ring<FramePair>;
  private readonly openPairs = new Map<string, FramePair>();
  private pairKey = 0;
  private lastSeq = -Infinity;
  private filter: LogFilter = { level: 'debug', text: '' };
  private needle = '';
  private readonly listeners = new Set<() => void>();
  /** Increments on every change; React reads it through useSyncExternalStore. */
  version = 0;

  constructor(
    readonly cap = 100_000,
    readonly pairCap = 20_000,
  ) {
    this.all = new Ring(cap);
    this.shown = new Ring(cap);
    this.pairs = new Ring(pairCap);
  }

  get size(): number {
    return this.all.length;
  }
  get shownCount(): number {
    return this.shown.length;
  }
  shownAt(i: number): LogEntry | undefined {
    return this.shown.at(i);
  }
  get pairCount(): number {
    return this.pairs.length;
  }
  pairAt(i: number): FramePair | undefined {
    return this.pairs.at(i);
  }
  get currentFilter(): LogFilter {
    return this.filter;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getVersion = (): number => this.version;

  /** Adds entries in seq order; entries already seen (history overlapping a live batch) are skipped. */
  add(batch: readonly LogEntry[]): void {
    let added = 0;
    let dropped = false;
    for (const e of batch) {
      if (e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      dropped ||= this.all.full;
      this.all.push(e); // at the cap this drops the oldest entry
      if (this.matches(e)) this.shown.push(e); // full only if it held all of `all`, whose oldest just went
      if (e.direction) this.pair(e);
      added++;
    }
    if (added === 0) return;
    if (dropped) {
      // Shown entries older than the oldest kept entry went with it.
      const firstSeq = this.all.first()?.seq ?? Infinity;
      let drop = 0;
      while (drop < this.shown.length && (this.shown.at(drop)?.seq ?? Infinity) < firstSeq) drop++;
      this.shown.dropFront(drop);
    }
    this.changed();
  }

  setFilter(filter: LogFilter): void {
    this.filter = filter;
    this.needle = filter.text.trim().toLowerCase();
    this.shown.clear();
    for (let i = 0; i < this.all.length; i++) {
      const e = this.all.at(i)!;
      if (this.matches(e)) this.shown.push(e);
    }
    this.changed();
  }

  /** Clears the view (the log file and main's buffer keep everything). */
  clear(): void {
    this.all.clear();
    this.shown.clear();
    this.pairs.clear();
    this.openPairs.clear();
    this.changed();
  }

  private matches(e: LogEntry): boolean {
    return RANK[e.level] >= RANK[this.filter.level] && (this.needle === '' || e.text.toLowerCase().includes(this.needle));
  }

  private pair(e: LogEntry): void {
    if (e.direction === 'in' && e.uuid !== undefined) {
      const open = this.openPairs.get(e.uuid);
      if (open && !open.in) {
        open.in = e;
        this.openPairs.delete(e.uuid);
        return;
      }
    }
    const p: FramePair = { key: this.pairKey++, uuid: e.uuid, out: e.direction === 'out' ? e : undefined, in: e.direction === 'in' ? e : undefined };
    if (e.direction === 'out' && e.uuid !== undefined) this.openPairs.set(e.uuid, p);
    if (this.pairs.full) {
      // The oldest pair is about to be overwritten: a reply can no longer join it.
      const gone = this.pairs.first();
      if (gone?.uuid !== undefined && this.openPairs.get(gone.uuid) === gone) this.openPairs.delete(gone.uuid);
    }
    this.pairs.push(p);
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

/** The JSON inside a frame's log text (the text may carry a prefix such as "→ " or "in:"). */
export function frameJson(text: string): unknown {
  const start = text.search(/[{[]/);
  if (start < 0) return text;
  try {
    return JSON.parse(text.slice(start));
  } catch {
    return text;
  }
}

/** What a frame is, in a few words: handler/action for requests and replies, the type for control frames. */
export function frameLabel(entry: LogEntry | undefined): string {
  if (!entry) return '';
  const j = frameJson(entry.text);
  if (typeof j !== 'object' || j === null) return entry.text.slice(0, 80);
  const o = j as Record<string, unknown>;
  if (typeof o['type'] === 'string') return o['type'];
  if (o['command'] === 'pong') return 'pong';
  const id = o['identifier'] as Record<string, unknown> | undefined;
  const body = (o['data'] ?? o['message']) as Record<string, unknown> | undefined;
  if (id && typeof id['handler'] === 'string') return `${id['handler']}/${typeof body?.['action'] === 'string' ? body['action'] : '?'}`;
  return 'unknown message';
}

/** The code of a reply frame, if it has one. */
export function frameCode(entry: LogEntry | undefined): number | undefined {
  if (!entry) return undefined;
  const j = frameJson(entry.text);
  if (typeof j !== 'object' || j === null) return undefined;
  const m = (j as Record<string, unknown>)['message'];
  const code = typeof m === 'object' && m !== null ? (m as Record<string, unknown>)['code'] : undefined;
  return typeof code === 'number' ? code : typeof code === 'string' && /^-?\d+$/.test(code) ? Number(code) : undefined;
}
