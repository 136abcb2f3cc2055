// The application log: every frame and notable event, redacted, written to ws_client.log through electron-log
// (node flavour, rotated by size) and kept in a bounded ring buffer that the UI queries and receives in batches.
//
// frame() is on the session's hot path, so it only builds the entry and queues it. A timer (every
// batchIntervalMs) then drains the queue: redacts the entries, formats their lines, hands them to electron-log's
// file transport in a few large writes, and pushes the same entries to listeners in ONE batch: never a file
// write or an IPC message per frame. Redaction happens in drain() so that the secret pre-check runs once over a
// whole chunk of lines instead of once per frame; nothing leaves this class before drain() has redacted it
// (query() drains first).
//
// Bounded against a hostile server: each entry's text is capped (the head is kept, "[… N bytes cut]" marks
// the rest), the ring is bounded in characters as well as in entries, and every file line is exactly one line
// (control characters escaped). The file is 0600; a folder holding nothing but this log is made 0700.

import { copyFile, mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, join, parse } from 'node:path';
import electronLog from 'electron-log/node';
import type { LogEntry, LogLevel, LogQuery } from '../../shared/ipc/contract';
import type { SessionLogger } from '../oceanex/session-api';
import { mayHoldSecret, redactFrameText } from './redact';
import { RingBuffer } from './ring-buffer';
import { capText, chunkHasControls, DEFAULT_MAX_ENTRY_CHARS, escapeControls } from './log-text';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_RING_SIZE = 50_000;
export const DEFAULT_BATCH_INTERVAL_MS = 150;
export const DEFAULT_QUERY_LIMIT = 10_000;
/** Characters of entry text the ring keeps at most (with 50 000 typical frames it holds about 30 M). */
export const DEFAULT_MAX_RING_CHARS = 40 * 1024 * 1024;
/** The queue is drained early once it holds this many characters (a flood of large frames). */
const MAX_PENDING_CHARS = 8 * 1024 * 1024;
/** A rotated-out old file is renamed to `ws_client.old.log.discard-<pid>-<n>` until it is deleted. */
const DISCARD_MARK = '.discard-';
/** Lines are handed to the file in writes of about this many characters (see redactAndFormat). */
const WRITE_CHUNK_CHARS = 64 * 1024;

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };
const ARROW = { in: '<<', out: '>>' } as const;

export interface AppLogOptions {
  /** …/ws_client.log; the rotated file is ws_client.old.log beside it. */
  readonly file: string;
  readonly level: LogLevel;
  readonly maxFileBytes?: number;
  readonly ringSize?: number;
  readonly batchIntervalMs?: number;
  /** Longest entry text kept (default 64 K characters); longer ones keep their head. */
  readonly maxEntryChars?: number;
  /** Total characters of entry text the ring keeps (default 40 M); the oldest entries go first. */
  readonly maxRingChars?: number;
}

type ElectronLogger = typeof electronLog;
let loggerCount = 0;
let discardCount = 0;

// File lines keep electron-log's default layout: "[2026-11-24 10:11:12.345] [info]  text", frames with
// ">> " (sent) or "<< " (received) before the text. A batch's entries mostly share their second and often their
// millisecond, so the date is formatted once per second and the frame prefixes once per millisecond.
const LEVEL_TAG: Readonly<Record<LogLevel, string>> = { debug: '[debug] ', info: '[info]  ', warn: '[warn]  ', error: '[error] ' };
const MILLIS = Array.from({ length: 1000 }, (_, ms) => `.${String(ms).padStart(3, '0')}`);
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

class LinePrefixes {
  private second = Number.NaN;
  private secondStamp = ''; // "[2026-11-24 10:11:12"
  private millis = Number.NaN;
  private stamp = ''; // "[2026-11-24 10:11:12.345] "
  private frameIn = ''; // stamp + "[info]  << "
  private frameOut = ''; // stamp + "[info]  >> "

