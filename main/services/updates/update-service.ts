// The self-updater's decisions, in plain Node: when to check, what the feed's answer means (never a downgrade),
// downloading with progress, re-verifying the sha512 of what was downloaded, and "Restart to update", which waits
// while an order's outcome is unknown or a request is in flight and says why. The network, download and install
// are an UpdateEngine's (electron-updater in the app, through electron-updater-engine.ts).

import { rm } from 'node:fs/promises';
import type { UpdateStatus } from '../../../shared/ipc/contract';
import { fileForDownload, parseFeedEntry, type FeedEntry } from './feed';
import { restartBlocker, type SessionActivity } from './install-gate';
import { explainUpdateFailure } from './messages';
import { ChecksumError, verifySha512 } from './sha512';
import { judgeOffer } from './version';

export interface DownloadProgress {
  readonly percent: number;
  readonly transferred: number;
  readonly total: number;
  readonly bytesPerSecond: number;
}

/** What does the talking to the release feed. */
export interface UpdateEngine {
  readonly currentVersion: string;
  /** The feed's latest entry (electron-updater's UpdateInfo, from latest*.yml). Rejects when it cannot be fetched. */
  latest(): Promise<unknown>;
  /** Downloads the installer for this system (verified while downloading); resolves with the file's path. */
  download(onProgress: (progress: DownloadProgress) => void): Promise<string>;
  /** Quits the app and installs the downloaded update (Electron only: main/electron/updater.ts). */
  install(): void;
}

export interface UpdateLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface UpdateServiceOptions {
  /** Undefined when this build cannot update itself; `unavailableReason` then says why. */
  readonly engine: UpdateEngine | undefined;
  readonly currentVersion: string;
  readonly unavailableReason?: string;
  readonly log: UpdateLog;
  readonly emit: (status: UpdateStatus) => void;
  readonly activity: () => SessionActivity;
  readonly autoCheck: { get(): boolean; set(on: boolean): Promise<unknown> | unknown };
  /** First automatic check this long after start (the window is up by then). Default 10 s. */
  readonly firstCheckDelayMs?: number;
  /** Then every… Default 4 hours. */
  readonly intervalMs?: number;
  /** While a restart waits, how often the gate is looked at again. Default 1 s. */
  readonly gatePollMs?: number;
  readonly now?: () => number;
}

