// electron-updater as the UpdateEngine. Plain Node: it is handed an updater instance (the platform's autoUpdater in
// the app; an AppImageUpdater over the stand-in electron module in the tests) and only configures and drives it.
// Its checks stay on: sha512 of every download, the Windows publisher signature (publisherName in app-update.yml,
// from the signing certificate), the macOS code signature (Squirrel.Mac); downgrades and pre-releases are off.

import type { AppUpdater, ProgressInfo } from 'electron-updater';
import { assertSecureFeed, type GithubFeed } from './feed';
import type { DownloadProgress, UpdateEngine, UpdateLog } from './update-service';

export interface EngineOptions {
  readonly feed: GithubFeed;
  readonly log: UpdateLog;
  /** The Electron-only step: quit and run the installer (main/electron/updater.ts). */
  readonly install: (updater: AppUpdater) => void;
}

/** Why this updater cannot work here (not packaged, a deb/rpm build, an AppImage started unpacked…), or undefined. */
export function inactiveReason(updater: AppUpdater): string | undefined {
  return updater.isUpdaterActive() ? undefined : 'This copy of the app cannot update itself (a development build, or one installed by a package manager).';
}

export function electronUpdaterEngine(updater: AppUpdater, options: EngineOptions): UpdateEngine {
  assertSecureFeed(options.feed);
  const { log } = options;
  updater.logger = {
    info: (m?: unknown) => log.info(`[updater] ${String(m)}`),
    warn: (m?: unknown) => log.warn(`[updater] ${String(m)}`),
    error: (m?: unknown) => log.error(`[updater] ${String(m)}`),
    debug: (m: string) => log.debug(`[updater] ${m}`),
  };
  // The person decides when to download and when to restart; never an older or pre-release version.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = true;
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.fullChangelog = false;
  // Web installers download their payload later, outside these checks.
  updater.disableWebInstaller = true;
  updater.setFeedURL(options.feed);

  return {
    currentVersion: updater.currentVersion.version,
    async latest() {
      const result = await updater.checkForUpdates();
      if (!result) throw new Error(inactiveReason(updater) ?? 'The updater is not active.');
      return result.updateInfo;
    },
    async download(onProgress: (progress: DownloadProgress) => void) {
      const listener = (p: ProgressInfo) => onProgress({ percent: p.percent, transferred: p.transferred, total: p.total, bytesPerSecond: p.bytesPerSecond });
      updater.on('download-progress', listener);
      try {
        const files = await updater.downloadUpdate();
        const file = files[0];
        if (!file) throw new Error('The updater downloaded no file.');
        return file;
      } finally {
        updater.off('download-progress', listener);
      }
    },
    install() {
      options.install(updater);
    },
  };
}
