// Profiles and settings: add, remove (with its key, after the person's yes), select, update (moving a keyed
// profile to another endpoint asks first), and the update-check setting. Changes run one at a time; afterwards the
// session, the log level and the key follow the active profile.
// Channels: settings:get, settings:updateProfile, settings:addProfile, settings:removeProfile, settings:selectProfile.
// Events: event:settings (and event:key when the active profile changes).

import type { Profile, ProfileUpdate, Settings } from '../../shared/ipc/contract';
import { originOf, type KeyOrigin } from '../services/key-binding';
import { validateCustomUrl } from '../services/settings';
import type { AppContext } from './app-context';
import { DECLINED } from './confirmation';
import { UserFacingError, userMessage } from './errors';
import type { KeyService } from './key-service';
import { endpointChangeQuestion, removeProfileQuestion } from './questions';
import type { SessionService } from './session-service';

export class ProfileService {
  private lifecycle: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: AppContext,
    private readonly keys: KeyService,
    private readonly session: SessionService,
  ) {}

  getSettings(): Settings {
    return this.ctx.settings.get();
  }

  /** Moving a profile that holds a key to another endpoint needs the person's yes; only then is the key re-bound. */
  updateProfile(update: ProfileUpdate): Promise<Settings> {
    return this.changeSettings(async () => {
      const { ctx } = this;
      const profile = ctx.settings.get().profiles.find((p) => p.id === update.id);
      const nextOrigin = profile && update.endpoint ? proposedOrigin(update.endpoint) : undefined;
      if (!profile || nextOrigin === undefined || nextOrigin.origin === originOf(profile.endpoint)) return ctx.settings.updateProfile(update);

      const key = await ctx.keyStore.info(profile.id);
      const keyMoves = key.present && nextOrigin.origin !== ctx.bindings.get(profile.id) && !this.keys.isDemoKey(key);
      if (keyMoves) {
        const next = { endpoint: nextOrigin.endpoint, url: ctx.displayUrl({ ...profile, endpoint: nextOrigin.endpoint }) };
        const yes = await ctx.gate.ask(async () => endpointChangeQuestion(ctx.where(profile), next, this.keys.keyFacts(profile.id, key)), profile.id, false);
        if (!yes) throw new UserFacingError(`${DECLINED} The settings were not changed.`);
        await this.keys.requireSameKey(profile.id, key);
      }
      const settings = ctx.settings.updateProfile(update);
      // A demo key stays bound to the sandbox: it is no use elsewhere and signs nowhere else.
      if (keyMoves) ctx.bindings.set(profile.id, nextOrigin.origin);
      ctx.gate.forget(profile.id);
      return settings;
    });
  }

  addProfile(name: string): Promise<Settings> {
    return this.changeSettings(() => this.ctx.settings.addProfile(name));
  }

  /** Removes the profile and its key (keychain entry and encrypted file): no secret outlives its profile. */
  removeProfile(id: string): Promise<Settings> {
    return this.changeSettings(async () => {
      const { ctx } = this;
      const profile = ctx.settings.get().profiles.find((p) => p.id === id);
      if (profile && ctx.settings.get().profiles.length > 1) {
        const key = await ctx.keyStore.info(profile.id);
        const facts = key.present ? this.keys.keyFacts(profile.id, key) : undefined;
        if (!(await ctx.gate.ask(async () => removeProfileQuestion(ctx.where(profile), facts), profile.id, false))) {
          throw new UserFacingError(`${DECLINED} The profile was kept.`);
        }
      }
      const settings = ctx.settings.removeProfile(id);
      await ctx.keyStore.remove(id);
      ctx.bindings.remove(id);
      ctx.gate.forget(id);
      return settings;
    });
  }

  selectProfile(id: string): Promise<Settings> {
    return this.changeSettings(() => this.ctx.settings.selectProfile(id));
  }

  /** Whether the app checks the release feed on its own (absent from older settings files: on). */
  autoCheckForUpdates(): boolean {
    return this.ctx.settings.get().autoCheckForUpdates !== false;
  }

  setAutoCheckForUpdates(on: boolean): Promise<Settings> {
    return this.changeSettings(() => this.ctx.settings.setAutoCheckForUpdates(on));
  }

  /** Resolves once the settings change under way (if any) is done: quit waits for it. */
  settled(): Promise<void> {
    return this.lifecycle.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Settings changes run one at a time; afterwards the session, log level and key follow the active profile. */
  private changeSettings(change: () => Settings | Promise<Settings>): Promise<Settings> {
    const { ctx } = this;
    const task = async (): Promise<Settings> => {
      ctx.assertOpen();
      const before = ctx.activeProfile();
      const settings = await change();
      const after = ctx.activeProfile();
      ctx.emit('event:settings', settings);
      if (after.logLevel !== before.logLevel) ctx.log.setLevel(after.logLevel);
      if (after.endpoint.kind === 'sandbox') await this.keys.provisionSandboxKey(after).catch((e: unknown) => ctx.log.warn(userMessage(e)));
      const current = ctx.activeProfile();
      if (
        current.id !== before.id ||
        JSON.stringify(current.endpoint) !== JSON.stringify(before.endpoint) ||
        current.requestTimeoutMs !== before.requestTimeoutMs
      ) {
        await this.session.restart();
      } else if (current.name !== before.name) {
        this.session.emitStatus();
      }
      if (current.id !== before.id) ctx.emit('event:key', await ctx.keyStore.info(current.id));
      return ctx.settings.get();
    };
    const run = this.lifecycle.then(task, task);
    this.lifecycle = run.catch(() => undefined);
    return run;
  }
}

/** The origin a requested endpoint would have; undefined when it is not valid (settings then says why). */
function proposedOrigin(endpoint: Profile['endpoint']): { endpoint: Profile['endpoint']; origin: KeyOrigin } | undefined {
  if (endpoint.kind !== 'custom') return endpoint.kind === 'sandbox' || endpoint.kind === 'production' ? { endpoint: { kind: endpoint.kind }, origin: endpoint.kind } : undefined;
  const url = typeof endpoint.url === 'string' ? endpoint.url.trim() : '';
  if (validateCustomUrl(url) !== undefined) return undefined;
  const next = { kind: 'custom' as const, url };
  return { endpoint: next, origin: originOf(next) };
}
