// Turning log entries into ws_client.log lines: the line prefix (time, level, direction) and the frame lines'
// byte buffer, checked and written in large pieces.
//
// File lines keep electron-log's default layout: "[2026-11-24 10:11:12.345] [info]  text", frames with ">> " (sent)
// or "<< " (received) before the text. One entry is always exactly one line (control characters escaped), and no
// value in SentSecrets reaches the file.

import type { LogLevel } from '../../shared/ipc/contract';
import { escapeControls, hasNonAsciiControls, linesHaveControls } from './log-text';
import { createLineScanner, HAS_CONTROL, HAS_NON_ASCII, LINE_BREAKS_SHIFT, type LineScanner } from './log-scan';
import type { LogFile } from './log-file';
import type { SentSecrets } from './sent-secrets';

const LEVEL_TAG: Readonly<Record<LogLevel, string>> = { debug: '[debug] ', info: '[info]  ', warn: '[warn]  ', error: '[error] ' };
const ARROW = { in: '<< ', out: '>> ' } as const;
const LEVEL_SLOT: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };
const LEVEL_SLOT_COUNT = 4;
const MILLIS = Array.from({ length: 1000 }, (_, ms) => `.${String(ms).padStart(3, '0')}`);
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The text before an entry's own text on its line. A batch's entries mostly share their second and often their
 * millisecond, so the date is formatted once per second and the prefixes once per millisecond (the same string
 * object is returned while they do not change).
 */
export class LinePrefixes {
  private second = Number.NaN;
  private secondStamp = ''; // "[2026-11-24 10:11:12"
  private millis = Number.NaN;
  /** The prefixes for `millis`, by level × direction (no key string built per line). */
  private readonly cache: (string | undefined)[] = new Array<string | undefined>(LEVEL_SLOT_COUNT * 3).fill(undefined);

  of(time: number, level: LogLevel, direction: 'in' | 'out' | undefined): string {
    if (time !== this.millis) this.setTime(time);
    const key = LEVEL_SLOT[level] * 3 + (direction === undefined ? 0 : direction === 'in' ? 1 : 2);
    let prefix = this.cache[key];
    if (prefix === undefined) {
      const second = Math.floor(time / 1000);
      prefix = `${this.secondStamp}${MILLIS[time - second * 1000] ?? '.000'}] ${LEVEL_TAG[level]}${direction === undefined ? '' : ARROW[direction]}`;
      this.cache[key] = prefix;
    }
    return prefix;
  }

  private setTime(time: number): void {
    const second = Math.floor(time / 1000);
    if (second !== this.second) {
      const d = new Date(second * 1000);
      this.secondStamp = `[${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
      this.second = second;
    }
    this.millis = time;
    this.cache.fill(undefined);
  }
}

/** Bytes of lines collected before one write to the file (a burst's batch is written in a few writes). */
const BUFFER_BYTES = 1024 * 1024;
/** Lines are checked (controls, echoed secrets) in pieces of about this size, while they are in the CPU cache. */
const PIECE_BYTES = 64 * 1024;

/**
 * Frame lines built in one reused buffer from the texts' stored UTF-8 (no joined string per batch, no second
 * encoding), checked a piece at a time with native byte searches, and written with one system call per buffer. A
 * piece that holds a control character or an echoed secret (rare) is formatted again from its texts: escaped,
 * redacted, and `onRedacted` tells the owner.
 */
export class FrameLines {
  private readonly scanner: LineScanner | undefined;
  private readonly buffer: Buffer;
  private used = 0;
  private pieceStart = 0;
  private readonly piecePrefixes: string[] = [];
  private readonly pieceTexts: string[] = [];
  private readonly pieceSeqs: number[] = [];
  private lastPrefix = '';
  private lastPrefixBytes = Buffer.alloc(0);

  constructor(
    private readonly file: LogFile,
    private readonly secrets: SentSecrets,
    private readonly onRedacted: (seq: number, text: string) => void,
    useSimd = true,
  ) {
    this.scanner = useSimd ? createLineScanner(BUFFER_BYTES) : undefined;
    this.buffer = this.scanner?.memory.subarray(0, BUFFER_BYTES) ?? Buffer.allocUnsafeSlow(BUFFER_BYTES);
  }

  /** One line: `prefix`, then `text`, whose UTF-8 is already stored at `start`…`start + length` of `stored`. */
  add(prefix: string, text: string, seq: number, stored: Buffer, start: number, length: number): void {
    const worst = prefix.length + length + 1; // a prefix is ASCII
    if (this.used + worst > BUFFER_BYTES) this.flush();
    if (worst > BUFFER_BYTES) {
      this.writeChecked([prefix], [text], [seq]); // only with a cap above 300 K characters per entry
      return;
    }
    if (prefix !== this.lastPrefix) {
      this.lastPrefix = prefix;
      this.lastPrefixBytes = Buffer.from(prefix, 'latin1');
    }
    this.buffer.set(this.lastPrefixBytes, this.used);
    this.used += this.lastPrefixBytes.length;
    this.used += stored.copy(this.buffer, this.used, start, start + length); // bytes, not the text encoded again
    this.buffer[this.used++] = 0x0a;
    this.piecePrefixes.push(prefix);
    this.pieceTexts.push(text);
    this.pieceSeqs.push(seq);
    if (this.used - this.pieceStart >= PIECE_BYTES) this.checkPiece();
  }

  /** Writes every line added so far. */
  flush(): void {
    this.checkPiece();
    this.file.write(this.buffer, this.used);
    this.used = 0;
    this.pieceStart = 0;
  }

  private checkPiece(): void {
    const lines = this.pieceTexts.length;
    if (lines === 0) return;
    const piece = this.buffer.subarray(this.pieceStart, this.used);
    if ((this.secrets.size > 0 && this.secrets.foundIn(piece)) || this.hasControls(piece, lines)) {
      this.file.write(this.buffer, this.pieceStart); // the lines before this piece, in order
      this.writeChecked(this.piecePrefixes, this.pieceTexts, this.pieceSeqs);
      this.used = 0;
    }
    this.pieceStart = this.used;
    this.piecePrefixes.length = 0;
    this.pieceTexts.length = 0;
    this.pieceSeqs.length = 0;
  }

  /** True when a line of the piece holds a control character of its own: one SIMD pass where there is SIMD. */
  private hasControls(piece: Buffer, lines: number): boolean {
    if (this.scanner === undefined) return linesHaveControls(piece, lines);
    const found = this.scanner.scan(this.pieceStart, this.used);
    if ((found & HAS_CONTROL) !== 0 || found >>> LINE_BREAKS_SHIFT !== lines) return true;
    return (found & HAS_NON_ASCII) !== 0 && hasNonAsciiControls(piece);
  }

  /** The slow path: each line redacted and escaped on its own. */
  private writeChecked(prefixes: readonly string[], texts: readonly string[], seqs: readonly number[]): void {
    let lines = '';
    for (let i = 0; i < texts.length; i += 1) {
      const text = this.secrets.size > 0 ? this.secrets.redact(texts[i]!) : texts[i]!;
      if (text !== texts[i]) this.onRedacted(seqs[i]!, text);
      lines += `${prefixes[i]!}${escapeControls(text)}\n`;
    }
    const bytes = Buffer.from(lines, 'utf8');
    this.file.write(bytes, bytes.length);
  }
}
