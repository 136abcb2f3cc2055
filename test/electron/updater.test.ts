// The thin Electron adapter of the self-updater (main/electron/updater.ts) over the stand-in electron module:
// which builds may update themselves, the updater's network session limited to https, and the named install step.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron } from './electron-stand-in';
import { electronApp } from '../services/updates/stand-in-updater';

vi.mock('electron', async () => {
  const standIn = await import('./electron-stand-in');
  return { ...standIn.electron, default: standIn.electron };
});

const { createElectronUpdater, quitAndInstall } = await import('../../main/electron/updater');

const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const dir = mkdtempSync(join(tmpdir(), 'oceanex-updater-adapter-'));
const saved = { resourcesPath: process.resourcesPath, APPIMAGE: process.env.APPIMAGE };

beforeAll(() => {
  (process as { resourcesPath?: string }).resourcesPath = dir;
});

afterAll(() => {
  (process as { resourcesPath?: string }).resourcesPath = saved.resourcesPath;
  if (saved.APPIMAGE === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = saved.APPIMAGE;
  electronApp.isPackaged = false;
  rmSync(dir, { recursive: true, force: true });
});

describe('createElectronUpdater', () => {
  it('a development build does not update itself, and says so', () => {
    electronApp.isPackaged = false;
    expect(createElectronUpdater(log)).toEqual({ engine: undefined, unavailableReason: 'This is a development build: updates are only for installed releases.' });
  });

  it('a .deb install leaves updating to the package manager', () => {
    electronApp.isPackaged = true;
    writeFileSync(join(dir, 'package-type'), 'deb\n');
    expect(createElectronUpdater(log).unavailableReason).toBe(
      'This copy was installed from a .deb package: update it with your package manager (new versions are on the Releases page).',
    );
    rmSync(join(dir, 'package-type'));
  });

  it('an AppImage updates itself from the GitHub feed, and its network session only ever fetches https', () => {
    electronApp.isPackaged = true;
    process.env.APPIMAGE = join(dir, 'OceanEx.AppImage');
    writeFileSync(process.env.APPIMAGE, 'x');
    const { engine, unavailableReason } = createElectronUpdater(log);
    expect(unavailableReason).toBeUndefined();
    expect(engine?.currentVersion).toBe('0.1.0');
    const updaterSession = electron.session.fromPartition('electron-updater') as unknown as { beforeRequest?: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void };
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      updaterSession.beforeRequest?.({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://github.com/oceanex/oceanex-ws-client/releases.atom')).toBe(false);
    expect(decide('https://release-assets.githubusercontent.com/x/OceanEx.AppImage')).toBe(false);
    expect(decide('http://github.com/oceanex/oceanex-ws-client/releases.atom')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
  });

  it('the install step is electron-updater\'s quitAndInstall, not silent, starting the new version', () => {
    const calls: unknown[][] = [];
    quitAndInstall({ quitAndInstall: (...args: unknown[]) => void calls.push(args) } as never);
    expect(calls).toEqual([[false, true]]);
  });
});
