// Reading a session file someone sent: HAR (Chrome's `_webSocketMessages`) or our NDJSON. Hostile input gets a
// refusal that says where and what, never a crash: size, nesting and frame count are checked by a linear
// pre-scan before JSON.parse, and every field's type is checked before it is used.

import { isRecord } from '../oceanex/messages';
import { countLines, formatCount, jsonShape, MAX_FILE_DEPTH, MAX_FRAME_CHARS, MAX_FRAME_DEPTH, MAX_SESSION_FILE_BYTES, MAX_SESSION_FRAMES } from './limits';
import { frameUuid, type RecordedSession, type SessionConnection, type SessionFrame } from './session';

export type SessionFormat = 'har' | 'ndjson';

export type SessionParse =
  | {
      readonly ok: true;
      readonly format: SessionFormat;
      readonly session: RecordedSession;
      /** Non-websocket HAR entries and binary frames, which the inspector cannot show. */
      readonly skipped: number;
      /** Frames longer than MAX_FRAME_CHARS, kept cut. */
      readonly cut: number;
    }
  | { readonly ok: false; readonly error: string };

class Refusal extends Error {}
function refuse(message: string): never {
  throw new Refusal(message);
}

const UNKNOWN_URL = '(endpoint not recorded)';

export function parseSessionFile(text: string): SessionParse {
  try {
    if (text.length > MAX_SESSION_FILE_BYTES) refuse(`The file is larger than ${MAX_SESSION_FILE_BYTES / 1024 / 1024} MB.`);
    const start = text.search(/\S/);
    if (start < 0) refuse('The file is empty.');
    if (text[start] !== '{') refuse('This is neither a HAR file nor an NDJSON session (it does not start with "{").');
    const firstLineEnd = text.indexOf('\n', start);
    const firstLine = text.slice(start, firstLineEnd < 0 ? undefined : firstLineEnd);
    return looksLikeNdjsonLine(firstLine) ? parseNdjson(text) : parseHar(text);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message };
    throw error;
  }
}

/** The longest NDJSON line: a cut frame's text, every character escaped (\uXXXX), plus the other fields. */
const MAX_NDJSON_LINE = MAX_FRAME_CHARS * 6 + 4096;

