// A minimal info-level file logger, used by the session benchmark only to attribute cost: one formatted line
// per frame (timestamp, level, direction, uuid, text with any signature redacted), buffered and appended to a
// real file in 64 kB chunks. The headline figure uses the app's own AppLog.

import { createWriteStream, type WriteStream } from 'node:fs';
import type { SessionLogger } from '../../main/oceanex/session-api';

const FLUSH_BYTES = 64 * 1024;
const SIGNATURE_RE = /("signature"\s*:\s*")[^"]*"/g;

export class BenchFileLogger implements SessionLogger {
  private readonly out: WriteStream;
  private chunk = '';
  private scheduled = false;
  /** ISO timestamp of `stampMs`: formatted once per millisecond, not once per line. */
  private stampMs = -1;
  private stamp = '';

  constructor(readonly file: string) {
    this.out = createWriteStream(file, { flags: 'a' });
  }

  frame(direction: 'in' | 'out', text: string, uuid: string | undefined): void {
    const safe = text.includes('"signature"') ? text.replace(SIGNATURE_RE, '$1[REDACTED]"') : text;
    this.append(`${this.timestamp()} [info] ${direction === 'in' ? '<<' : '>>'} ${uuid ?? '-'} ${safe}\n`);
  }

  debug(): void {
    // below info: not written
  }

  info(message: string): void {
    this.append(`${this.timestamp()} [info] ${message}\n`);
  }

  warn(message: string): void {
    this.append(`${this.timestamp()} [warn] ${message}\n`);
  }

  error(message: string): void {
    this.append(`${this.timestamp()} [error] ${message}\n`);
  }

  /** Writes what is buffered and closes the file. */
  close(): Promise<void> {
    this.flush();
    return new Promise((resolve) => this.out.end(resolve));
  }

  private timestamp(): string {
    const now = Date.now();
    if (now !== this.stampMs) {
      this.stampMs = now;
      this.stamp = new Date(now).toISOString();
    }
    return this.stamp;
  }

  private append(line: string): void {
    this.chunk += line;
    if (this.chunk.length >= FLUSH_BYTES) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Hands what is buffered to the file stream. */
  flush(): void {
    this.scheduled = false;
    if (this.chunk.length === 0) return;
    this.out.write(this.chunk);
    this.chunk = '';
  }
}
