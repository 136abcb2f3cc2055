// Keys: import (bound to the profile's endpoint), removal after the person's yes, verification against the
// exchange, the signer a login gets (only for the endpoint the key is bound to) and the sandbox's demo key.
// Channels: key:info, key:import, key:remove, key:verify.

import { createPublicKey } from 'node:crypto';
import type { KeyInfo, KeyVerification, Profile } from '../../shared/ipc/contract';
import type { LoginSigner } from '../oceanex/session-api';
import { describeOrigin, originOf, type KeyOrigin } from '../services/key-binding';
import { publicKeyFingerprint } from '../services/key-validation';
import { PRODUCTION_REST_BASE, verifyKey } from '../services/key-verify';
import type { AppContext } from './app-context';
import { DECLINED } from './confirmation';
import { UserFacingError } from './errors';
import { removeKeyQuestion, type KeyFacts } from './questions';
import { restBaseFor } from './rest-base';

/** Where a key import will go, fixed before the file dialog opens so the import cannot land elsewhere. */
export interface KeyImportTarget {
  readonly profileId: string;
  readonly origin: KeyOrigin;
  /** For the file dialog: "Import the key for profile "Main" — it will sign only for OceanEx Production (…)". */
  readonly description: string;
}

export class KeyService {
  private readonly demoFingerprint: string | undefined;

  constructor(private readonly ctx: AppContext) {
    const demo = ctx.demo;
    this.demoFingerprint = demo ? publicKeyFingerprint(createPublicKey(demo.config.public_key_pem)) : undefined;
  }

  keyInfo(): Promise<KeyInfo> {
    return this.ctx.keyStore.info(this.ctx.activeProfile().id);
  }

  /** The active profile and its endpoint, fixed before the file dialog opens (shown in it, checked after it). */
  keyImportTarget(): KeyImportTarget {
    const profile = this.ctx.activeProfile();
    const origin = originOf(profile.endpoint);
    return {
      profileId: profile.id,
      origin,
      description: `Import the key for profile "${profile.name}". It will sign only for ${describeOrigin(origin)} (${this.ctx.displayUrl(profile)}).`,
    };
  }

  /** Imports a key file for the active profile and binds the key to the profile's endpoint. */
  async importKeyFile(path: string, target: KeyImportTarget = this.keyImportTarget()): Promise<KeyInfo> {
    const { ctx } = this;
    ctx.assertOpen();
    const profile = ctx.activeProfile();
    if (profile.id !== target.profileId || originOf(profile.endpoint) !== target.origin) {
      throw new UserFacingError('Nothing was imported: the profile or its endpoint changed while the file dialog was open.');
    }
    const info = await ctx.keyStore.importFile(profile.id, path);
    ctx.bindings.set(profile.id, target.origin);
    ctx.gate.forget(profile.id);
    ctx.log.info(`Key imported for profile "${profile.name}" (fingerprint ${info.fingerprint ?? '?'}), bound to ${describeOrigin(target.origin)}`);
    ctx.emit('event:key', info);
    return info;
  }

  /** Deletes the active profile's key after the person confirmed (the question names its fingerprint). */
  async removeKey(): Promise<KeyInfo> {
    const { ctx } = this;
    ctx.assertOpen();
    const profile = ctx.activeProfile();
    const current = await ctx.keyStore.info(profile.id);
    if (!current.present) return current;
    const yes = await ctx.gate.ask(async () => removeKeyQuestion(ctx.where(profile), this.keyFacts(profile.id, current)), profile.id, false);
    if (!yes) throw new UserFacingError(`${DECLINED} The key was kept.`);
    await this.requireSameKey(profile.id, current);
    const info = await ctx.keyStore.remove(profile.id);
    ctx.bindings.remove(profile.id);
    ctx.gate.forget(profile.id);
    ctx.log.info(`Key removed for profile "${profile.name}"`);
    if (ctx.activeProfile().id === profile.id) ctx.emit('event:key', info);
    return info;
  }

  /** Signs a harmless REST call (the account) with the stored key and says in plain words whether it was accepted. */
  async verifyKey(): Promise<KeyVerification> {
    const { ctx } = this;
    ctx.assertOpen();
    const profile = ctx.activeProfile();
    requireCredentials(profile);
    await this.requireKeyBoundTo(profile);
    const restBase = restBaseFor(profile.endpoint, PRODUCTION_REST_BASE, ctx.sandbox?.restBase);
    const privateKey = await ctx.keyStore.loadPrivateKey(profile.id);
    const verification = await verifyKey({ restBase, uid: profile.uid, apiKeyId: profile.apiKeyId, privateKey });
    ctx.log.info(`Key verification against ${restBase}: ${verification.message}`);
    return verification;
  }

  /** The login signer of `profile`, only on the endpoint its key is bound to; `stillWanted` throws if the session moved on. */
  async signerFor(profile: Profile, stillWanted: () => void): Promise<LoginSigner> {
    requireCredentials(profile);
    await this.requireKeyBoundTo(profile);
    stillWanted();
    return this.ctx.keyStore.signer(profile.id, profile.uid, profile.apiKeyId);
  }

