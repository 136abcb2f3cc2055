// electron-updater's real updaters running in plain Node: electron-updater is CommonJS and require()s "electron"
// itself, so the stand-in electron module (test/electron/electron-stand-in.ts) is put into Node's module cache
// first. Its net.request is Node's https, which here trusts only the release server's throw-away certificate.
import { mkdirSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AppImageUpdater, NsisUpdater } from 'electron-updater';
import { RELEASE_FEED } from '../../../main/services/updates/feed';
import { app as electronApp, electron } from '../../electron/electron-stand-in';

const require = createRequire(import.meta.url);
const electronPath = require.resolve('electron');
require.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: electron } as unknown as NodeJS.Module;
const updaters = require('electron-updater') as { AppImageUpdater: new () => AppImageUpdater; NsisUpdater: new () => NsisUpdater };

export { electronApp };

/** What electron-builder writes into resources/app-update.yml from electron-builder.yml's publish: section. */
export function appUpdateYml(publisherName?: string): string {
  const lines = [`owner: ${RELEASE_FEED.owner}`, `repo: ${RELEASE_FEED.repo}`, 'provider: github', 'updaterCacheDirName: oceanex-ws-client-updater'];
  if (publisherName) lines.push('publisherName:', `  - ${publisherName}`);
  return `${lines.join('\n')}\n`;
}

export interface UpdaterEnvironment {
  /** A fresh updater cache (electron-updater keeps downloads in $XDG_CACHE_HOME/<updaterCacheDirName>). */
  freshCache(name: string): void;
  newAppImageUpdater(version?: string): AppImageUpdater;
  newNsisUpdater(version?: string, publisherName?: string): NsisUpdater;
  restore(): void;
}

/** A packaged AppImage "installed" in `dir`, trusting the release server's certificate `ca`. */
export function prepareUpdaterEnvironment(dir: string, ca: string): UpdaterEnvironment {
  const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, APPIMAGE: process.env.APPIMAGE };
  const savedAgent = https.globalAgent;
  https.globalAgent = new https.Agent({ ca, keepAlive: false });
  electronApp.isPackaged = true;
  // The AppImage being updated (electron-updater replaces this file on install, which tests never reach).
  process.env.APPIMAGE = join(dir, 'OceanEx-WS-Client-0.1.0-x86_64.AppImage');
  writeFileSync(process.env.APPIMAGE, Buffer.alloc(1024, 1));
  writeFileSync(join(dir, 'app-update.yml'), appUpdateYml());
  const configured = <T extends AppImageUpdater | NsisUpdater>(updater: T, file: string): T => {
    (updater as unknown as { updateConfigPath: string }).updateConfigPath = file;
    return updater;
  };
  return {
    freshCache(name) {
      process.env.XDG_CACHE_HOME = join(dir, `cache-${name}`);
      mkdirSync(process.env.XDG_CACHE_HOME, { recursive: true });
    },
    newAppImageUpdater(version = '0.1.0') {
      electronApp.version = version;
      return configured(new updaters.AppImageUpdater(), join(dir, 'app-update.yml'));
    },
    newNsisUpdater(version = '0.1.0', publisherName) {
      electronApp.version = version;
      const file = join(dir, 'app-update-win.yml');
      writeFileSync(file, appUpdateYml(publisherName));
      return configured(new updaters.NsisUpdater(), file);
    },
    restore() {
      https.globalAgent = savedAgent;
      electronApp.isPackaged = false;
      electronApp.version = '0.1.0';
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    },
  };
}
