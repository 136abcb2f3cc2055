// The IPC handlers over a real controller (real files, keychain and sandbox): schema checks, Result shapes,
// the dialogs port, and messages a person understands. The dialog port is the only stand-in: it plays the user.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, type DialogPort, type Handlers } from '../../main/ipc/handlers';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { SKIP_KEYCHAIN } from '../services/keychain-env';
import { startTestApp, type TestApp } from '../app/harness';
import type { SaveKind } from '../../main/services/session-files';

/** Answers the dialogs the way a user would in each test (confirm: the app's scripted person), and records reveals. */
class ScriptedDialogs implements DialogPort {
  constructor(private readonly person: () => TestApp['confirm']) {}
  keyFile: string | null = null;
  readonly purposes: string[] = [];
  confirm(question: Parameters<DialogPort['confirm']>[0]) {
    return this.person().confirm(question);
  }
  exportPath: string | null = null;
  readonly revealed: string[] = [];
  readonly exportNames: string[] = [];
  async pickKeyFile(purpose: string) {
    this.purposes.push(purpose);
    return this.keyFile;
  }
  async pickExportPath(defaultName: string) {
    this.exportNames.push(defaultName);
    return this.exportPath;
  }
  savePath: string | null = null;
  sessionFile: string | null = null;
  readonly saved: Array<{ name: string; kind: SaveKind }> = [];
  async pickSavePath(name: string, kind: SaveKind) {
    this.saved.push({ name, kind });
    return this.savePath;
  }
  async pickSessionFile() {
    return this.sessionFile;
  }
  scenarioFile: string | null = null;
  async pickScenarioFile() {
    return this.scenarioFile;
  }
  revealFile(path: string) {
    this.revealed.push(path);
  }
}