  /** What a question says about a profile's key: its fingerprint and the endpoint it signs for. */
  keyFacts(profileId: string, key: KeyInfo): KeyFacts {
    const bound = this.ctx.bindings.get(profileId);
    return { fingerprint: key.fingerprint ?? 'unknown (the stored key file is damaged)', boundTo: bound ? describeOrigin(bound) : 'no endpoint yet' };
  }

  /** The key the person was asked about is still the one there (no import slipped in while the question was open). */
  async requireSameKey(profileId: string, asked: KeyInfo): Promise<void> {
    const now = await this.ctx.keyStore.info(profileId);
    if (now.present !== asked.present || now.fingerprint !== asked.fingerprint) {
      throw new UserFacingError('Not done: the key changed while the question was open. Nothing was changed.');
    }
  }

  isDemoKey(key: KeyInfo): boolean {
    return this.demoFingerprint !== undefined && key.fingerprint === this.demoFingerprint;
  }

  /**
   * Keys imported before keys were bound to an endpoint have no binding yet: each is bound to its profile's
   * endpoint as it is at this first start. Endpoint changes of a keyed profile have always needed the settings
   * screen, and from now on they need the person's yes in a native dialog, so that endpoint is the one in use.
   */
  async bindUnboundKeys(): Promise<void> {
    const { ctx } = this;
    for (const profile of ctx.settings.get().profiles) {
      if (ctx.bindings.get(profile.id) !== undefined) continue;
      if (!(await ctx.keyStore.info(profile.id)).present) continue;
      ctx.bindings.set(profile.id, originOf(profile.endpoint));
      ctx.log.info(`The key of profile "${profile.name}" is now bound to ${describeOrigin(originOf(profile.endpoint))}, its endpoint`);
    }
  }

  /** First run and every start: each sandbox profile gets the demo account's uid, API key id and key. */
  async provisionSandboxKeys(): Promise<void> {
    for (const profile of this.ctx.settings.get().profiles) {
      if (profile.endpoint.kind === 'sandbox') await this.provisionSandboxKey(profile);
    }
  }

  async provisionSandboxKey(profile: Profile): Promise<void> {
    const { ctx } = this;
    const demo = ctx.demo;
    if (!demo) return;
    // A sandbox profile the user pointed at another account is left alone.
    if (profile.uid !== '' && profile.uid !== demo.config.uid) return;
    const stored = await ctx.keyStore.info(profile.id).catch(() => undefined);
    // A key the person imported (even under the demo uid), or one we cannot read, is never replaced unasked.
    if (stored === undefined || (stored.present && !this.isDemoKey(stored))) {
      ctx.log.info(`Profile "${profile.name}" holds its own key${stored?.fingerprint ? ` (fingerprint ${stored.fingerprint})` : ''}: the sandbox demo key is not provisioned over it.`);
      return;
    }
    if (profile.uid === '' || profile.apiKeyId !== demo.config.api_key) {
      await ctx.settings.updateProfile({ id: profile.id, uid: demo.config.uid, apiKeyId: demo.config.api_key });
      ctx.emit('event:settings', ctx.settings.get());
    }
    if (stored.present) {
      // The demo key signs for the built-in sandbox (it may have been imported by file for another endpoint).
      if (ctx.bindings.get(profile.id) !== 'sandbox') ctx.bindings.set(profile.id, 'sandbox');
      return;
    }
    const info = await ctx.keyStore.importPem(profile.id, demo.privateKeyPem);
    ctx.bindings.set(profile.id, 'sandbox');
    ctx.log.info(`Sandbox demo key provisioned for profile "${profile.name}" (fingerprint ${info.fingerprint ?? '?'})`);
    if (profile.id === ctx.activeProfile().id) ctx.emit('event:key', info);
  }

  /**
   * The key signs (login signature, REST user_jwt) only for the origin it was imported for. A key with no
   * recorded origin is refused too: bindUnboundKeys gave every key present at start-up one, and every import since.
   */
  private async requireKeyBoundTo(profile: Profile): Promise<void> {
    const bound = this.ctx.bindings.get(profile.id);
    const here = originOf(profile.endpoint);
    if (bound === here) return;
    // No key at all: the key store's own "import your key.pem first" says it better.
    if (bound === undefined && !(await this.ctx.keyStore.info(profile.id)).present) return;
    throw new UserFacingError(
      bound === undefined
        ? `The key of profile "${profile.name}" has no recorded endpoint, so it signs nothing. Import it again (Settings → Import key…).`
        : `The key of profile "${profile.name}" was imported for ${describeOrigin(bound)}; it does not sign for ${describeOrigin(here)}. Import your key for this endpoint in Settings if you mean to use it here.`,
    );
  }

}

function requireCredentials(profile: Profile): void {
  if (profile.uid.trim() === '' || profile.apiKeyId.trim() === '') {
    throw new UserFacingError(`Enter the uid and API key id of profile "${profile.name}" in Settings first.`);
  }
}
