// Sessions and programs as files, for the log screen's Export/Import and the "Copy as code" Save as…:
// - export: the log's frames (all, or the viewer's filter) as HAR 1.2 or NDJSON, redacted again on the way out;
// - import: a HAR/NDJSON file read with bounded memory into a read-only session, redacted on the way in (a file
//   from someone else may hold a signature or token; it never reaches the page);
// - save code: main generates the program itself from the choice or frame, so the page cannot write arbitrary text.
// Plain Node. Each file is prepared first (refusals come before any dialog opens), then written where the person
// chose in main's dialog (the IPC handlers hold the dialogs).

import { statSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { codeRequestForChoice, codeRequestFromFrame, generateProgram, programFileName, type CodeRequestResult } from '../../shared/codegen/index';
import type { LogEntry, LogQuery } from '../../shared/ipc/contract';
import { MAX_SESSION_FILE_BYTES, parseSessionFile, sessionFromLog, toHar, toNdjson, type HarCreator, type RecordedSession, type SessionParse } from '../../shared/session-file/index';
import type { CodeSaveRequest, ImportedSession, SessionExportRequest } from '../../shared/session-file/imported';
import { redactFrameText } from './redact';

/** The app log's ring buffer holds at most this many entries (app-log.ts), and log:query returns at most this. */
const EXPORT_QUERY_LIMIT = 100_000;

/** What a save dialog saves (its title and file type): session files, programs, and the Scenarios screen's files. */
export type SaveKind = 'har' | 'ndjson' | 'python' | 'node' | 'scenario' | 'junit' | 'json';

/** The dialogs these files need; main's DialogPort has them (Electron's in the app, scripted in tests). */
export interface SessionFileDialogs {
  /** A save dialog offering `defaultName`, filtered to the kind's extension; null when cancelled. */
  pickSavePath(defaultName: string, kind: SaveKind): Promise<string | null>;
  /** An open dialog for a .har / .ndjson file; null when cancelled. */
  pickSessionFile(): Promise<string | null>;
}

export interface SessionFilesOptions {
  readonly log: { query(query: LogQuery): readonly LogEntry[]; info(message: string): void };
  /** The endpoint frames logged before any "Connected to" line belong to. */
  readonly endpointUrl: () => string;
  readonly creator: HarCreator;
  readonly now?: () => number;
}

export class SessionFileError extends Error {
  override readonly name = 'SessionFileError';
}

/** A file ready to be written once the person has picked where: its suggested name and its text. */
export interface PreparedFile {
  readonly fileName: string;
  readonly text: string;
  /** What the log says once it is written, e.g. "Session exported as HAR (12 frames)". */
  readonly what: string;
  readonly mode: number;
}

export class SessionFiles {
  constructor(private readonly options: SessionFilesOptions) {}

  /** The export of the log's frames (all, or the viewer's filter); refused in words when there is nothing. */
  prepareExport(request: SessionExportRequest): PreparedFile {
    const session = this.recorded(request);
    if (session.frames.length === 0) {
      throw new SessionFileError(request.text || request.level ? 'No frames match the filter: nothing to export.' : 'The log holds no frames yet: nothing to export.');
    }
    return {
      fileName: `oceanex-session-${this.stamp()}.${request.format}`,
      text: request.format === 'har' ? toHar(session, this.options.creator) : toNdjson(session),
      what: `Session exported as ${request.format.toUpperCase()} (${session.frames.length} frames)`,
      mode: 0o600,
    };
  }

  /** The program main generates from the choice or frame (never text from the page); refused in words if invalid. */
  prepareProgram(request: CodeSaveRequest): PreparedFile {
    const result: CodeRequestResult =
      request.source.kind === 'choice' ? codeRequestForChoice(request.source.choice, request.source.fields) : codeRequestFromFrame(request.source.text);
    if (!result.ok) throw new SessionFileError(result.error);
    return {
      fileName: programFileName(request.language, result.request),
      text: generateProgram(request.language, result.request),
      what: `${request.language === 'python' ? 'Python' : 'Node'} program for ${result.request.handler}/${result.request.action} saved`,
      mode: 0o644,
    };
  }

  /** Export through main's save dialog: the path written, or null when the person cancelled. */
  async exportSession(request: SessionExportRequest, dialogs: SessionFileDialogs): Promise<string | null> {
    const file = this.prepareExport(request);
    const path = await dialogs.pickSavePath(file.fileName, request.format);
    return path === null ? null : this.write(file, path);
  }

  /** Save a generated program through main's save dialog: the path written, or null when cancelled. */
  async saveCode(request: CodeSaveRequest, dialogs: SessionFileDialogs): Promise<string | null> {
    const file = this.prepareProgram(request);
    const path = await dialogs.pickSavePath(file.fileName, request.language);
    return path === null ? null : this.write(file, path);
  }

  /** Open a session file the person picks in main's dialog; null when cancelled. */
  async openSession(dialogs: SessionFileDialogs): Promise<ImportedSession | null> {
    const path = await dialogs.pickSessionFile();
    return path === null ? null : this.importSession(path);
  }

  /** Writes a prepared file where the person chose; returns the path. */
  write(file: PreparedFile, path: string): string {
    writeFileSync(path, file.text, { mode: file.mode });
    this.options.log.info(`${file.what} to ${path}`);
    return path;
  }

  /** Reads a session file read-only (see readSessionFile). */
  importSession(path: string): ImportedSession {
    const imported = readSessionFile(path);
    this.options.log.info(`Session file ${imported.fileName} opened (${imported.format.toUpperCase()}, ${imported.entries.length} frames)`);
    return imported;
  }

  /** The frames an export holds (log entries are redacted already; redacting again costs a scan and keeps it so). */
  recorded(request: SessionExportRequest): RecordedSession {
    const query: LogQuery = { limit: EXPORT_QUERY_LIMIT, ...(request.level ? { level: request.level } : {}), ...(request.text ? { text: request.text } : {}) };
    const entries = this.options.log.query(query).map((e) => (e.direction ? { ...e, text: redactFrameText(e.text) } : e));
    // "Connected to" lines mark the connections even when the filter hides them.
    const markers = request.level || request.text ? this.options.log.query({ limit: EXPORT_QUERY_LIMIT, text: 'Connected to ' }).filter((e) => e.direction === undefined) : [];
    const merged = markers.length > 0 ? [...entries.filter((e) => e.direction !== undefined), ...markers].sort((a, b) => a.seq - b.seq) : entries;
    return sessionFromLog(merged, this.options.endpointUrl());
  }

  private stamp(): string {
    const d = new Date((this.options.now ?? Date.now)());
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
  }
}

/** Reads and parses a session file, its size checked before reading; refusals are SessionFileErrors naming it. */
export function loadSessionFile(path: string): Extract<SessionParse, { ok: true }> {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_SESSION_FILE_BYTES) throw new SessionFileError(`${basename(path)} is ${(size / 1024 / 1024).toFixed(1)} MB; a session file may be at most ${MAX_SESSION_FILE_BYTES / 1024 / 1024} MB.`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof SessionFileError) throw error;
    throw new SessionFileError(`Cannot read ${basename(path)}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}.`);
  }
  const parsed = parseSessionFile(text);
  if (!parsed.ok) throw new SessionFileError(`${basename(path)}: ${parsed.error}`);
  return parsed;
}

/** A session file for the read-only inspector: frames as log entries, redacted as the log redacts. */
export function readSessionFile(path: string): ImportedSession {
  const parsed = loadSessionFile(path);
  const entries: LogEntry[] = parsed.session.frames.map((frame, i) => ({
    seq: i + 1,
    time: frame.time,
    level: 'info',
    text: redactFrameText(frame.text),
    direction: frame.direction,
    ...(frame.uuid !== undefined ? { uuid: frame.uuid } : {}),
  }));
  return { fileName: basename(path), format: parsed.format, entries, connections: parsed.session.connections, skipped: parsed.skipped, cut: parsed.cut };
}