function looksLikeNdjsonLine(line: string): boolean {
  // A HAR on one line is no NDJSON line: never parse a whole file just to find that out.
  if (/^\{\s*"log"\s*:/.test(line.slice(0, 100)) || line.length > MAX_NDJSON_LINE) return false;
  if (jsonShape(line, MAX_FRAME_DEPTH).depth > MAX_FRAME_DEPTH) return false;
  try {
    const parsed: unknown = JSON.parse(line);
    return isRecord(parsed) && 'direction' in parsed && 'data' in parsed;
  } catch {
    return false;
  }
}

class Collector {
  readonly connections: SessionConnection[] = [];
  readonly frames: SessionFrame[] = [];
  skipped = 0;
  cut = 0;

  connection(url: string, startedAt: number): number {
    this.connections.push({ url, startedAt });
    return this.connections.length - 1;
  }

  frame(where: string, time: number, direction: 'out' | 'in', data: string, connection: number, uuid?: string): void {
    if (this.frames.length >= MAX_SESSION_FRAMES) refuse(`The file holds more than ${formatCount(MAX_SESSION_FRAMES)} frames; at most ${formatCount(MAX_SESSION_FRAMES)} can be opened.`);
    const depth = jsonShape(data, MAX_FRAME_DEPTH).depth;
    if (depth > MAX_FRAME_DEPTH) refuse(`${where}: the frame is nested more than ${MAX_FRAME_DEPTH} levels deep.`);
    let text = data;
    if (text.length > MAX_FRAME_CHARS) {
      text = `${text.slice(0, MAX_FRAME_CHARS)}[… ${formatCount(data.length - MAX_FRAME_CHARS)} characters cut]`;
      this.cut++;
    }
    this.frames.push({ time, direction, text, uuid: uuid ?? frameUuid(text), connection });
  }

  result(format: SessionFormat): SessionParse {
    if (this.frames.length === 0) {
      refuse(
        format === 'har'
          ? 'This HAR file holds no websocket messages. In Chrome, select the websocket request in the Network tab before "Export HAR".'
          : 'This NDJSON file holds no frames.',
      );
    }
    return { ok: true, format, session: { connections: this.connections, frames: this.frames }, skipped: this.skipped, cut: this.cut };
  }
}

function checkFileShape(text: string): void {
  const shape = jsonShape(text, MAX_FILE_DEPTH);
  if (shape.depth > MAX_FILE_DEPTH) refuse(`The file is nested more than ${MAX_FILE_DEPTH} levels deep; a session file never is.`);
  // Each frame is one object; refuse a file with far too many before parsing any of it.
  if (shape.objects > MAX_SESSION_FRAMES * 2 + 10_000) refuse(`The file holds more than ${formatCount(MAX_SESSION_FRAMES)} frames; at most ${formatCount(MAX_SESSION_FRAMES)} can be opened.`);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return refuse(`${where} is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
}

function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string' && value.length <= 64) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}

function parseHar(text: string): SessionParse {
  // Frames are strings in a HAR, so the pre-scan sees the file's own structure (one object per message); each
  // frame's nesting is checked on its own below.
  checkFileShape(text);
  const har = parseJson(text, 'The file');
  if (!isRecord(har) || !isRecord(har['log'])) refuse('This is not a HAR file: it has no "log" object.');
  const entries = (har as { log: Record<string, unknown> }).log['entries'];
  if (!Array.isArray(entries)) refuse('This is not a HAR file: log.entries must be a list.');
  const collector = new Collector();
  (entries as unknown[]).forEach((entry, e) => {
    const where = `HAR entry ${e + 1}`;
    if (!isRecord(entry)) refuse(`${where} is not an object.`);
    const messages = (entry as Record<string, unknown>)['_webSocketMessages'];
    if (messages === undefined) {
      collector.skipped++; // an HTTP request in the same HAR
      return;
    }
    if (!Array.isArray(messages)) refuse(`${where}: _webSocketMessages must be a list.`);
    const request = (entry as Record<string, unknown>)['request'];
    const url = isRecord(request) && typeof request['url'] === 'string' && request['url'].length <= 2048 ? request['url'] : UNKNOWN_URL;
    const started = timeOf((entry as Record<string, unknown>)['startedDateTime']);
    const connection = collector.connection(url, started ?? 0);
    (messages as unknown[]).forEach((message, m) => {
      const at = `${where}, message ${m + 1}`;
      if (!isRecord(message)) refuse(`${at} is not an object.`);
      const { type, time, opcode, data } = message as Record<string, unknown>;
      if (type !== 'send' && type !== 'receive') refuse(`${at}: type must be "send" or "receive".`);
      if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) refuse(`${at}: time must be a number of seconds.`);
      if (typeof opcode !== 'number') refuse(`${at}: opcode must be a number.`);
      if (typeof data !== 'string') refuse(`${at}: data must be a string.`);
      if (opcode !== 1) {
        collector.skipped++; // binary (2) or control frames: nothing the inspector can read
        return;
      }
      collector.frame(at, Math.round((time as number) * 1000), type === 'send' ? 'out' : 'in', data as string, connection);
    });
    if (started === undefined && collector.frames.length > 0) {
      const first = collector.frames.find((f) => f.connection === connection);
      collector.connections[connection] = { url, startedAt: first?.time ?? 0 };
    }
  });
  return collector.result('har');
}

function parseNdjson(text: string): SessionParse {
  const lineCount = countLines(text);
  if (lineCount > MAX_SESSION_FRAMES + 1) refuse(`The file holds more than ${formatCount(MAX_SESSION_FRAMES)} frames; at most ${formatCount(MAX_SESSION_FRAMES)} can be opened.`);
  const collector = new Collector();
  let lastUrl: string | undefined;
  let connection = -1;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const where = `Line ${i + 1}`;
    if (jsonShape(line, MAX_FRAME_DEPTH + 2).depth > MAX_FRAME_DEPTH + 2) refuse(`${where}: nested more than ${MAX_FRAME_DEPTH} levels deep.`);
    const record = parseJson(line, where);
    if (!isRecord(record)) refuse(`${where} is not a JSON object.`);
    const { direction, data, url, uuid } = record as Record<string, unknown>;
    const time = timeOf((record as Record<string, unknown>)['epochMs']) ?? timeOf((record as Record<string, unknown>)['time']);
    const dir = direction === 'out' || direction === 'send' ? 'out' : direction === 'in' || direction === 'receive' ? 'in' : undefined;
    if (dir === undefined) refuse(`${where}: direction must be "out" or "in".`);
    if (typeof data !== 'string') refuse(`${where}: data must be the frame's text (a string).`);
    if (time === undefined) refuse(`${where}: epochMs (milliseconds) or time (ISO 8601) is missing or not a time.`);
    if (url !== undefined && (typeof url !== 'string' || url.length > 2048)) refuse(`${where}: url must be a string.`);
    if (uuid !== undefined && (typeof uuid !== 'string' || uuid.length > 200)) refuse(`${where}: uuid must be a string.`);
    const frameUrl = (url as string | undefined) ?? UNKNOWN_URL;
    if (frameUrl !== lastUrl) {
      connection = collector.connection(frameUrl, time!);
      lastUrl = frameUrl;
    }
    collector.frame(where, time!, dir!, data as string, connection, uuid as string | undefined);
  });
  return collector.result('ndjson');
}
