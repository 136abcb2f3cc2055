// The request history: every request sent (a choice or a raw frame), per profile, in
// <dir>/request-history/<profileId>.jsonl — one JSON object per line, newest last, at most the last 5 000.
// Written atomically (whole file, coalesced, off the main thread's critical path: the write and fsync run on libuv's
// pool), so a crash leaves the old or the new file, never half. A line we
// cannot read makes the file be kept aside (…jsonl.corrupt-<timestamp>) with a notice; the readable lines stay.
// Nothing secret is ever stored: login frames are recorded without header, and every text passes redaction.

import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { open as openFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { HistoryEntry, HistoryQuery } from '../../shared/ipc/contract';
import { commitTemp, corruptAsidePath, tempPathFor, writeFileAtomic } from './atomic-file';
import { redactFrameText } from './redact';
import { clipText } from '../../shared/plain-text';
import { PROFILE_ID } from '../../shared/constants';

export const HISTORY_DIR = 'request-history';
export const MAX_HISTORY_ENTRIES = 5_000;
/** And at most this much JSON per profile (memory and file alike), the oldest requests dropped first. */
export const MAX_HISTORY_BYTES = 16 * 1024 * 1024;
/** What one entry keeps at most: a server or the renderer decides how long these texts are. */
const MAX_NAME = 200;
const MAX_TEXT = 2_000;
const MAX_FRAME = 64 * 1024;
const MAX_ARGS = 16 * 1024;
const MAX_FIELDS = 32;
/** Writes are coalesced: a burst of requests costs one file write. */
const DEFAULT_FLUSH_DELAY_MS = 250;

const entrySchema = z
  .object({
    id: z.string().min(1).max(64),
    at: z.number().finite(),
    source: z.enum(['choice', 'raw']),
    choice: z.number().int().min(0).max(17),
    handler: z.string().max(MAX_NAME),
    action: z.string().max(MAX_NAME),
    uuid: z.string().max(MAX_NAME).optional(),
    args: z.unknown(),
    fields: z.record(z.string().max(MAX_NAME), z.string().max(MAX_TEXT)).optional(),
    frame: z.string().max(MAX_FRAME).optional(),
    code: z.number().optional(),
    error: z.string().max(MAX_TEXT).optional(),
    rttMs: z.number().optional(),
    summary: z.string().max(MAX_TEXT).optional(),
  })
  .strict();

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'at'> & { readonly at?: number };

export interface RequestHistoryOptions {
  readonly dir: string;
  readonly max?: number;
  /** The most JSON kept per profile (default MAX_HISTORY_BYTES). */
  readonly maxBytes?: number;
  readonly flushDelayMs?: number;
  readonly now?: () => number;
  /** Told when a background write fails (the app logs it); the entries stay in memory and are written next time. */
  readonly onWriteError?: (error: unknown) => void;
}

interface ProfileHistory {
  readonly file: string;
  entries: HistoryEntry[];
  /** The JSON length of each entry (its line in the file), and their sum. */
  sizes: number[];
  bytes: number;
  /** Bumped by every change; `committed` is the version the file holds, so an older write never replaces a newer. */
  version: number;
  committed: number;
}

export class RequestHistory {
  private readonly dir: string;
  private readonly max: number;
  private readonly maxBytes: number;
  private readonly flushDelayMs: number;
  private readonly now: () => number;
  private readonly profiles = new Map<string, ProfileHistory>();
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private background: Promise<void> | undefined;
  private readonly onWriteError: (error: unknown) => void;

  constructor(options: RequestHistoryOptions) {
    this.dir = join(options.dir, HISTORY_DIR);
    this.max = options.max ?? MAX_HISTORY_ENTRIES;
    this.maxBytes = options.maxBytes ?? MAX_HISTORY_BYTES;
    this.flushDelayMs = options.flushDelayMs ?? DEFAULT_FLUSH_DELAY_MS;
    this.now = options.now ?? Date.now;
    this.onWriteError = options.onWriteError ?? (() => undefined);
  }

  fileFor(profileId: string): string {
    if (!PROFILE_ID.test(profileId)) throw new Error(`Not a profile id: ${profileId}`);
    return join(this.dir, `${profileId}.jsonl`);
  }

  /** Reads a profile's history (once). Returns a notice when unreadable lines made us keep the file aside. */
  open(profileId: string): { notice?: string } {
    if (this.profiles.has(profileId)) return {};
    const file = this.fileFor(profileId);
    const history: ProfileHistory = { file, entries: [], sizes: [], bytes: 0, version: 0, committed: 0 };
    this.profiles.set(profileId, history);
    if (!existsSync(file)) return {};
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return { notice: `The request history ${file} could not be read (${(error as Error).message}); it starts empty for now.` };
    }
    let bad = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const entry = parseLine(line);
      if (entry) this.append(history, entry);
      else bad += 1;
    }
    if (bad === 0) return {};
    const aside = corruptAsidePath(file);
    renameSync(file, aside);
    this.write(history);
    return {
      notice: `${bad} line(s) of the request history ${file} could not be read. The file was kept as ${aside}; the ${history.entries.length} readable request(s) were kept.`,
    };
  }

  /** Records one request (newest last), dropping the oldest beyond the bound. Texts are redacted first. */
  add(profileId: string, entry: NewHistoryEntry): HistoryEntry {
    this.open(profileId);
    const history = this.profiles.get(profileId)!;
    const stored = bounded(scrub({ ...entry, id: randomUUID(), at: entry.at ?? this.now() })); // redacted whole, then cut
    this.append(history, stored);
    history.version += 1;
    this.markDirty(profileId);
    return stored;
  }

  get(profileId: string, id: string): HistoryEntry | undefined {
    this.open(profileId);
    return this.profiles.get(profileId)!.entries.find((e) => e.id === id);
  }

  /** Newest first, filtered. */
  list(profileId: string, query: HistoryQuery = {}): HistoryEntry[] {
    this.open(profileId);
    const text = query.text?.trim().toLowerCase();
    const out: HistoryEntry[] = [];
    const entries = this.profiles.get(profileId)!.entries;
    const limit = query.limit ?? this.max;
    for (let i = entries.length - 1; i >= 0 && out.length < limit; i -= 1) {
      const e = entries[i]!;
      if (query.source && e.source !== query.source) continue;
      if (query.outcome === 'ok' && !(e.code === 0 && e.error === undefined)) continue;
      if (query.outcome === 'failed' && e.code === 0 && e.error === undefined) continue;
      if (text && !searchText(e).includes(text)) continue;
      out.push(e);
    }
    return out;
  }

  /** Writes the profile's history, oldest first, as JSON lines to `path`; returns how many requests. */
  exportTo(profileId: string, path: string): number {
    this.open(profileId);
    const entries = this.profiles.get(profileId)!.entries;
    writeFileSync(path, serialise(entries), { mode: 0o600 });
    return entries.length;
  }

  /** Resolves once no background write is under way (tests). */
  async settled(): Promise<void> {
    while (this.background) await this.background;
  }

  /** Writes every changed profile now, synchronously (dispose, tests). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const profileId of [...this.dirty]) {
      this.dirty.delete(profileId);
      const history = this.profiles.get(profileId);
      if (history) this.write(history);
    }
  }

  /** Adds an entry (newest last) and drops the oldest beyond the count and the byte budget. */
  private append(history: ProfileHistory, entry: HistoryEntry): void {
    const size = JSON.stringify(entry).length + 1;
    history.entries.push(entry);
    history.sizes.push(size);
    history.bytes += size;
    let drop = 0;
    while (history.entries.length - drop > this.max || (history.bytes > this.maxBytes && history.entries.length - drop > 1)) {
      history.bytes -= history.sizes[drop] as number;
      drop += 1;
    }
    if (drop > 0) {
      history.entries.splice(0, drop);
      history.sizes.splice(0, drop);
    }
  }

  private markDirty(profileId: string): void {
    this.dirty.add(profileId);
    this.schedule();
  }

  /** One background write at a time; changes that arrive meanwhile are written by the next one. */
  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.background) return void this.background.then(() => this.schedule());
      this.background = this.flushInBackground().finally(() => (this.background = undefined));
    }, this.flushDelayMs);
    this.timer.unref?.();
  }

  private async flushInBackground(): Promise<void> {
    for (const profileId of [...this.dirty]) {
      this.dirty.delete(profileId);
      const history = this.profiles.get(profileId);
      if (!history) continue;
      try {
        await this.writeInBackground(history);
      } catch (error) {
        this.dirty.add(profileId); // written by the next change or by flush() at quit
        this.onWriteError(error);
      }
    }
  }

  /** Temp file written and fsynced on libuv's pool; the rename (the commit) only if nothing newer is on disk. */
  private async writeInBackground(history: ProfileHistory): Promise<void> {
    const version = history.version;
    mkdirSync(this.dir, { recursive: true });
    const temp = tempPathFor(history.file);
    try {
      const handle = await openFile(temp, 'wx', 0o600);
      try {
        await handle.writeFile(serialise(history.entries));
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (history.committed >= version) {
        await rm(temp, { force: true });
        return;
      }
      commitTemp(temp, history.file);
      history.committed = version;
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  private write(history: ProfileHistory): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(history.file, serialise(history.entries));
    history.committed = history.version;
  }
}

function serialise(entries: readonly HistoryEntry[]): string {
  return entries.map((e) => `${JSON.stringify(e)}\n`).join('');
}

function parseLine(line: string): HistoryEntry | undefined {
  try {
    const raw: unknown = JSON.parse(line);
    // Entries written before texts were bounded are cut to size rather than refused.
    const parsed = entrySchema.safeParse(typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? bounded(raw as HistoryEntry) : raw);
    return parsed.success ? (parsed.data as HistoryEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** Every text cut to what the file's schema allows (a server's reply or the renderer chose its length). */
function bounded(entry: HistoryEntry): HistoryEntry {
  // clipText adds "…" after `max`: one less keeps the result within the schema's maximum.
  const text = (value: unknown, max: number): unknown => (typeof value === 'string' ? clipText(value, max - 1) : value);
  const argsText = entry.args === undefined ? undefined : JSON.stringify(entry.args);
  const fields = entry.fields && typeof entry.fields === 'object' ? Object.entries(entry.fields).slice(0, MAX_FIELDS) : undefined;
  return {
    ...entry,
    handler: text(entry.handler, MAX_NAME),
    action: text(entry.action, MAX_NAME),
    ...(entry.uuid !== undefined ? { uuid: text(entry.uuid, MAX_NAME) } : {}),
    ...(argsText !== undefined && argsText.length > MAX_ARGS ? { args: `[${argsText.length} characters of args not kept]` } : {}),
    ...(fields ? { fields: Object.fromEntries(fields.map(([k, v]) => [clipText(k, MAX_NAME - 1), text(v, MAX_TEXT)])) } : {}),
    ...(entry.frame !== undefined ? { frame: text(entry.frame, MAX_FRAME) } : {}),
    ...(entry.error !== undefined ? { error: text(entry.error, MAX_TEXT) } : {}),
    ...(entry.summary !== undefined ? { summary: text(entry.summary, MAX_TEXT) } : {}),
  } as HistoryEntry;
}

/** Belt and braces: whatever a caller passed, args and frame text go through the log's redaction. */
function scrub(entry: HistoryEntry): HistoryEntry {
  const args = entry.args === undefined ? undefined : (JSON.parse(redactFrameText(JSON.stringify(entry.args))) as unknown);
  return {
    ...entry,
    args,
    ...(entry.frame !== undefined ? { frame: redactFrameText(entry.frame) } : {}),
    ...(entry.error !== undefined ? { error: redactFrameText(entry.error) } : {}),
  };
}

function searchText(e: HistoryEntry): string {
  return `${e.choice} ${e.handler}/${e.action} ${JSON.stringify(e.args)} ${e.summary ?? ''} ${e.error ?? ''} ${e.uuid ?? ''}`.toLowerCase();
}
