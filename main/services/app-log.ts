// The application log: every frame and notable event, redacted, written to ws_client.log through electron-log
// (node flavour, rotated by size) and kept in a bounded ring buffer that the UI queries and receives in batches.
//
// frame() is on the session's hot path, so it only redacts, appends to the ring and queues the entry. A timer
// (every batchIntervalMs) then formats the queued lines, hands them to electron-log's file transport in ONE
// write, and pushes the same entries to listeners in ONE batch: never a file write or an IPC message per frame.

import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import electronLog from 'electron-log/node';
import type { LogEntry, LogLevel, LogQuery } from '../../preload/contract';
import type { SessionLogger } from '../oceanex/session-api';
import { redactFrameText } from './redact';
import { RingBuffer } from './ring-buffer';

export const LOG_FILE_NAME = 'ws_client.log';
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_RING_SIZE = 50_000;
export const DEFAULT_BATCH_INTERVAL_MS = 150;
export const DEFAULT_QUERY_LIMIT = 10_000;

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };
const ARROW = { in: '<<', out: '>>' } as const;

export interface AppLogOptions {
  /** …/ws_client.log; the rotated file is ws_client.old.log beside it. */
  readonly file: string;
  readonly level: LogLevel;
  readonly maxFileBytes?: number;
  readonly ringSize?: number;
  readonly batchIntervalMs?: number;
}

type ElectronLogger = typeof electronLog;
let loggerCount = 0;

/** Same layout as electron-log's default file format: "[2026-11-24 10:11:12.345] [info]  text". */
function formatLine(entry: LogEntry): string {
  const text = entry.direction ? `${ARROW[entry.direction]} ${entry.text}` : entry.text;
  return `[${timestamp(entry.time)}] [${entry.level}]${entry.level.length === 4 ? ' ' : ''} ${text}`;
}

// Entries of a batch mostly share their millisecond: format each distinct time once.
let lastTime = Number.NaN;
let lastStamp = '';
function timestamp(time: number): string {
  if (time !== lastTime) {
    const d = new Date(time);
    const p2 = (n: number) => String(n).padStart(2, '0');
    lastStamp = `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
    lastTime = time;
  }
  return lastStamp;
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
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
  private pending: LogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private closed = false;

  constructor(options: AppLogOptions) {
    this.file = options.file;
    const { dir, name, ext } = parse(options.file);
    this.oldFile = join(dir, `${name}.old${ext}`);
    this.threshold = RANK[options.level];
    this.ring = new RingBuffer<LogEntry>(options.ringSize ?? DEFAULT_RING_SIZE);
    this.batchIntervalMs = options.batchIntervalMs ?? DEFAULT_BATCH_INTERVAL_MS;
    mkdirSync(dirname(this.file), { recursive: true });

    // An isolated logger (several AppLogs coexist in tests and in the CLI) with only the file transport.
    loggerCount += 1;
    this.logger = electronLog.create({ logId: `oceanex-app-log-${process.pid}-${loggerCount}` });
    this.logger.transports.console.level = false;
    const file = this.logger.transports.file;
    file.level = 'silly'; // levels are filtered here, before anything is queued
    file.resolvePathFn = () => this.file;
    file.maxSize = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    file.sync = true; // one synchronous append per batch: after flush() the lines are on disk
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
   * One wire frame, logged at info. The entry's text is the redacted frame itself (JSON stays parseable;
   * pretty-printed at debug level); the file line adds ">>" (sent) or "<<" (received).
   */
  frame(direction: 'in' | 'out', text: string, uuid: string | undefined): void {
    if (this.threshold > RANK.info || this.closed) return;
    const redacted = redactFrameText(text);
    this.append('info', this.threshold === RANK.debug ? prettyJson(redacted) : redacted, direction, uuid);
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

  private log(level: LogLevel, message: string): void {
    if (RANK[level] < this.threshold || this.closed) return;
    this.append(level, redactFrameText(message), undefined, undefined);
  }

  private append(level: LogLevel, text: string, direction: 'in' | 'out' | undefined, uuid: string | undefined): void {
    this.seq += 1;
    const entry: LogEntry =
      direction === undefined ? { seq: this.seq, time: Date.now(), level, text } : { seq: this.seq, time: Date.now(), level, text, direction, ...(uuid === undefined ? {} : { uuid }) };
    this.ring.push(entry);
    this.pending.push(entry);
    if (this.pending.length >= this.ring.capacity) {
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

    let lines = '';
    for (const entry of batch) lines += (lines === '' ? '' : '\n') + formatLine(entry);
    this.logger.processMessage({ data: [lines], date: new Date(), level: 'info' }, { transports: ['file'] });

    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch {
        // a failing listener must not break logging for the others
      }
    }
  }
}