  /** The text before an entry's own text on its file line. */
  of(entry: LogEntry): string {
    if (entry.time !== this.millis) this.setTime(entry.time);
    if (entry.direction === undefined) return this.stamp + LEVEL_TAG[entry.level];
    if (entry.level !== 'info') return `${this.stamp}${LEVEL_TAG[entry.level]}${ARROW[entry.direction]} `;
    return entry.direction === 'in' ? this.frameIn : this.frameOut;
  }

  private setTime(time: number): void {
    const second = Math.floor(time / 1000);
    if (second !== this.second) {
      const d = new Date(second * 1000);
      this.secondStamp = `[${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
      this.second = second;
    }
    this.millis = time;
    this.stamp = `${this.secondStamp}${MILLIS[time - second * 1000] ?? '.000'}] `;
    this.frameIn = `${this.stamp}${LEVEL_TAG.info}<< `;
    this.frameOut = `${this.stamp}${LEVEL_TAG.info}>> `;
  }
}

/** A queued entry: drain() replaces its text with the redacted text before the entry is seen outside. */
type QueuedEntry = { -readonly [K in keyof LogEntry]: LogEntry[K] };

/**
 * Redacts `batch` and hands its file text to `write` in chunks of about WRITE_CHUNK_CHARS, each ending before a
 * line break. The secret pre-check runs once per chunk (one long scan is several times cheaper than one per
 * entry); only a chunk that may hold a secret has its entries redacted one by one and is formatted again.
 * Chunks of this size also stay in the CPU cache from formatting through encoding to the write; one string of
 * a whole burst (MBs) is several times slower to build, encode and write.
 */
function redactAndFormat(batch: readonly QueuedEntry[], prefixes: LinePrefixes, write: (chunk: string) => void): void {
  let chunk = '';
  let first = 0;
  for (let i = 0; i < batch.length; i += 1) {
    chunk = appendLine(chunk, batch[i]!, prefixes);
    if (chunk.length >= WRITE_CHUNK_CHARS || i === batch.length - 1) {
      if (mayHoldSecret(chunk)) {
        for (let j = first; j <= i; j += 1) batch[j]!.text = redactFrameText(batch[j]!.text);
        chunk = formatLines(batch, first, i, prefixes, false);
      }
      // One entry, one line: a frame with raw line breaks must not forge lines of its own.
      if (chunkHasControls(chunk, i - first + 1)) chunk = formatLines(batch, first, i, prefixes, true);
      write(chunk);
      chunk = '';
      first = i + 1;
    }
  }
}

function formatLines(batch: readonly QueuedEntry[], from: number, to: number, prefixes: LinePrefixes, escape: boolean): string {
  let chunk = '';
  for (let j = from; j <= to; j += 1) {
    const entry = batch[j]!;
    chunk = appendLine(chunk, escape ? { ...entry, text: escapeControls(entry.text) } : entry, prefixes);
  }
  return chunk;
}

function appendLine(chunk: string, entry: LogEntry, prefixes: LinePrefixes): string {
  const line = prefixes.of(entry) + entry.text;
  return chunk === '' ? line : `${chunk}\n${line}`;
}

/** Makes the log folder private (0700) if it holds nothing but this log's files; never a shared folder. */
function tightenFolder(dir: string, logBaseName: string): void {
  try {
    if (readdirSync(dir).every((name) => name.startsWith(logBaseName))) chmodSync(dir, 0o700);
  } catch {
    // best effort: the file itself is 0600 either way
  }
}

export class AppLog implements SessionLogger {
  readonly file: string;
  /** The size-rotated predecessor of `file`. */
  readonly oldFile: string;
  private threshold: number;
  private readonly ring: RingBuffer<LogEntry>;
  private readonly batchIntervalMs: number;
  private readonly logger: ElectronLogger;
  private readonly listeners = new Set<(batch: LogEntry[]) => void>();
  private pending: QueuedEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private closed = false;
  private readonly maxEntryChars: number;
  private readonly maxRingChars: number;
  private ringChars = 0;
  private pendingChars = 0;
  private readonly prefixes = new LinePrefixes();

  constructor(options: AppLogOptions) {
    this.file = options.file;
    const { dir, name, ext } = parse(options.file);
    this.oldFile = join(dir, `${name}.old${ext}`);
    this.threshold = RANK[options.level];
    this.ring = new RingBuffer<LogEntry>(options.ringSize ?? DEFAULT_RING_SIZE);
    this.batchIntervalMs = options.batchIntervalMs ?? DEFAULT_BATCH_INTERVAL_MS;
    this.maxEntryChars = Math.max(1, options.maxEntryChars ?? DEFAULT_MAX_ENTRY_CHARS);
    this.maxRingChars = Math.max(1, options.maxRingChars ?? DEFAULT_MAX_RING_CHARS);
    // The log holds uid, API key id, balances and orders: only its owner may read it.
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    tightenFolder(dirname(this.file), name);
    for (const f of [this.file, this.oldFile]) {
      try {
        chmodSync(f, 0o600);
      } catch {
        // not there yet: created 0600 below
      }
    }

    // An isolated logger (several AppLogs coexist in tests and in the CLI) with only the file transport.
    loggerCount += 1;
    this.logger = electronLog.create({ logId: `oceanex-app-log-${process.pid}-${loggerCount}` });
    this.logger.transports.console.level = false;
    const file = this.logger.transports.file;
    file.level = 'silly'; // levels are filtered here, before anything is queued
    file.resolvePathFn = () => this.file;
    file.maxSize = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    file.sync = true; // synchronous appends (a few per batch): after flush() the lines are on disk
    file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }; // also for the file that follows a rotation
    // Rotation renames ws_client.log to ws_client.old.log. Renaming over the previous old file would free its
    // megabytes inside that call, on this thread; move it aside first and delete it in the background.
    const archive = file.archiveLogFn;
    file.archiveLogFn = (current) => {
      this.discardOldFile();
      archive(current);
    };
    void this.deleteDiscarded();
    // Lines arrive pre-formatted (with their own timestamps and levels); write them verbatim.
    file.transforms = [({ data }) => String(data[0])];
    for (const name of ['ipc', 'remote'] as const) {
      const transport = (this.logger.transports as unknown as Record<string, { level: unknown } | undefined>)[name];
      if (transport) transport.level = false;
    }
  }

  setLevel(level: LogLevel): void {
    this.threshold = RANK[level];
  }

  get level(): LogLevel {
    return (Object.keys(RANK) as LogLevel[]).find((l) => RANK[l] === this.threshold) ?? 'info';
  }

  /**
   * One wire frame, logged at info. The entry's text is the redacted frame itself, at every level: one frame is
   * one line, as compact and parseable as it was on the wire (a pretty-printed frame would only be escaped "\n"s
   * on its one file line). The file line adds ">>" (sent) or "<<" (received).
   */
  frame(direction: 'in' | 'out', text: string, uuid: string | undefined): void {
    if (this.threshold > RANK.info || this.closed) return;
    const shown = text.length > this.maxEntryChars ? capText(text, this.maxEntryChars) : text;
    this.seq += 1;
    // Plain literals (no spread, no conditional properties): the hot path builds two fixed shapes.
    this.append(
      uuid === undefined
        ? { seq: this.seq, time: Date.now(), level: 'info', text: shown, direction }
        : { seq: this.seq, time: Date.now(), level: 'info', text: shown, direction, uuid },
    );
  }

  debug(message: string): void {
    this.log('debug', message);
  }
  info(message: string): void {
    this.log('info', message);
  }
  warn(message: string): void {
    this.log('warn', message);
  }
  error(message: string): void {
    this.log('error', message);
  }

  /** Entries from the ring buffer, oldest first: the newest `limit` that match every given filter. */
  query(q: LogQuery = {}): LogEntry[] {
    this.drain(); // queued entries are still unredacted
    const minRank = q.level ? RANK[q.level] : 0;
    const needle = q.text ? q.text.toLowerCase() : undefined;
    const limit = Math.max(0, q.limit ?? DEFAULT_QUERY_LIMIT);
    const found: LogEntry[] = [];
    for (const entry of this.ring.newestFirst()) {
      if (found.length >= limit) break;
      if (q.since !== undefined && entry.time < q.since) continue;
      if (q.until !== undefined && entry.time > q.until) continue;
      if (RANK[entry.level] < minRank) continue;
      if (needle !== undefined && !entry.text.toLowerCase().includes(needle)) continue;
      found.push(entry);
    }
    return found.reverse();
  }

  /** Receives new entries in batches (at most one call per batch interval). Returns unsubscribe. */
  onBatch(listener: (batch: LogEntry[]) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Copies the log (rotated part first, then the current file) into one file at `path`. */
  async exportTo(path: string): Promise<void> {
    await this.flush();
    await mkdir(dirname(path), { recursive: true });
    if (!existsSync(this.oldFile)) {
      if (existsSync(this.file)) await copyFile(this.file, path);
      else await writeFile(path, '');
      return;
    }
    const parts = await Promise.all([this.oldFile, this.file].map((f) => readFile(f).catch(() => Buffer.alloc(0))));
    await rm(path, { force: true });
    await writeFile(path, Buffer.concat(parts));
  }

  /** Writes and delivers everything queued so far. */
  async flush(): Promise<void> {
    this.drain();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.drain();
    this.closed = true;
    this.listeners.clear();
  }

  /** Moves the rotated file aside (cheap) and deletes it asynchronously (freeing its blocks is not). */
  private discardOldFile(): void {
    discardCount += 1;
    const aside = `${this.oldFile}${DISCARD_MARK}${process.pid}-${discardCount}`;
    try {
      renameSync(this.oldFile, aside);
    } catch {
      return; // no old file yet
    }
    unlink(aside).catch(() => undefined); // a leftover is removed by the next AppLog on this file
  }

  /** Deletes files set aside by an earlier run that ended before deleting them. */
  private async deleteDiscarded(): Promise<void> {
    const prefix = `${basename(this.oldFile)}${DISCARD_MARK}`;
    const names = await readdir(dirname(this.oldFile)).catch(() => [] as string[]);
    const own = `${prefix}${process.pid}-`;
    await Promise.all(
      names.filter((n) => n.startsWith(prefix) && !n.startsWith(own)).map((n) => rm(join(dirname(this.oldFile), n), { force: true }).catch(() => undefined)),
    );
  }

  private log(level: LogLevel, message: string): void {
    if (RANK[level] < this.threshold || this.closed) return;
    this.seq += 1;
    this.append({ seq: this.seq, time: Date.now(), level, text: capText(message, this.maxEntryChars) });
  }

  private append(entry: QueuedEntry): void {
    const chars = entry.text.length;
    this.ringChars += chars;
    const evicted = this.ring.push(entry);
    if (evicted !== undefined) this.ringChars -= evicted.text.length;
    while (this.ringChars > this.maxRingChars && this.ring.size > 1) this.ringChars -= this.ring.dropOldest()?.text.length ?? 0;
    this.pending.push(entry);
    this.pendingChars += chars;
    if (this.pending.length >= this.ring.capacity || this.pendingChars >= MAX_PENDING_CHARS) {
      this.drain(); // a flood larger than the ring: don't let the queue grow without bound
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => this.drain(), this.batchIntervalMs);
      this.timer.unref();
    }
  }

  private drain(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingChars = 0;

    const date = new Date();
    redactAndFormat(batch, this.prefixes, (chunk) => {
      this.logger.processMessage({ data: [chunk], date, level: 'info' }, { transports: ['file'] });
    });

    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch {
        // a failing listener must not break logging for the others
      }
    }
  }
}
