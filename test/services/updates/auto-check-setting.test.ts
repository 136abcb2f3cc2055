// The "check for updates automatically" setting in settings.json: on by default, persisted when turned off, and
// settings files written before it existed (version 1 without the field) still load unchanged.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../main/services/settings';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oceanex-auto-check-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const OLD_FILE = {
  version: 1,
  activeProfileId: 'sandbox',
  profiles: [{ id: 'sandbox', name: 'Sandbox', endpoint: { kind: 'sandbox' }, uid: '', apiKeyId: '', requestTimeoutMs: 10000, logLevel: 'info' }],
};

describe('autoCheckForUpdates in settings.json', () => {
  it('a settings file from before the setting loads as it was, with checks on', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(OLD_FILE));
    const { settings, notice } = new SettingsStore({ dir }).load();
    expect(notice).toBeUndefined();
    expect(settings).toEqual(OLD_FILE);
    expect(settings.autoCheckForUpdates !== false).toBe(true);
  });

  it('turning checks off is saved and survives a restart; turning them on again too', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(OLD_FILE));
    const store = new SettingsStore({ dir });
    store.load();
    expect(store.setAutoCheckForUpdates(false).autoCheckForUpdates).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ ...OLD_FILE, autoCheckForUpdates: false });
    const again = new SettingsStore({ dir });
    expect(again.load().settings.autoCheckForUpdates).toBe(false);
    expect(again.setAutoCheckForUpdates(true).autoCheckForUpdates).toBe(true);
    expect(() => again.setAutoCheckForUpdates('no' as unknown as boolean)).toThrow('Automatic update checks are either on or off.');
  });

  it('a damaged value is treated like any damaged settings file: kept aside with a notice, never silently reset', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...OLD_FILE, autoCheckForUpdates: 'sometimes' }));
    const { settings, notice } = new SettingsStore({ dir }).load();
    expect(notice).toMatch(/has invalid content at autoCheckForUpdates/);
    expect(settings.autoCheckForUpdates).toBeUndefined();
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
  });
});
