// A recorded websocket session as files carry it: the connections (endpoint, when) and the text frames in order,
// each with its direction, time and uuid. Built from the app's log (export) or from a HAR/NDJSON file (import),
// and paired the way the inspector pairs: a request and the first reply carrying its uuid. Pure; no Node, no DOM.

import type { LogEntry } from '../ipc/contract';
import { isRecord } from '../oceanex/messages';

export interface SessionConnection {
  readonly url: string;
  readonly startedAt: number; // epoch ms
}

export interface SessionFrame {
  readonly time: number; // epoch ms
  readonly direction: 'out' | 'in';
  /** The frame's text exactly as sent or received (redacted by the log before it was written). */
  readonly text: string;
  readonly uuid: string | undefined;
  /** Index into the session's connections. */
  readonly connection: number;
}

export interface RecordedSession {
  readonly connections: readonly SessionConnection[];
  readonly frames: readonly SessionFrame[];
}

/** What the session logs when a socket opens ("Connected to ws://…"): the boundary between HAR entries. */
const CONNECTED = /^Connected to (\S{1,2048})$/;

/**
 * The session in the log entries (oldest first): frames in their connection, connections from the session's
 * "Connected to" lines. Frames before the first such line belong to `currentUrl` (the log started mid-session).
 */
export function sessionFromLog(entries: readonly LogEntry[], currentUrl: string): RecordedSession {
  const connections: SessionConnection[] = [];
  const frames: SessionFrame[] = [];
  for (const entry of entries) {
    if (entry.direction === undefined) {
      const connected = CONNECTED.exec(entry.text);
      if (connected) connections.push({ url: connected[1]!, startedAt: entry.time });
      continue;
    }
    if (connections.length === 0) connections.push({ url: currentUrl, startedAt: entry.time });
    frames.push({ time: entry.time, direction: entry.direction, text: entry.text, uuid: entry.uuid ?? frameUuid(entry.text), connection: connections.length - 1 });
  }
  // A connection with no frames (e.g. filtered out) is still a connection that happened; keep it.
  return { connections, frames };
}

/** The uuid a request (data.uuid) or a reply (message.uuid) carries, if its text is a JSON frame. */
export function frameUuid(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  const body = isRecord(parsed['data']) ? parsed['data'] : isRecord(parsed['message']) ? parsed['message'] : undefined;
  const uuid = body?.['uuid'];
  return typeof uuid === 'string' && uuid.length <= 200 ? uuid : undefined;
}

/**
 * For each frame, the index of its partner (a request's reply, a reply's request) or -1. A request opens a pair
 * on its uuid; the first inbound frame with that uuid on the same connection closes it.
 */
export function pairFrames(frames: readonly SessionFrame[]): Int32Array {
  const partner = new Int32Array(frames.length).fill(-1);
  const open = new Map<string, number>();
  frames.forEach((frame, i) => {
    if (frame.uuid === undefined) return;
    const key = `${frame.connection} ${frame.uuid}`;
    if (frame.direction === 'out') open.set(key, i);
    else {
      const request = open.get(key);
      if (request === undefined) return;
      open.delete(key);
      partner[i] = request;
      partner[request] = i;
    }
  });
  return partner;
}
