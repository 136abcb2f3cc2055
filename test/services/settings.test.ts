import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileUpdate } from '../../shared/ipc/contract';
import {
  endpointUrl,
  PRODUCTION_WS_URL,
  SettingsError,
  SettingsStore,
  validateCustomUrl,
} from '../../main/services/settings';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oceanex-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const settingsFile = () => join(dir, 'settings.json');
const onDisk = () => JSON.parse(readFileSync(settingsFile(), 'utf8')) as unknown;

function settingsError(action: () => unknown): SettingsError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return error as SettingsError;
  }
  throw new Error('expected a SettingsError');
}

describe('SettingsStore', () => {
  it('first run: a "Sandbox" profile on the sandbox endpoint with defaults, written to settings.json', () => {
    const store = new SettingsStore({ dir });
    const { settings, notice } = store.load();
    expect(notice).toBeUndefined();
    expect(settings.version).toBe(1);
    expect(settings.profiles).toHaveLength(1);
    expect(store.activeProfile()).toMatchObject({ name: 'Sandbox', endpoint: { kind: 'sandbox' }, uid: '', apiKeyId: '', requestTimeoutMs: 10_000, logLevel: 'info' });
    expect(onDisk()).toEqual(settings);
  });

  it('round-trips every field through the file', () => {
    const store = new SettingsStore({ dir });
    store.load();
    const added = store.addProfile('Production');
    const prod = added.profiles.find((p) => p.name === 'Production');
    expect(prod?.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const id = prod?.id as string;
    store.updateProfile({ id, endpoint: { kind: 'production' }, uid: ' ID4E5ABC123 ', apiKeyId: 'KIDB7XYZ789', requestTimeoutMs: 30_000, logLevel: 'debug' });
    store.selectProfile(id);
    store.addProfile('Local');
    const local = store.get().profiles.find((p) => p.name === 'Local')?.id as string;
    store.updateProfile({ id: local, endpoint: { kind: 'custom', url: 'ws://127.0.0.1:8080/ws/v1' }, name: 'My local exchange' });

    const again = new SettingsStore({ dir });
    const { settings, notice } = again.load();
    expect(notice).toBeUndefined();
    expect(settings).toEqual(store.get());
    expect(again.activeProfile()).toEqual({ id, name: 'Production', endpoint: { kind: 'production' }, uid: 'ID4E5ABC123', apiKeyId: 'KIDB7XYZ789', requestTimeoutMs: 30_000, logLevel: 'debug' });
    expect(settings.profiles.map((p) => p.name)).toEqual(['Sandbox', 'Production', 'My local exchange']);
    expect(statSync(settingsFile()).mode & 0o777).toBe(0o600);
  });

  it('writes atomically: no temp files are left beside settings.json', () => {
    const store = new SettingsStore({ dir });
    store.load();
    for (let i = 0; i < 20; i += 1) store.updateProfile({ id: 'sandbox', requestTimeoutMs: 1000 + i });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('keeps a corrupt file aside with a notice, never silently resets', () => {
    writeFileSync(settingsFile(), '{"version":1,"activeProfileId":"x", ');
    const { settings, notice } = new SettingsStore({ dir }).load();
    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] as string), 'utf8')).toBe('{"version":1,"activeProfileId":"x", ');
    expect(notice).toMatch(/not valid JSON/);
    expect(notice).toContain(aside[0]);
    expect(settings.profiles[0]?.name).toBe('Sandbox');
    expect(onDisk()).toEqual(settings);
  });

  it('keeps a file from an unknown version aside with a notice', () => {
    writeFileSync(settingsFile(), JSON.stringify({ version: 2, profiles: [] }));
    const { notice } = new SettingsStore({ dir }).load();
    expect(notice).toMatch(/another version of the app \(settings version 2/);
    expect(readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'))).toHaveLength(1);
  });

  it('a name saved before control characters were refused loads with them written out, not as a corrupt file', () => {
    const good = new SettingsStore({ dir }).load().settings;
    writeFileSync(settingsFile(), JSON.stringify({ ...good, profiles: [{ ...good.profiles[0], name: `Main\n${'\u202E'.repeat(30)}` }] }));
    const { settings, notice } = new SettingsStore({ dir }).load();
    expect(notice).toBeUndefined();
    expect(settings.profiles[0]?.name).toMatch(/^Main\[U\+000A\]\[U\+202E\]\[U\+202E\]/);
    expect(settings.profiles[0]!.name.length).toBeLessThanOrEqual(60);
    expect(readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'))).toHaveLength(0);
  });

  it('keeps a file with invalid content aside and says where the problem is', () => {
    const store = new SettingsStore({ dir });
    const good = store.load().settings;
    const bad = { ...good, profiles: [{ ...good.profiles[0], requestTimeoutMs: 5 }] };
    writeFileSync(settingsFile(), JSON.stringify(bad));
    const { notice } = new SettingsStore({ dir }).load();
    expect(notice).toMatch(/invalid content at profiles\.0\.requestTimeoutMs/);
    writeFileSync(settingsFile(), JSON.stringify({ ...good, activeProfileId: 'gone' }));
    expect(new SettingsStore({ dir }).load().notice).toMatch(/active profile does not exist/);
    expect(readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'))).toHaveLength(2);
  });

  it('validates fields with human messages and names the field', () => {
    const store = new SettingsStore({ dir });
    store.load();
    const cases: Array<[ProfileUpdate, RegExp, string]> = [
      [{ id: 'sandbox', uid: '' }, /Enter your uid \(e\.g\. ID4E5XXXXXX\)/, 'uid'],
      [{ id: 'sandbox', uid: 'ID 12' }, /uid may contain only letters and digits/, 'uid'],
      [{ id: 'sandbox', uid: 'I'.repeat(65) }, /too long/, 'uid'],
      [{ id: 'sandbox', apiKeyId: 'KID-1' }, /API key id may contain only letters and digits \(e\.g\. KIDB7XXXXXX\)/, 'apiKeyId'],
      [{ id: 'sandbox', requestTimeoutMs: 999 }, /between 1000 and 120000 ms/, 'requestTimeoutMs'],
      [{ id: 'sandbox', requestTimeoutMs: 120_001 }, /between 1000 and 120000 ms/, 'requestTimeoutMs'],
      [{ id: 'sandbox', requestTimeoutMs: 1500.5 }, /whole number/, 'requestTimeoutMs'],
      [{ id: 'sandbox', logLevel: 'trace' as never }, /one of debug, info, warn, error/, 'logLevel'],
      [{ id: 'sandbox', name: '  ' }, /Enter a profile name/, 'name'],
      [{ id: 'sandbox', name: 'Main\n\n\nEndpoint: Sandbox' }, /must not contain line breaks, control or direction-changing characters \(it holds U\+000A\)/, 'name'],
      [{ id: 'sandbox', name: 'Main\u202E' }, /it holds U\+202E/, 'name'],
      [{ id: 'sandbox', endpoint: { kind: 'custom', url: 'ws://example.com/ws/v1' } }, /Use wss:\/\//, 'endpoint'],
      [{ id: 'sandbox', endpoint: { kind: 'mainnet' } as never }, /Choose an endpoint/, 'endpoint'],
    ];
    for (const [update, pattern, field] of cases) {
      const error = settingsError(() => store.updateProfile(update));
      expect(error.message).toMatch(pattern);
      expect(error.field).toBe(field);
    }
    expect(settingsError(() => store.updateProfile({ id: 'nope', uid: 'ID1' })).message).toMatch(/profile does not exist/);
    expect(settingsError(() => store.updateProfile({ id: 'sandbox', colour: 'red' } as never)).message).toMatch(/Unknown setting "colour"/);
    // Nothing invalid reached the file.
    expect(new SettingsStore({ dir }).load().settings.profiles[0]).toMatchObject({ uid: '', requestTimeoutMs: 10_000 });
  });

  it('profiles: unique names, select, remove (never the last), removing the active one activates another', () => {
    const store = new SettingsStore({ dir });
    store.load();
    store.addProfile('Work');
    expect(settingsError(() => store.addProfile(' work ')).message).toMatch(/already exists/);
    const work = store.get().profiles[1]?.id as string;
    expect(store.get().activeProfileId).toBe('sandbox');
    store.selectProfile(work);
    expect(store.activeProfile().name).toBe('Work');
    expect(settingsError(() => store.selectProfile('missing')).message).toMatch(/does not exist/);
    store.removeProfile(work);
    expect(store.activeProfile().id).toBe('sandbox');
    expect(settingsError(() => store.removeProfile('sandbox')).message).toMatch(/last profile cannot be removed/);
    expect(new SettingsStore({ dir }).load().settings.profiles.map((p) => p.name)).toEqual(['Sandbox']);
  });
});

describe('validateCustomUrl and endpointUrl', () => {
  it('accepts wss:// anywhere and ws:// only on loopback', () => {
    for (const ok of ['wss://ws.oceanex.pro/ws/v1', 'wss://10.0.0.5:9443/ws', 'ws://127.0.0.1:8080/ws/v1', 'ws://localhost:1234', 'ws://[::1]:9000/ws/v1']) {
      expect(validateCustomUrl(ok), ok).toBeUndefined();
    }
  });

  it('refuses unencrypted remote URLs, other schemes, credentials, fragments and non-URLs', () => {
    expect(validateCustomUrl('ws://example.com/ws/v1')).toMatch(/Use wss:\/\/ \(encrypted\)/);
    expect(validateCustomUrl('ws://127.0.0.2/ws')).toMatch(/only for 127\.0\.0\.1, localhost or \[::1\]/);
    expect(validateCustomUrl('https://ws.oceanex.pro/ws/v1')).toMatch(/must start with wss:\/\//);
    expect(validateCustomUrl('wss://user:pw@ws.oceanex.pro/ws/v1')).toMatch(/user name or password/);
    expect(validateCustomUrl('wss://ws.oceanex.pro/ws/v1#x')).toMatch(/fragment/);
    expect(validateCustomUrl('ws.oceanex.pro/ws/v1')).toMatch(/not a valid URL/);
    expect(validateCustomUrl('')).toMatch(/Enter the websocket URL/);
  });

  it('maps endpoints to URLs', () => {
    expect(endpointUrl({ kind: 'production' }, undefined)).toBe(PRODUCTION_WS_URL);
    expect(PRODUCTION_WS_URL).toBe('wss://ws.oceanex.pro/ws/v1');
    expect(endpointUrl({ kind: 'custom', url: 'wss://x.example/ws' }, 'ws://127.0.0.1:1/ws/v1')).toBe('wss://x.example/ws');
    expect(endpointUrl({ kind: 'sandbox' }, 'ws://127.0.0.1:5555/ws/v1')).toBe('ws://127.0.0.1:5555/ws/v1');
    expect(() => endpointUrl({ kind: 'sandbox' }, undefined)).toThrow(/sandbox is not running/);
  });
});
