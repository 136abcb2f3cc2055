// Sessions as files: HAR 1.2 (Chrome's _webSocketMessages) and NDJSON built from log entries, parsed back, checked
// against HAR 1.2's required fields, and hostile files (huge, deep, wrong types, a million frames) refused in words.

import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/ipc/contract';
import {
  MAX_FRAME_CHARS,
  MAX_SESSION_FILE_BYTES,
  MAX_SESSION_FRAMES,
  pairFrames,
  parseSessionFile,
  sessionFromLog,
  toHar,
  toNdjson,
} from '../../shared/session-file/index';

const T0 = Date.UTC(2026, 11, 6, 7, 0, 0, 123);
const request = (uuid: string, handler = 'ToolHandler', action = 'timestamp') => JSON.stringify({ identifier: { handler }, command: 'message', data: { action, uuid, args: {} } });
const reply = (uuid: string, code = 0, handler = 'ToolHandler', action = 'timestamp') => JSON.stringify({ identifier: { handler }, message: { action, code, data: 1583764947, uuid } });

let seq = 0;
function entry(time: number, text: string, direction?: 'in' | 'out', level: LogEntry['level'] = 'info'): LogEntry {
  return { seq: ++seq, time, level, text, ...(direction ? { direction } : {}) };
}

/** Two connections: welcome, a paired request, a ping/pong, an unanswered request; then a reconnect. */
function sampleLog(): LogEntry[] {
  return [
    entry(T0, 'Connected to ws://127.0.0.1:5555/ws/v1'),
    entry(T0 + 1, '{"type":"welcome","message":60}', 'in'),
    entry(T0 + 10, request('u-1'), 'out'),
    entry(T0 + 10, 'State open → authenticating', undefined, 'debug'),
    entry(T0 + 42, reply('u-1'), 'in'),
    entry(T0 + 50, '{"type":"ping","message":1583729664}', 'in', 'debug'),
    entry(T0 + 51, '{"command":"pong"}', 'out', 'debug'),
    entry(T0 + 60, request('u-2', 'OrderHandler', 'show'), 'out'),
    entry(T0 + 1000, 'Connection lost (1006)', undefined, 'warn'),
    entry(T0 + 2000, 'Connected to wss://ws.oceanex.pro/ws/v1'),
    entry(T0 + 2010, request('u-3'), 'out'),
    entry(T0 + 2017, reply('u-3', 1001), 'in'),
  ];
}

describe('a session from the log', () => {
  it('splits connections at "Connected to" and keeps frames with their uuid', () => {
    const session = sessionFromLog(sampleLog(), 'ws://unused');
    expect(session.connections).toEqual([
      { url: 'ws://127.0.0.1:5555/ws/v1', startedAt: T0 },
      { url: 'wss://ws.oceanex.pro/ws/v1', startedAt: T0 + 2000 },
    ]);
    expect(session.frames.map((f) => [f.direction, f.uuid, f.connection])).toEqual([
      ['in', undefined, 0],
      ['out', 'u-1', 0],
      ['in', 'u-1', 0],
      ['in', undefined, 0],
      ['out', undefined, 0],
      ['out', 'u-2', 0],
      ['out', 'u-3', 1],
      ['in', 'u-3', 1],
    ]);
    expect([...pairFrames(session.frames)]).toEqual([-1, 2, 1, -1, -1, -1, 7, 6]);
  });

  it('frames logged before any "Connected to" belong to the current endpoint', () => {
    const session = sessionFromLog([entry(T0, request('a'), 'out')], 'wss://ws.oceanex.pro/ws/v1');
    expect(session.connections).toEqual([{ url: 'wss://ws.oceanex.pro/ws/v1', startedAt: T0 }]);
  });
});

/** The fields HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) requires, checked with their types. */
function assertHar12(har: unknown): void {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const nameValueList = (v: unknown) => Array.isArray(v) && v.every((x) => isObj(x) && typeof x['name'] === 'string' && typeof x['value'] === 'string');
  expect(isObj(har)).toBe(true);
  const log = (har as Record<string, unknown>)['log'] as Record<string, unknown>;
  expect(log['version']).toBe('1.2');
  expect(log['creator']).toMatchObject({ name: expect.any(String), version: expect.any(String) });
  expect(Array.isArray(log['entries'])).toBe(true);
  for (const e of log['entries'] as Array<Record<string, unknown>>) {
    expect(Number.isNaN(Date.parse(e['startedDateTime'] as string))).toBe(false);
    expect(e['startedDateTime']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof e['time']).toBe('number');
    const req = e['request'] as Record<string, unknown>;
    const res = e['response'] as Record<string, unknown>;
    for (const [k, t] of Object.entries({ method: 'string', url: 'string', httpVersion: 'string', headersSize: 'number', bodySize: 'number' })) expect(typeof req[k], `request.${k}`).toBe(t);
    for (const k of ['cookies', 'headers', 'queryString']) expect(nameValueList(req[k]), `request.${k}`).toBe(true);
    for (const [k, t] of Object.entries({ status: 'number', statusText: 'string', httpVersion: 'string', redirectURL: 'string', headersSize: 'number', bodySize: 'number' })) expect(typeof res[k], `response.${k}`).toBe(t);
    for (const k of ['cookies', 'headers']) expect(nameValueList(res[k]), `response.${k}`).toBe(true);
    expect(res['content']).toMatchObject({ size: expect.any(Number), mimeType: expect.any(String) });
    expect(isObj(e['cache'])).toBe(true);
    expect(e['timings']).toMatchObject({ send: expect.any(Number), wait: expect.any(Number), receive: expect.any(Number) });
    for (const m of e['_webSocketMessages'] as Array<Record<string, unknown>>) {
      expect(Object.keys(m).sort()).toEqual(['data', 'opcode', 'time', 'type']);
      expect(['send', 'receive']).toContain(m['type']);
      expect(m['opcode']).toBe(1);
      expect(typeof m['data']).toBe('string');
      expect(typeof m['time']).toBe('number');
    }
  }
}

