// ws_client.log on disk: one descriptor kept open (append, 0600) for large synchronous writes, rotation by size into
// ws_client.old.log, and the private folder. electron-log opens and closes the file on every write and measures each
// string again; the frame log writes hundreds of kB per batch, so it keeps its own descriptor. Lines that another
// writer appends to the same path (electron-log, for the app's messages) are counted with noteAppended().
//
// Writes are synchronous: once write() returns, the bytes are in the operating system's cache (a crash of the
// app loses nothing written; a crash of the machine may lose what the system had not yet put on disk).

import { chmodSync, closeSync, fstatSync, mkdirSync, openSync, readdirSync, renameSync, statSync, writeSync } from 'node:fs';
import { readdir, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join, parse } from 'node:path';

/** A rotated-out old file is renamed to `ws_client.old.log.discard-<pid>-<n>` until it is deleted. */
const DISCARD_MARK = '.discard-';
let discardCount = 0;

/** Makes the log folder private (0700) if it holds nothing but this log's files; never a shared folder. */
function tightenFolder(dir: string, logBaseName: string): void {
  try {
    if (readdirSync(dir).every((name) => name.startsWith(logBaseName))) chmodSync(dir, 0o700);
  } catch {
    // best effort: the file itself is 0600 either way
  }
}

export class LogFile {
  /** The size-rotated predecessor of `path`. */
  readonly oldPath: string;
  private fd: number | undefined;
  private inode = 0;
  private size = 0;

  constructor(
    readonly path: string,
    private readonly maxBytes: number,
  ) {
    const { dir, name, ext } = parse(path);
    this.oldPath = join(dir, `${name}.old${ext}`);
    // The log holds uid, API key id, balances and orders: only its owner may read it.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    tightenFolder(dir, name);
    for (const f of [path, this.oldPath]) {
      try {
        chmodSync(f, 0o600);
      } catch {
        // not there yet: created 0600 on the first write
      }
    }
    void this.deleteDiscarded();
  }

  /** Appends `length` bytes of `bytes`, rotating first when they would take the file past its size. */
  write(bytes: Uint8Array, length: number): void {
    if (length === 0) return;
    const fd = this.open(length);
    let done = 0;
    while (done < length) done += writeSync(fd, bytes, done, length - done);
    this.size += length;
  }

  /** Rotates first if `bytes` more would take the file past its size (for a write by another writer). */
  reserve(bytes: number): void {
    this.open(bytes);
  }

  /**
   * Starts a new file at `path` on the next write if the open one was deleted or moved away meanwhile (by the
   * person or a log-rotation tool): writes must not vanish into a file nobody can see. Two system calls, once per
   * batch.
   */
  reopenIfMoved(): void {
    if (this.fd === undefined) return;
    try {
      if (statSync(this.path).ino === this.inode) return;
    } catch {
      // gone
    }
    this.close();
  }

  /** Counts bytes another writer appended to `path`. */
  noteAppended(bytes: number): void {
    this.size += bytes;
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private open(incoming: number): number {
    if (this.fd !== undefined && this.size > 0 && this.size + incoming > this.maxBytes) this.rotate();
    if (this.fd === undefined) {
      this.fd = openSync(this.path, 'a', 0o600);
      const stat = fstatSync(this.fd);
      this.size = stat.size;
      this.inode = stat.ino;
      if (this.size > 0 && this.size + incoming > this.maxBytes) {
        this.rotate();
        this.fd = openSync(this.path, 'a', 0o600);
        this.inode = fstatSync(this.fd).ino;
        this.size = 0;
      }
    }
    return this.fd;
  }

  /** ws_client.log becomes ws_client.old.log; the previous old file is moved aside and deleted in the background. */
  private rotate(): void {
    this.close();
    this.discardOldFile();
    try {
      renameSync(this.path, this.oldPath);
    } catch {
      // gone already: the next open starts a new file
    }
    this.size = 0;
  }

  /** Renaming over the old file would free its megabytes inside that call, on this thread: move it aside first. */
  private discardOldFile(): void {
    discardCount += 1;
    const aside = `${this.oldPath}${DISCARD_MARK}${process.pid}-${discardCount}`;
    try {
      renameSync(this.oldPath, aside);
    } catch {
      return; // no old file yet
    }
    unlink(aside).catch(() => undefined); // a leftover is removed by the next LogFile on this path
  }

  /** Deletes files set aside by an earlier run that ended before deleting them. */
  private async deleteDiscarded(): Promise<void> {
    const prefix = `${basename(this.oldPath)}${DISCARD_MARK}`;
    const names = await readdir(dirname(this.oldPath)).catch(() => [] as string[]);
    const own = `${prefix}${process.pid}-`;
    await Promise.all(
      names.filter((n) => n.startsWith(prefix) && !n.startsWith(own)).map((n) => rm(join(dirname(this.oldPath), n), { force: true }).catch(() => undefined)),
    );
  }
}
