// The application log: every frame and notable event, redacted, written to ws_client.log and kept in a bounded
// ring that the UI queries and receives in batches.
//
// frame() is on the session's hot path, so it only stores the frame in the ring (see log-ring.ts). A timer (every
// batchIntervalMs) then drains what is new: frame lines go to the file through one open descriptor in large
// writes (log-lines.ts, log-file.ts), the app's own messages through electron-log, and listeners get the new
// entries in ONE batch: never a file write or an IPC message per frame.
//
// Secrets: outbound frames and messages — the only entries that can carry a secret the app holds (the login
// signature is made here; the key and the REST token never travel over the websocket) — are redacted by the rules
// of redact.ts as they are logged. Inbound frames are searched, per write piece, for the exact values those rules
// removed (sent-secrets.ts), in case a server echoes one; nothing leaves this class before drain() has done so
// (query() drains first).
//
// Bounded against a hostile server: each entry's text is capped (the head is kept, "[… N bytes cut]" marks
// the rest), the ring is bounded in characters as well as in entries, and every file line is exactly one line
// (control characters escaped). The file is 0600; a folder holding nothing but this log is made 0700.
// A crash of the app loses at most the entries not yet drained: the last batchIntervalMs (150 ms), and never
// more than MAX_PENDING_CHARS characters or one ring's worth of entries.

import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { EOL } from 'node:os';
import { dirname } from 'node:path';
import electronLog from 'electron-log/node';
import type { LogEntry, LogLevel, LogQuery } from '../../shared/ipc/contract';
import type { SessionLogger } from '../oceanex/session-api';
import { redactFrameText } from './redact';
import { LogFile } from './log-file';
import { FrameLines, LinePrefixes } from './log-lines';
import { entryKind, kindDirection, kindRank, LEVELS, LogRing } from './log-ring';
import { capText, DEFAULT_MAX_ENTRY_CHARS, escapeControls } from './log-text';
import { SentSecrets } from './sent-secrets';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_RING_SIZE = 50_000;
export const DEFAULT_BATCH_INTERVAL_MS = 150;
export const DEFAULT_QUERY_LIMIT = 10_000;
/** Bytes of entry text (UTF-8) the ring keeps at most (50 000 typical frames take about 30 MB). */
export const DEFAULT_MAX_RING_BYTES = 40 * 1024 * 1024;
/** The queue is drained early once it holds this many characters (a flood of large frames). */
export const MAX_PENDING_CHARS = 8 * 1024 * 1024;

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };
const INFO_IN = entryKind(RANK.info, 'in');
const INFO_OUT = entryKind(RANK.info, 'out');

export interface AppLogOptions {
  /** …/ws_client.log; the rotated file is ws_client.old.log beside it. */
  readonly file: string;
  readonly level: LogLevel;
  readonly maxFileBytes?: number;
  readonly ringSize?: number;
  readonly batchIntervalMs?: number;
  /** Longest entry text kept (default 64 K characters); longer ones keep their head. */
  readonly maxEntryChars?: number;
  /** Total bytes of entry text (UTF-8) the ring keeps (default 40 MB); the oldest entries go first. */
  readonly maxRingBytes?: number;
}

type ElectronLogger = typeof electronLog;
/** A batch entry while drain() builds it (a redaction of an echoed secret updates its text). */
type MutableEntry = { -readonly [K in keyof LogEntry]: LogEntry[K] };
let loggerCount = 0;

/** electron-log for the app's own messages, on the same file; rotation is LogFile's (maxSize 0 turns its own off). */
function messageLogger(path: string): ElectronLogger {
  loggerCount += 1;
  const logger = electronLog.create({ logId: `oceanex-app-log-${process.pid}-${loggerCount}` });
  logger.transports.console.level = false;
  const file = logger.transports.file;
  file.level = 'silly'; // levels are filtered here, before anything is queued
  file.resolvePathFn = () => path;
  file.maxSize = 0;
  file.sync = true; // after flush() the lines are in the file
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  // Lines arrive pre-formatted (with their own timestamps and levels); write them verbatim.
  file.transforms = [({ data }) => String(data[0])];
  for (const name of ['ipc', 'remote'] as const) {
    const transport = (logger.transports as unknown as Record<string, { level: unknown } | undefined>)[name];
    if (transport) transport.level = false;
  }
  return logger;
}

export class AppLog implements SessionLogger {
  readonly file: string;
  /** The size-rotated predecessor of `file`. */
  readonly oldFile: string;
  private threshold: number;
  private readonly ring: LogRing;
  private readonly batchIntervalMs: number;
  private readonly logFile: LogFile;
  private readonly logger: ElectronLogger;
  private readonly secrets = new SentSecrets();
  private readonly lines: FrameLines;
  private readonly prefixes = new LinePrefixes();
  private readonly listeners = new Set<(batch: LogEntry[]) => void>();
  /** Entries up to this seq have been written and delivered; the newer ones are pending. */
  private drainedSeq = 0;
  private pendingChars = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly maxEntryChars: number;
  /** While drain() builds a batch for listeners: its entries, by seq - batchFrom (a redaction updates them). */
  private batch: MutableEntry[] = [];
  private batchFrom = 0;