describe.skipIf(SKIP_KEYCHAIN)('IPC handlers', () => {
  let app: TestApp;
  let handlers: Handlers;
  const dialogs = new ScriptedDialogs(() => app.confirm);

  beforeAll(async () => {
    app = await startTestApp();
    handlers = createHandlers(app.controller, dialogs);
    await app.waitFor('event:session', (s) => s.state === 'open');
  });
  afterAll(async () => {
    await app?.cleanup();
  });

  it('has exactly one handler per contract channel', () => {
    expect(Object.keys(handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('session:status and session:connect answer with the status', async () => {
    expect(await handlers['session:status']()).toMatchObject({ ok: true, value: { state: 'open', profileName: 'Sandbox' } });
    expect(await handlers['session:connect']()).toMatchObject({ ok: true, value: { state: 'open' } });
  });

  it('session:run runs choices and passes field errors through', async () => {
    expect(await handlers['session:run'](13, {})).toMatchObject({ ok: true, value: { choice: 13, reply: { code: 0 } } });
    const bad = await handlers['session:run'](14, { market: 'vetusdt', level: 'two', precision: '6' });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { level: expect.stringContaining('not a whole number') } });
    expect(await handlers['session:run'](1, {})).toMatchObject({ ok: true, value: { summary: 'Authenticated.' } });
  });

  it('refuses malformed arguments with a sentence, never an exception', async () => {
    const wrongArity = await handlers['session:run'](13);
    expect(wrongArity.ok).toBe(false);
    if (!wrongArity.ok) expect(wrongArity.error).toMatch(/^The request to session:run was not understood/);
    expect(await handlers['session:run']('13', {})).toMatchObject({ ok: false });
    expect(await handlers['session:run'](13, {}, 'extra')).toMatchObject({ ok: false });
    expect(await handlers['session:run'](13, { market: 5 })).toMatchObject({ ok: false });
    expect(await handlers['session:run'](13, JSON.parse('{"__proto__":{"market":"vetusdt"}}'))).toMatchObject({
      ok: false,
      error: expect.stringContaining('__proto__'),
    });
    expect(await handlers['session:status']('x')).toMatchObject({ ok: false });
    expect(await handlers['log:query']({ level: 'loud' })).toMatchObject({ ok: false });
  });

  it('settings handlers validate, save and mark the field at fault', async () => {
    const id = app.controller.profiles.getSettings().activeProfileId;
    expect(await handlers['settings:get']()).toMatchObject({ ok: true, value: { activeProfileId: id } });
    const renamed = await handlers['settings:updateProfile']({ id, name: 'My sandbox' });
    expect(renamed).toMatchObject({ ok: true, value: { profiles: [{ name: 'My sandbox' }] } });
    expect(await handlers['settings:updateProfile']({ id, logLevel: 'loud' })).toMatchObject({ ok: false });
    expect(await handlers['settings:updateProfile']({ id, endpoint: { kind: 'custom', url: 'http://example.com' } })).toMatchObject({
      ok: false,
      error: expect.stringContaining('ws:// or wss://'),
    });
    const added = await handlers['settings:addProfile']('Other');
    expect(added.ok).toBe(true);
    const duplicate = await handlers['settings:addProfile']('other');
    expect(duplicate).toMatchObject({ ok: false, error: 'A profile named "other" already exists.', fieldErrors: { name: 'A profile named "other" already exists.' } });
    expect(await handlers['settings:selectProfile']('no-such-profile')).toMatchObject({ ok: false, error: expect.stringContaining('does not exist') });
    const other = added.ok ? added.value.profiles.find((p) => p.name === 'Other') : undefined;
    expect(await handlers['settings:removeProfile'](other?.id)).toMatchObject({ ok: false, error: expect.stringContaining('answered No') });
    app.confirm.answer = 'yes';
    expect(await handlers['settings:removeProfile'](other?.id)).toMatchObject({ ok: true });
    expect(app.confirm.lastText()).toContain('Remove profile "Other"');
    app.confirm.answer = 'no';
  });

  it('key:import uses the dialog: cancel keeps the key, a public key is refused in plain words, a private key imports', async () => {
    const before = await handlers['key:info']();
    expect(before).toMatchObject({ ok: true, value: { present: true } });

    dialogs.keyFile = null;
    expect(await handlers['key:import']()).toEqual(before);

    const account = JSON.parse(readFileSync(join(app.paths.userData, 'sandbox-account.json'), 'utf8')) as {
      config: { public_key_pem: string };
      privateKeyPem: string;
    };
    const publicFile = join(app.paths.userData, '..', 'public.pem');
    writeFileSync(publicFile, account.config.public_key_pem);
    dialogs.keyFile = publicFile;
    expect(await handlers['key:import']()).toMatchObject({ ok: false, error: expect.stringContaining('This file holds a public key') });

    const privateFile = join(app.paths.userData, '..', 'key.pem');
    writeFileSync(privateFile, account.privateKeyPem);
    dialogs.keyFile = privateFile;
    expect(await handlers['key:import']()).toMatchObject({ ok: true, value: { present: true } });
    // The file dialog named the profile and the endpoint the key is bound to.
    expect(dialogs.purposes.at(-1)).toMatch(/^Import the key for profile "My sandbox"\. It will sign only for the built-in Sandbox \(ws:\/\/127\.0\.0\.1:\d+\/ws\/v1\)\.$/);
  });

  it('key:verify answers in plain words; key:remove removes', async () => {
    const verified = await handlers['key:verify']();
    expect(verified).toMatchObject({ ok: true, value: { ok: true } });
    expect(await handlers['key:remove']()).toMatchObject({ ok: false, error: expect.stringContaining('The key was kept') });
    expect(await handlers['key:info']()).toMatchObject({ ok: true, value: { present: true } });
    app.confirm.answer = 'yes';
    expect(await handlers['key:remove']()).toMatchObject({ ok: true, value: { present: false } });
    app.confirm.answer = 'no';
    expect(await handlers['key:verify']()).toMatchObject({ ok: false, error: expect.stringContaining('Import your key.pem') });
  });

  it('log handlers query, reveal and export (cancel → null)', async () => {
    const entries = await handlers['log:query']({ text: 'ToolHandler', limit: 5 });
    expect(entries.ok && entries.value.length).toBeGreaterThan(0);
    const revealed = await handlers['log:reveal']();
    expect(revealed).toEqual({ ok: true, value: join(app.paths.logs, 'ws_client.log') });
    expect(dialogs.revealed).toEqual([join(app.paths.logs, 'ws_client.log')]);

    dialogs.exportPath = null;
    expect(await handlers['log:export']()).toEqual({ ok: true, value: null });
    dialogs.exportPath = join(app.paths.userData, '..', 'exported.log');
    expect(await handlers['log:export']()).toEqual({ ok: true, value: dialogs.exportPath });
    expect(dialogs.exportNames).toEqual(['ws_client.log', 'ws_client.log']);
    expect(readFileSync(dialogs.exportPath, 'utf8')).toContain('ToolHandler');
  });
  it('scenario handlers: check, files through the dialogs only, one question before order steps, export', async () => {
    const text = 'name: t\nsteps:\n  - name: time\n    choice: 13\n    expect: [{ path: "$.message.code", equals: 0 }]\n';
    expect(await handlers['scenario:check'](text)).toMatchObject({ ok: true, value: { diagnostics: [], outline: { name: 't', steps: [{ what: '13 · Get Timestamp' }] } } });
    expect(await handlers['scenario:check']('name: t\nsteps: []\n')).toMatchObject({ ok: true, value: { diagnostics: [{ line: 2, column: 8 }] } });
    expect(await handlers['scenario:check']('x'.repeat(600 * 1024))).toMatchObject({ ok: false, error: expect.stringContaining('at most 512 KiB') });
    expect(await handlers['scenario:export']('junit')).toMatchObject({ ok: false, error: expect.stringContaining('run a scenario first') });

    dialogs.scenarioFile = null;
    expect(await handlers['scenario:open']()).toEqual({ ok: true, value: null });
    const file = join(app.paths.userData, '..', 'mine.yaml');
    writeFileSync(file, text);
    dialogs.scenarioFile = file;
    expect(await handlers['scenario:open']()).toEqual({ ok: true, value: { path: file, name: 'mine.yaml', text } });
    // Save writes to the opened file without a dialog; Save as asks.
    const before = dialogs.saved.length;
    expect(await handlers['scenario:save'](`${text}# saved\n`, false)).toEqual({ ok: true, value: file });
    expect(readFileSync(file, 'utf8')).toMatch(/# saved\n$/);
    expect(dialogs.saved.length).toBe(before);
    dialogs.savePath = null;
    expect(await handlers['scenario:save'](text, true)).toEqual({ ok: true, value: null });
    expect(dialogs.saved.at(-1)).toEqual({ name: 'mine.yaml', kind: 'scenario' });

    const run = await handlers['scenario:run'](text);
    expect(run).toMatchObject({ ok: true, value: { passed: true, steps: [{ status: 'passed', handler: 'ToolHandler' }] } });
    const xml = join(app.paths.userData, '..', 'result.xml');
    dialogs.savePath = xml;
    expect(await handlers['scenario:export']('junit')).toEqual({ ok: true, value: xml });
    expect(dialogs.saved.at(-1)).toEqual({ name: 't.junit.xml', kind: 'junit' });
    expect(readFileSync(xml, 'utf8')).toContain('<testsuite name="t" tests="1" failures="0"');
    expect(await handlers['scenario:stop']()).toEqual({ ok: true, value: false });

    const orders = 'name: o\nsteps:\n  - { name: login, choice: 1 }\n  - { name: clear, choice: 8 }\n';
    const asked = app.confirm.questions.length;
    expect(await handlers['scenario:run'](orders)).toEqual({ ok: false, error: 'Nothing was run: the order steps were not confirmed.' });
    expect(app.confirm.questions.length).toBe(asked + 1);
    expect(app.confirm.lastText()).toContain('Step 2 "clear": mass cancel — every open order in every market');
    expect(await handlers['scenario:run'](7)).toMatchObject({ ok: false, error: expect.stringMatching(/^The request to scenario:run was not understood/) });
    // Leave the scripted dialogs as the next test expects them.
    dialogs.saved.splice(0);
    dialogs.savePath = null;
  });

  it('session:export, session:import and code:save go through main\'s dialogs (cancel → null) and answer in words', async () => {
    expect(await handlers['session:run'](13, {})).toMatchObject({ ok: true });
    dialogs.savePath = null;
    expect(await handlers['session:export']({ format: 'har' })).toEqual({ ok: true, value: null });
    const har = join(app.paths.userData, '..', 'session.har');
    dialogs.savePath = har;
    expect(await handlers['session:export']({ format: 'har' })).toEqual({ ok: true, value: har });
    expect(dialogs.saved.map((s) => s.kind)).toEqual(['har', 'har']);
    expect(JSON.parse(readFileSync(har, 'utf8')).log.entries[0]._webSocketMessages.length).toBeGreaterThan(1);
    expect(await handlers['session:export']({ format: 'ndjson', text: 'nothing matches this' })).toEqual({ ok: false, error: 'No frames match the filter: nothing to export.' });
    expect(await handlers['session:export']({ format: 'xml' })).toMatchObject({ ok: false, error: expect.stringContaining('session:export was not understood') });

    dialogs.sessionFile = null;
    expect(await handlers['session:import']()).toEqual({ ok: true, value: null });
    dialogs.sessionFile = har;
    const imported = await handlers['session:import']();
    expect(imported).toMatchObject({ ok: true, value: { fileName: 'session.har', format: 'har' } });
    const bad = join(app.paths.userData, '..', 'bad.har');
    writeFileSync(bad, '{"log":{"entries":"no"}}');
    dialogs.sessionFile = bad;
    expect(await handlers['session:import']()).toEqual({ ok: false, error: 'bad.har: This is not a HAR file: log.entries must be a list.' });

    const program = join(app.paths.userData, '..', 'timestamp.py');
    dialogs.savePath = program;
    expect(await handlers['code:save']({ language: 'python', source: { kind: 'choice', choice: 13, fields: {} } })).toEqual({ ok: true, value: program });
    expect(dialogs.saved.at(-1)).toEqual({ name: 'oceanex_toolhandler_timestamp.py', kind: 'python' });
    expect(readFileSync(program, 'utf8')).toContain("HANDLER = 'ToolHandler'");
    expect(await handlers['code:save']({ language: 'node', source: { kind: 'choice', choice: 16, fields: {} } })).toEqual({
      ok: false,
      error: 'Disconnect (choice 16) opens or closes the socket on this side; it sends no frame to copy.',
    });
    expect(await handlers['code:save']({ language: 'node', source: { kind: 'text', text: 'x' } })).toMatchObject({ ok: false });
  });
});