describe('HAR export', () => {
  const session = sessionFromLog(sampleLog(), 'ws://unused');
  const text = toHar(session, { name: 'OceanEx WS Client', version: '0.1.0' });

  it('is HAR 1.2 with one websocket entry per connection, frames as Chrome writes them', () => {
    const har = JSON.parse(text);
    assertHar12(har);
    expect(har.log.entries).toHaveLength(2);
    const [first, second] = har.log.entries;
    expect(first).toMatchObject({ request: { method: 'GET', url: 'ws://127.0.0.1:5555/ws/v1' }, response: { status: 101 }, _resourceType: 'websocket', startedDateTime: '2026-12-06T07:00:00.123Z' });
    expect(first._webSocketMessages[1]).toEqual({ type: 'send', time: (T0 + 10) / 1000, opcode: 1, data: request('u-1') });
    expect(first._webSocketMessages[2]).toEqual({ type: 'receive', time: (T0 + 42) / 1000, opcode: 1, data: reply('u-1') });
    expect(second._webSocketMessages).toHaveLength(2);
    expect(first.time).toBe(60);
  });

  it('parses back to the same frames, times to the millisecond', () => {
    const parsed = parseSessionFile(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.format).toBe('har');
    expect(parsed.session).toEqual(session);
  });

  it('reads a Chrome HAR: HTTP entries and binary frames skipped, the rest kept', () => {
    const chrome = JSON.parse(text);
    chrome.log.entries.unshift({ startedDateTime: '2026-12-06T06:59:59.000Z', request: { url: 'https://example.test/' }, response: { status: 200 } });
    chrome.log.entries[1]._webSocketMessages.push({ type: 'receive', time: (T0 + 70) / 1000, opcode: 2, data: 'AAEC' });
    const parsed = parseSessionFile(JSON.stringify(chrome));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.skipped).toBe(2);
    expect(parsed.session.frames).toHaveLength(session.frames.length);
  });
});

describe('NDJSON export', () => {
  const session = sessionFromLog(sampleLog(), 'ws://unused');
  const text = toNdjson(session);

  it('is one frame per line with direction, time, uuid, its partner and the round trip', () => {
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(8);
    expect(lines[1]).toEqual({ seq: 2, time: new Date(T0 + 10).toISOString(), epochMs: T0 + 10, direction: 'out', url: 'ws://127.0.0.1:5555/ws/v1', uuid: 'u-1', pairedWith: 3, rttMs: 32, data: request('u-1') });
    expect(lines[2]).toMatchObject({ seq: 3, direction: 'in', uuid: 'u-1', pairedWith: 2, rttMs: 32 });
    expect(lines[5]).not.toHaveProperty('pairedWith'); // the request that never got its reply
    expect(lines[7]).toMatchObject({ url: 'wss://ws.oceanex.pro/ws/v1', pairedWith: 7, rttMs: 7 });
  });

  it('parses back to the same session', () => {
    const parsed = parseSessionFile(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.format).toBe('ndjson');
    expect(parsed.session).toEqual({ ...session, connections: session.connections.map((c, i) => ({ ...c, startedAt: session.frames.find((f) => f.connection === i)!.time })) });
  });

  it('an empty session exports as an empty file, which import refuses in words', () => {
    expect(toNdjson({ connections: [], frames: [] })).toBe('');
    expect(parseSessionFile('')).toEqual({ ok: false, error: 'The file is empty.' });
  });
});

function refusal(text: string): string {
  const parsed = parseSessionFile(text);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? '' : parsed.error;
}

