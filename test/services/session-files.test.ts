// Export, import and "save code" against the real log, a real session on the sandbox and real files: a login's
// signature never leaves in an export, a file with secrets in it is redacted on the way in, the filter's view
// exports only what it shows, and main writes the program it generates itself.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeRequestForChoice, generateProgram } from '../../shared/codegen/index';
import { choiceById, validateFields } from '../../shared/oceanex/catalogue';
import { parseSessionFile } from '../../shared/session-file/index';
import { Session } from '../../main/oceanex/session';
import { AppLog } from '../../main/services/app-log';
import { SessionFileError, SessionFiles, type SaveKind, type SessionFileDialogs } from '../../main/services/session-files';
import type { CodeSaveRequest, SessionExportRequest } from '../../shared/session-file/imported';
import { sandboxForFile } from '../oceanex/sandbox-fixture';

const fixture = sandboxForFile({ pingIntervalSeconds: 60, historyHours: 0, seed: 5 });
const dir = mkdtempSync(join(tmpdir(), 'oceanex-session-files-'));
let log: AppLog;
let signatures: string[];

/** A person at the dialogs: saves where the test says (or cancels), opens the file the test names. */
function files(answers: { save?: string | null; open?: string | null } = {}) {
  const asked: Array<{ name: string; kind: SaveKind }> = [];
  const files = new SessionFiles({ log, endpointUrl: () => fixture.sandbox.url, creator: { name: 'OceanEx WS Client', version: '0.1.0' }, now: () => Date.UTC(2026, 11, 6, 7, 30, 0) });
  const dialogs: SessionFileDialogs = {
    pickSavePath: async (name, kind) => {
      asked.push({ name, kind });
      return answers.save === undefined ? join(dir, name) : answers.save;
    },
    pickSessionFile: async () => answers.open ?? null,
  };
  const service = {
    exportSession: (request: SessionExportRequest) => files.exportSession(request, dialogs),
    importSession: () => files.openSession(dialogs),
    saveCode: (request: CodeSaveRequest) => files.saveCode(request, dialogs),
  };
  return { service, asked };
}

beforeAll(async () => {
  log = new AppLog({ file: join(dir, 'ws_client.log'), level: 'debug' });
  const session = fixture.keep(new Session({ url: fixture.sandbox.url, requestTimeoutMs: 3_000, logger: log }));
  await session.connect();
  const book = choiceById('orderBook')!;
  const values = validateFields(book, { market: 'vetusdt', level: '2', precision: '6' });
  if (!values.ok) throw new Error('fields');
  await session.request(book, values.values);
  const signer = fixture.signer();
  expect((await session.login(signer)).reply.code).toBe(0);
  signatures = signer.signatures;
  await session.request(choiceById('account')!, {});
});