  constructor(options: AppLogOptions) {
    this.file = options.file;
    this.logFile = new LogFile(options.file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    this.oldFile = this.logFile.oldPath;
    this.threshold = RANK[options.level];
    this.batchIntervalMs = options.batchIntervalMs ?? DEFAULT_BATCH_INTERVAL_MS;
    this.maxEntryChars = Math.max(1, options.maxEntryChars ?? DEFAULT_MAX_ENTRY_CHARS);
    // A capped text is its head plus "[… N bytes cut]": at most 3 bytes per character, and the mark.
    this.ring = new LogRing(options.ringSize ?? DEFAULT_RING_SIZE, options.maxRingBytes ?? DEFAULT_MAX_RING_BYTES, this.maxEntryChars * 3 + 64);
    this.logger = messageLogger(options.file);
    this.lines = new FrameLines(this.logFile, this.secrets, (seq, text) => {
      if (seq >= this.ring.oldestSeq) this.ring.setText(this.ring.slot(seq), text);
      const delivered = this.batch[seq - this.batchFrom];
      if (delivered !== undefined) delivered.text = text;
    });
  }

  setLevel(level: LogLevel): void {
    this.threshold = RANK[level];
  }

  get level(): LogLevel {
    return LEVELS[this.threshold] ?? 'info';
  }

  /**
   * One wire frame, logged at info. The entry's text is the frame itself, at every level: one frame is one line, as
   * compact and parseable as it was on the wire. The file line adds ">>" (sent) or "<<" (received). Sent frames are
   * redacted here; received ones in drain() (echoes of what was sent).
   */
  frame(direction: 'in' | 'out', text: string, uuid: string | undefined, bytes?: Uint8Array): void {
    if (this.threshold > RANK.info || this.closed) return;
    const capped = text.length > this.maxEntryChars ? capText(text, this.maxEntryChars) : text;
    if (direction === 'out') this.append(Date.now(), INFO_OUT, this.redactSent(capped), uuid);
    else this.append(Date.now(), INFO_IN, capped, uuid, capped === text ? bytes : undefined); // bytes of the whole text only
  }

  debug(message: string): void {
    this.log(RANK.debug, message);
  }
  info(message: string): void {
    this.log(RANK.info, message);
  }
  warn(message: string): void {
    this.log(RANK.warn, message);
  }
  error(message: string): void {
    this.log(RANK.error, message);
  }

  /** Entries from the ring buffer, oldest first: the newest `limit` that match every given filter. */
  query(q: LogQuery = {}): LogEntry[] {
    this.drain(); // echoed secrets in queued inbound frames are redacted there
    const minRank = q.level ? RANK[q.level] : 0;
    const needle = q.text ? q.text.toLowerCase() : undefined;
    const limit = Math.max(0, q.limit ?? DEFAULT_QUERY_LIMIT);
    const found: LogEntry[] = [];
    for (let seq = this.ring.lastSeq; seq >= this.ring.oldestSeq && found.length < limit; seq -= 1) {
      const slot = this.ring.slot(seq);
      const time = this.ring.time(slot);
      if (q.since !== undefined && time < q.since) continue;
      if (q.until !== undefined && time > q.until) continue;
      if (kindRank(this.ring.kind(slot)) < minRank) continue;
      if (needle !== undefined && !this.ring.text(slot).toLowerCase().includes(needle)) continue;
      found.push(this.ring.entry(seq));
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
    this.logFile.close();
    this.listeners.clear();
  }

  /** A sent frame, redacted; the values taken out are remembered so that an echo of them is redacted too. */
  private redactSent(text: string): string {
    const redacted = redactFrameText(text);
    if (redacted !== text) this.secrets.learn(text, redacted);
    return redacted;
  }

  private log(rank: number, message: string): void {
    if (rank < this.threshold || this.closed) return;
    const text = this.secrets.redact(redactFrameText(capText(message, this.maxEntryChars)));
    this.append(Date.now(), entryKind(rank, undefined), text, undefined);
  }

  private append(time: number, kind: number, text: string, uuid: string | undefined, bytes?: Uint8Array): void {
    // Never push out an entry that is not in the file yet (a full ring drops the oldest; a reused chunk, its entries).
    const pushesOut = this.ring.full ? this.ring.oldestSeq > this.drainedSeq : this.ring.lastSeq > this.drainedSeq && this.ring.needsReuse(text, bytes);
    if (pushesOut) this.drain();
    this.ring.push(time, kind, text, uuid, bytes);
    this.pendingChars += text.length;
    if (this.pendingChars >= MAX_PENDING_CHARS) {
      this.drain(); // a flood of large frames: don't let the queue grow without bound
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
    const from = Math.max(this.drainedSeq + 1, this.ring.oldestSeq);
    const to = this.ring.lastSeq;
    if (from > to) return;
    this.drainedSeq = to;
    this.pendingChars = 0;
    this.logFile.reopenIfMoved();

    const batch: MutableEntry[] | undefined = this.listeners.size > 0 ? [] : undefined;
    this.batch = batch ?? [];
    this.batchFrom = from;
    for (let seq = from; seq <= to; seq += 1) {
      if (batch !== undefined) batch.push(this.ring.entry(seq));
      const slot = this.ring.slot(seq);
      const text = this.ring.text(slot);
      const kind = this.ring.kind(slot);
      const direction = kindDirection(kind);
      const prefix = this.prefixes.of(this.ring.time(slot), LEVELS[kindRank(kind)]!, direction);
      if (direction !== undefined) {
        this.lines.add(prefix, text, seq, this.ring.chunkAt(slot), this.ring.offset(slot), this.ring.byteLength(slot));
      } else {
        this.lines.flush(); // in order: the frames before this message first
        const line = prefix + escapeControls(text);
        const bytes = Buffer.byteLength(line, 'utf8') + EOL.length; // electron-log ends the line with EOL
        this.logFile.reserve(bytes);
        this.logger.processMessage({ data: [line], date: new Date(), level: 'info' }, { transports: ['file'] });
        this.logFile.noteAppended(bytes);
      }
    }
    this.lines.flush();
    this.batch = [];
    for (let seq = Math.max(from, this.ring.oldestSeq); seq <= to; seq += 1) this.ring.release(seq);

    if (batch === undefined) return;
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch {
        // a failing listener must not break logging for the others
      }
    }
  }
}