export const DEFAULT_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
const DEFAULT_FIRST_CHECK_DELAY_MS = 10_000;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class UpdateService {
  private state: Mutable<UpdateStatus>;
  private entry: FeedEntry | undefined;
  private checking: Promise<UpdateStatus> | undefined;
  private downloading: Promise<UpdateStatus> | undefined;
  private firstTimer: NodeJS.Timeout | undefined;
  private intervalTimer: NodeJS.Timeout | undefined;
  private gateTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly options: UpdateServiceOptions) {
    this.now = options.now ?? Date.now;
    this.state = options.engine
      ? { phase: 'idle', currentVersion: options.currentVersion, autoCheck: options.autoCheck.get() }
      : {
          phase: 'unavailable',
          currentVersion: options.currentVersion,
          autoCheck: options.autoCheck.get(),
          message: options.unavailableReason ?? 'This build cannot update itself.',
        };
  }

  status(): UpdateStatus {
    return { ...this.state };
  }

  /** Starts the automatic checks: once shortly after start, then every few hours (each only if the setting is on). */
  start(): void {
    if (this.disposed || !this.options.engine) return;
    this.options.log.info(`Updates: version ${this.options.currentVersion}; automatic checks ${this.state.autoCheck ? 'on' : 'off'}`);
    this.schedule();
  }

  /** Asks the feed now. `automatic` checks fail quietly (logged); a person asking gets every message. */
  check(trigger: 'manual' | 'automatic' = 'manual'): Promise<UpdateStatus> {
    const engine = this.options.engine;
    if (!engine || this.disposed) return Promise.resolve(this.status());
    if (['downloading', 'downloaded', 'installing'].includes(this.state.phase)) return Promise.resolve(this.status());
    if (this.checking) return this.checking;
    this.checking = this.runCheck(engine, trigger).finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  /** Downloads the offered version (after a failed download: again). */
  download(): Promise<UpdateStatus> {
    const engine = this.options.engine;
    if (this.downloading) return this.downloading;
    if (!engine || this.disposed || !this.entry || !(this.state.phase === 'available' || (this.state.phase === 'error' && this.state.version))) {
      return Promise.resolve(this.status());
    }
    this.downloading = this.runDownload(engine, this.entry).finally(() => {
      this.downloading = undefined;
    });
    return this.downloading;
  }

  /**
   * "Restart to update": installs at once when nothing is at stake; otherwise waits — saying why — and installs
   * as soon as every unknown order is reconciled and every request has its reply.
   */
  restart(): UpdateStatus {
    if (this.state.phase !== 'downloaded' || this.disposed) return this.status();
    if (this.tryInstall()) return this.status();
    if (!this.gateTimer) {
      this.options.log.info(`Updates: restart requested; ${this.state.waitingFor ?? ''}`);
      this.gateTimer = setInterval(() => this.tryInstall(), this.options.gatePollMs ?? 1_000);
      this.gateTimer.unref?.();
    }
    return this.status();
  }

  async setAutoCheck(on: boolean): Promise<UpdateStatus> {
    await this.options.autoCheck.set(on);
    this.state.autoCheck = on;
    this.options.log.info(`Updates: automatic checks turned ${on ? 'on' : 'off'}`);
    this.schedule();
    this.publish();
    return this.status();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimers();
    if (this.gateTimer) clearInterval(this.gateTimer);
    this.gateTimer = undefined;
  }

  // -------------------------------------------------------------------------------------------------------------

  private schedule(): void {
    this.clearTimers();
    if (this.disposed || !this.options.engine || !this.state.autoCheck) return;
    const automatic = () => void this.check('automatic');
    this.firstTimer = setTimeout(automatic, this.options.firstCheckDelayMs ?? DEFAULT_FIRST_CHECK_DELAY_MS);
    this.intervalTimer = setInterval(automatic, this.options.intervalMs ?? DEFAULT_CHECK_INTERVAL_MS);
    this.firstTimer.unref?.();
    this.intervalTimer.unref?.();
  }

  private clearTimers(): void {
    if (this.firstTimer) clearTimeout(this.firstTimer);
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    this.firstTimer = undefined;
    this.intervalTimer = undefined;
  }

  private async runCheck(engine: UpdateEngine, trigger: 'manual' | 'automatic'): Promise<UpdateStatus> {
    const { log } = this.options;
    const before = this.status();
    this.set({ phase: 'checking', autoCheck: this.state.autoCheck, currentVersion: this.state.currentVersion });
    log.info(`Updates: checking the release feed (${trigger})`);
    try {
      const entry = parseFeedEntry(await engine.latest());
      const offer = judgeOffer(engine.currentVersion, entry.version);
      const checked = { lastCheckedAt: this.now() };
      if (offer.kind === 'newer') {
        this.entry = entry;
        log.info(`Updates: version ${entry.version} is available (this is ${engine.currentVersion})`);
        this.set({
          phase: 'available',
          version: entry.version,
          releaseNotes: entry.releaseNotes,
          ...(entry.releaseDate ? { releaseDate: entry.releaseDate } : {}),
          ...checked,
        });
      } else if (offer.kind === 'invalid') {
        throw Object.assign(new Error(`The release feed was refused: ${offer.reason}.`), { name: 'FeedError' });
      } else {
        this.entry = undefined;
        const message =
          offer.kind === 'same'
            ? `You have the latest version (${engine.currentVersion}).`
            : `The release feed offers ${entry.version}, which is older than this version (${engine.currentVersion}); it was refused (never a downgrade).`;
        (offer.kind === 'same' ? log.info : log.warn).call(log, `Updates: ${message}`);
        this.set({ phase: 'up-to-date', message, ...checked });
      }
    } catch (error) {
      const failure = explainUpdateFailure(error, 'checking for updates');
      log.warn(`Updates: check failed (${failure.kind}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      if (trigger === 'automatic') {
        // Quiet: an automatic check that fails (e.g. offline) leaves the status bar as it was.
        this.state = { ...before, autoCheck: this.state.autoCheck };
        this.publish();
      } else {
        this.set({ phase: 'error', message: failure.message, failure: failure.kind, lastCheckedAt: this.now() });
      }
    }
    return this.status();
  }

  private async runDownload(engine: UpdateEngine, entry: FeedEntry): Promise<UpdateStatus> {
    const { log } = this.options;
    const base = { version: entry.version, releaseNotes: entry.releaseNotes, ...(entry.releaseDate ? { releaseDate: entry.releaseDate } : {}) };
    this.set({ phase: 'downloading', ...base, progress: { percent: 0, transferred: 0, total: entry.files[0]?.size ?? 0, bytesPerSecond: 0 } });
    log.info(`Updates: downloading ${entry.version}`);
    try {
      const path = await engine.download((p) => {
        if (this.state.phase !== 'downloading') return;
        this.state.progress = {
          percent: Math.max(0, Math.min(100, p.percent)),
          transferred: p.transferred,
          total: p.total,
          bytesPerSecond: p.bytesPerSecond,
        };
        this.publish();
      });
      const file = fileForDownload(entry, path);
      if (!file) throw Object.assign(new Error(`The downloaded file ${path} is not one the release feed lists.`), { name: 'FeedError' });
      try {
        await verifySha512(path, file.sha512);
      } catch (error) {
        // Never leave a file that failed verification where the installer could pick it up.
        if (error instanceof ChecksumError) await rm(path, { force: true });
        throw error;
      }
      log.info(`Updates: ${entry.version} downloaded and its sha512 verified (${path})`);
      this.set({ phase: 'downloaded', ...base, message: `Version ${entry.version} is ready. Restart to update.` });
    } catch (error) {
      const failure = explainUpdateFailure(error, `downloading ${entry.version}`);
      log.error(`Updates: download of ${entry.version} failed (${failure.kind}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      this.set({ phase: 'error', ...base, message: failure.message, failure: failure.kind });
    }
    return this.status();
  }

  /** Installs if the gate is open; otherwise records why it waits. True when the install started. */
  private tryInstall(): boolean {
    if (this.disposed || this.state.phase !== 'downloaded') return false;
    const blocker = restartBlocker(this.options.activity());
    if (blocker) {
      if (this.state.waitingFor !== blocker) {
        this.state.waitingFor = blocker;
        this.publish();
      }
      return false;
    }
    if (this.gateTimer) clearInterval(this.gateTimer);
    this.gateTimer = undefined;
    const { waitingFor: _settled, ...rest } = this.state;
    this.state = { ...rest, phase: 'installing', message: `Restarting to install ${this.state.version ?? 'the update'}…` };
    this.publish();
    this.options.log.info(`Updates: quitting to install ${this.state.version ?? ''}`);
    try {
      this.options.engine?.install();
    } catch (error) {
      const failure = explainUpdateFailure(error, 'installing the update');
      this.options.log.error(`Updates: install failed: ${error instanceof Error ? error.message : String(error)}`);
      this.set({ phase: 'error', ...(this.entry ? { version: this.entry.version } : {}), message: failure.message, failure: failure.kind });
      return false;
    }
    return true;
  }

  /** Replaces the state (keeping version and setting), then tells the renderer. */
  private set(next: Partial<UpdateStatus> & { phase: UpdateStatus['phase'] }): void {
    this.state = { currentVersion: this.state.currentVersion, autoCheck: this.state.autoCheck, ...next };
    this.publish();
  }

  private publish(): void {
    if (!this.disposed) this.options.emit(this.status());
  }
}
