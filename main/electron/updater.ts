// The Electron side of self-updating, kept thin: picks electron-updater's updater for this system, keeps its
// network session on https, and names the one step that only Electron can do — quitting to install.
// Every decision (when to check, what to offer, the sha512 re-check, when a restart may happen) is in
// main/services/updates (plain Node, tested over loopback).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { autoUpdater, type AppUpdater } from 'electron-updater';
import { electronUpdaterEngine, inactiveReason } from '../services/updates/electron-updater-engine';
import { isAllowedUpdateUrl, publisherNames, RELEASE_FEED } from '../services/updates/feed';
import type { UpdateEngine, UpdateLog } from '../services/updates/update-service';

/** The Electron-only install step: quit, run the installer, start the new version. */
export function quitAndInstall(updater: AppUpdater): void {
  // Not silent (Windows shows the installer's progress), and always start the app again afterwards.
  updater.quitAndInstall(false, true);
}

/** Refuses every non-https request of the updater's own network session (GitHub redirects stay on https). */
function httpsOnly(updater: AppUpdater): void {
  updater.netSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedUpdateUrl(details.url) }));
}

/** Windows: without the signing certificate's publisher name, electron-updater would skip the signature check. */
function windowsSignatureProblem(): string | undefined {
  if (process.platform !== 'win32') return undefined;
  let yml = '';
  try {
    yml = readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return 'This copy has no update configuration (app-update.yml), so updates cannot be verified.';
  }
  return publisherNames(yml).length > 0 ? undefined : 'This copy is not code-signed, so updates could not be verified; download new versions from the Releases page.';
}

/** A .deb (or .rpm/pacman) install: electron-builder marks it in resources/package-type; its package manager updates it. */
function packageManagerInstall(): string | undefined {
  const marker = join(process.resourcesPath, 'package-type');
  if (!existsSync(marker)) return undefined;
  const type = readFileSync(marker, 'utf8').trim();
  return `This copy was installed from a .${type} package: update it with your package manager (new versions are on the Releases page).`;
}

export interface ElectronUpdater {
  readonly engine: UpdateEngine | undefined;
  readonly unavailableReason?: string;
}

/** The engine for this system, or why there is none (development build, package-manager install, unsigned Windows build). */
export function createElectronUpdater(log: UpdateLog): ElectronUpdater {
  if (!app.isPackaged) return { engine: undefined, unavailableReason: 'This is a development build: updates are only for installed releases.' };
  const problem = packageManagerInstall() ?? windowsSignatureProblem() ?? inactiveReason(autoUpdater);
  if (problem) return { engine: undefined, unavailableReason: problem };
  httpsOnly(autoUpdater);
  return { engine: electronUpdaterEngine(autoUpdater, { feed: RELEASE_FEED, log, install: quitAndInstall }) };
}
