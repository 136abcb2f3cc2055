// What crosses IPC for an imported session and an export or "save code" request. Types only (no Node).

import type { LogEntry, LogLevel } from '../ipc/contract';
import type { CodeLanguage } from '../codegen/request';
import type { SessionConnection } from './session';
import type { SessionFormat } from './parse';

/** A session file opened read-only: its frames as log entries (seq from 1), so the inspector pairs and shows them. */
export interface ImportedSession {
  readonly fileName: string;
  readonly format: SessionFormat;
  readonly entries: readonly LogEntry[];
  readonly connections: readonly SessionConnection[];
  /** Entries the inspector cannot show (HTTP requests, binary frames). */
  readonly skipped: number;
  /** Frames longer than the cap, kept cut. */
  readonly cut: number;
}

/** Export the log's frames: all, or those the log viewer's filter shows (same level and text rules). */
export interface SessionExportRequest {
  readonly format: SessionFormat;
  readonly level?: LogLevel;
  readonly text?: string;
}

/** Save a generated program: main generates it again from the same source, never from text the page sends. */
export interface CodeSaveRequest {
  readonly language: CodeLanguage;
  readonly source: { readonly kind: 'choice'; readonly choice: number; readonly fields: Readonly<Record<string, string | undefined>> } | { readonly kind: 'frame'; readonly text: string };
}
