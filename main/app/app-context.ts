// What every service of the app shares: the stores (settings, keychain, key bindings, log), the built-in sandbox,
// the one confirmation gate, the event emitter and the "shutting down" flag. Built once by App.create; each
// service keeps its own state and takes from here only what the whole app owns.

import type { EventChannel, EventMap } from '../../shared/ipc/channels';
import type { Profile } from '../../shared/ipc/contract';
import type { AppLog } from '../services/app-log';
import type { KeyBindings } from '../services/key-binding';
import type { KeyStore } from '../services/key-store';
import { endpointUrl, type SettingsStore } from '../services/settings';
import type { ConfirmationGate } from './confirmation';
import { UserFacingError } from './errors';
import type { Where } from './questions';
import type { SandboxAccount } from './sandbox-account';

export interface AppPaths {
  readonly userData: string;
  readonly logs: string;
}

export type Emit = <C extends EventChannel>(channel: C, payload: EventMap[C]) => void;

/** The built-in sandbox as the app uses it: in its own process (the app) or in this one (tests). */
export interface BuiltInSandbox {
  readonly url: string;
  readonly restBase: string;
  close(): Promise<void>;
}

export class AppContext {
  private closing = false;

  constructor(
    readonly emit: Emit,
    readonly settings: SettingsStore,
    readonly keyStore: KeyStore,
    readonly bindings: KeyBindings,
    readonly log: AppLog,
    /** Undefined when the app runs without its built-in sandbox (tests). */
    readonly sandbox: BuiltInSandbox | undefined,
    readonly demo: SandboxAccount | undefined,
    /** The one gate every service asks before anything irreversible (one question at a time). */
    readonly gate: ConfirmationGate,
  ) {}

  get disposed(): boolean {
    return this.closing;
  }

  markDisposed(): void {
    this.closing = true;
  }

  assertOpen(): void {
    if (this.closing) throw new UserFacingError('The app is shutting down.');
  }

  activeProfile(): Profile {
    return this.settings.activeProfile();
  }

  /** The websocket URL a profile connects to (the built-in sandbox's while it runs). */
  sessionUrl(profile: Profile): string {
    return endpointUrl(profile.endpoint, this.sandbox?.url);
  }

  /** The URL a profile connects to, for questions (the sandbox's while it runs). */
  displayUrl(profile: Profile): string {
    return profile.endpoint.kind === 'sandbox' && !this.sandbox ? 'the built-in sandbox (not running)' : this.sessionUrl(profile);
  }

  where(profile: Profile): Where {
    return { profileName: profile.name, endpoint: profile.endpoint, url: this.displayUrl(profile) };
  }
}