afterAll(async () => {
  await log.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('exporting the session', () => {
  it('as HAR: every frame of the log, the login signature redacted, parsed back by our import', async () => {
    const { service, asked } = files();
    const path = await service.exportSession({ format: 'har' });
    expect(asked).toEqual([{ name: expect.stringMatching(/^oceanex-session-2026-12-0[67]-\d{4}00\.har$/), kind: 'har' }]); // local time
    const text = readFileSync(path!, 'utf8');
    expect(signatures.length).toBeGreaterThan(0);
    for (const signature of signatures) expect(text).not.toContain(signature);
    expect(text).toContain('\\"signature\\":\\"[REDACTED]\\"');
    const har = JSON.parse(text);
    expect(har.log.entries).toHaveLength(1);
    expect(har.log.entries[0].request.url).toBe(fixture.sandbox.url);
    const messages = har.log.entries[0]._webSocketMessages as Array<{ type: string; data: string }>;
    // Frames as the wire carried them (one line each, even with the log at debug level).
    expect(messages.every((m) => !m.data.includes('\n'))).toBe(true);
    const handlers = messages.map((m) => /"handler":"(\w+)"/.exec(m.data)?.[1] ?? JSON.parse(m.data).type);
    expect(handlers).toEqual(['welcome', 'OrderBookHandler', 'OrderBookHandler', 'AuthHandler', 'AuthHandler', 'AccountHandler', 'AccountHandler']);
    const parsed = parseSessionFile(text);
    expect(parsed.ok && parsed.session.frames.length).toBe(7);
  });

  it('as NDJSON of the filtered view: only the frames the filter shows, still in their connection', async () => {
    const { service } = files();
    const path = await service.exportSession({ format: 'ndjson', text: 'orderbookhandler' });
    const lines = readFileSync(path!, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.direction)).toEqual(['out', 'in']);
    expect(lines[0]).toMatchObject({ url: fixture.sandbox.url, pairedWith: 2, seq: 1 });
    expect(lines[1].rttMs).toBe(lines[1].epochMs - lines[0].epochMs);
  });

  it('says so when nothing matches, and writes nothing when the person cancels', async () => {
    await expect(files().service.exportSession({ format: 'har', text: 'no such text anywhere' })).rejects.toThrow(new SessionFileError('No frames match the filter: nothing to export.'));
    expect(await files({ save: null }).service.exportSession({ format: 'har' })).toBeNull();
  });
});

describe('importing a session file', () => {
  it('redacts secrets on the way in and keeps frames, times and uuids', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJ1aWQiOiJJRDEifQ.c2lnbmF0dXJl';
    const file = join(dir, 'support-case.ndjson');
    writeFileSync(
      file,
      [
        { direction: 'out', epochMs: 1000, url: 'wss://ws.oceanex.pro/ws/v1', data: JSON.stringify({ identifier: { handler: 'AuthHandler' }, command: 'message', data: { action: 'login', uuid: 'l1', args: {}, header: { uid: 'ID1', signature: 'c2VjcmV0c2lnbmF0dXJl' } } }) },
        { direction: 'in', epochMs: 1040, url: 'wss://ws.oceanex.pro/ws/v1', data: JSON.stringify({ identifier: { handler: 'AuthHandler' }, message: { action: 'login', code: 0, data: { user_jwt: jwt }, uuid: 'l1' } }) },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const imported = await files({ open: file }).service.importSession();
    expect(imported).toMatchObject({ fileName: 'support-case.ndjson', format: 'ndjson', skipped: 0, cut: 0, connections: [{ url: 'wss://ws.oceanex.pro/ws/v1', startedAt: 1000 }] });
    expect(imported!.entries.map((e) => [e.seq, e.time, e.direction, e.uuid])).toEqual([
      [1, 1000, 'out', 'l1'],
      [2, 1040, 'in', 'l1'],
    ]);
    const all = JSON.stringify(imported);
    expect(all).not.toContain('c2VjcmV0c2lnbmF0dXJl');
    expect(all).not.toContain(jwt);
  });

  it('refuses a hostile or unreadable file in words that name it; a cancelled dialog is no error', async () => {
    const deep = join(dir, 'deep.har');
    writeFileSync(deep, `{"log":{"entries":${'['.repeat(100_000)}`);
    await expect(files({ open: deep }).service.importSession()).rejects.toThrow('deep.har: The file is nested more than 64 levels deep; a session file never is.');
    await expect(files({ open: join(dir, 'gone.har') }).service.importSession()).rejects.toThrow('Cannot read gone.har: ENOENT.');
    expect(await files({ open: null }).service.importSession()).toBeNull();
  });
});

describe('saving a generated program', () => {
  it('generates it in main from the choice and its fields, with the program file name', async () => {
    const { service, asked } = files();
    const path = await service.saveCode({ language: 'python', source: { kind: 'choice', choice: 14, fields: { market: 'vetusdt', level: '2', precision: '6' } } });
    expect(asked).toEqual([{ name: 'oceanex_orderbookhandler_index.py', kind: 'python' }]);
    const expected = codeRequestForChoice(14, { market: 'vetusdt', level: '2', precision: '6' });
    expect(expected.ok && readFileSync(path!, 'utf8')).toBe(expected.ok && generateProgram('python', expected.request));
  });

  it('from a frame too; refuses invalid fields and frames before any dialog opens', async () => {
    const { service, asked } = files();
    const path = await service.saveCode({ language: 'node', source: { kind: 'frame', text: '{"identifier":{"handler":"ToolHandler"},"command":"message","data":{"action":"timestamp","uuid":"x","args":{}}}' } });
    expect(path!.endsWith('oceanex_toolhandler_timestamp.mjs')).toBe(true);
    await expect(service.saveCode({ language: 'node', source: { kind: 'choice', choice: 14, fields: { market: 'x y' } } })).rejects.toThrow(SessionFileError);
    await expect(service.saveCode({ language: 'node', source: { kind: 'frame', text: 'not json' } })).rejects.toThrow(/not valid JSON/);
    expect(asked).toHaveLength(1);
  });
});