describe('hostile session files', () => {
  const message = (m: Record<string, unknown>) => JSON.stringify({ log: { version: '1.2', entries: [{ request: { url: 'ws://x' }, _webSocketMessages: [m] }] } });

  it('wrong types are refused with where and what', () => {
    expect(refusal('[1,2,3]')).toMatch(/neither a HAR file nor an NDJSON session/);
    expect(refusal('{"log":{"entries":{}}}')).toBe('This is not a HAR file: log.entries must be a list.');
    expect(refusal('{"nolog":1}')).toBe('This is not a HAR file: it has no "log" object.');
    expect(refusal('{"log":{"entries":[7]}}')).toBe('HAR entry 1 is not an object.');
    expect(refusal('{"log":{"entries":[{"_webSocketMessages":"x"}]}}')).toBe('HAR entry 1: _webSocketMessages must be a list.');
    expect(refusal(message({ type: 'sent', time: 1, opcode: 1, data: '{}' }))).toBe('HAR entry 1, message 1: type must be "send" or "receive".');
    expect(refusal(message({ type: 'send', time: '1', opcode: 1, data: '{}' }))).toBe('HAR entry 1, message 1: time must be a number of seconds.');
    expect(refusal(message({ type: 'send', time: 1, opcode: 1, data: { a: 1 } }))).toBe('HAR entry 1, message 1: data must be a string.');
    expect(refusal('{"log":{"entries":[{"request":{}}]}}')).toMatch(/holds no websocket messages/);
    expect(refusal('{"direction":"out","data":"{}","epochMs":1}\n{"direction":"sideways","data":"{}","epochMs":2}\n')).toBe('Line 2: direction must be "out" or "in".');
    expect(refusal('{"direction":"out","data":"{}","epochMs":1}\nnot json\n')).toMatch(/^Line 2 is not valid JSON/);
    expect(refusal('{"direction":"out","data":5,"epochMs":1}\n')).toBe("Line 1: data must be the frame's text (a string).");
    expect(refusal('{"direction":"out","data":"{}","epochMs":"yesterday"}\n')).toMatch(/^Line 1: epochMs .* is missing or not a time/);
    expect(refusal('{"log":{"entries":[')).toMatch(/^The file is not valid JSON/);
  });

  it('deep nesting is refused before parsing: the file itself, and a frame inside it', () => {
    const deepFile = `{"log":{"entries":${'['.repeat(1_000_000)}`;
    expect(refusal(deepFile)).toMatch(/nested more than 64 levels deep/);
    const deepFrame = message({ type: 'receive', time: 1, opcode: 1, data: `${'['.repeat(500_000)}${']'.repeat(500_000)}` });
    expect(refusal(deepFrame)).toBe('HAR entry 1, message 1: the frame is nested more than 128 levels deep.');
    const deepLine = `{"direction":"in","epochMs":1,"data":"x","extra":${'['.repeat(200_000)}${']'.repeat(200_000)}}\n`;
    expect(refusal(`{"direction":"in","epochMs":1,"data":"x"}\n${deepLine}`)).toMatch(/^Line 2: nested more than 128 levels deep/);
  });

  it('a file over the size cap is refused without reading further', () => {
    expect(refusal(' '.repeat(MAX_SESSION_FILE_BYTES + 1))).toMatch(/larger than 64 MB/);
  });

  it('a million frames are refused in words with bounded memory, NDJSON and HAR alike', () => {
    const line = '{"direction":"in","epochMs":1,"data":"{}"}\n';
    // Flat strings, as a file read from disk is (a repeated string is a rope that the first scan would flatten).
    const flat = (text: string) => Buffer.from(text, 'latin1').toString('latin1');
    const ndjson = flat(line.repeat(1_000_000).slice(0, MAX_SESSION_FILE_BYTES - 1));
    const har = flat(`{"log":{"entries":[{"_webSocketMessages":[${'{"type":"send","time":1,"opcode":1,"data":""},'.repeat(690_000)}{"type":"send","time":1,"opcode":1,"data":""}]}]}}`);
    const before = process.memoryUsage().heapUsed;
    expect(refusal(ndjson)).toBe(`The file holds more than ${MAX_SESSION_FRAMES.toLocaleString('en').replace(/,/g, ' ')} frames; at most 200 000 can be opened.`);
    expect(har.length).toBeLessThan(MAX_SESSION_FILE_BYTES);
    expect(refusal(har)).toMatch(/more than 200 000 frames/);
    // Refused by counting, before any line or object was built (parsing them would take hundreds of MB).
    const grown = process.memoryUsage().heapUsed - before;
    console.log(`heap growth while refusing a 1 M frame NDJSON and a 690 k frame HAR: ${(grown / 1024 / 1024).toFixed(1)} MB`);
    expect(grown).toBeLessThan(8 * 1024 * 1024);
  });

  it('a frame longer than the cap is kept cut, and said so', () => {
    const parsed = parseSessionFile(message({ type: 'receive', time: 1, opcode: 1, data: `"${'x'.repeat(300_000)}"` }));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.cut).toBe(1);
    const text = parsed.session.frames[0]!.text;
    expect(text.length).toBe(MAX_FRAME_CHARS + '[… 37 858 characters cut]'.length);
    expect(text.endsWith('[… 37 858 characters cut]')).toBe(true);
  });
});
