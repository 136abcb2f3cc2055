// Which endpoint each profile's key may sign for. The OceanEx login signature covers only a nonce (not the host)
// and the REST user_jwt has no nonce at all, so either one, once handed to another host, can be replayed on the
// real exchange. A key is therefore bound to the endpoint it was imported for, and main signs for nothing else.
//
// The binding lives beside the encrypted key, in <dir>/keys/<profileId>.binding.json (mode 0600): a small record
// of its own so that the key store's write order stays untouched. Only main writes it: on import, on a change of
// endpoint the person confirmed in a native dialog, and on removal.

import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LOOPBACK_HOSTS, PROFILE_ID } from '../../shared/constants';
import type { Endpoint } from '../../shared/ipc/contract';
import { writeFileAtomic } from './atomic-file';
import { PRODUCTION_WS_URL } from './settings';

/**
 * Where a key may sign: 'sandbox' (the built-in exchange, whatever port it got this run), 'production'
 * (OceanEx: wss://ws.oceanex.pro and its REST API) or a custom endpoint's origin such as "wss://host:8443".
 * A custom URL's path and query do not matter: the signature is as good on any path of the same host.
 */
export type KeyOrigin = string;


const bindingSchema = z.object({ version: z.literal(1), origin: z.string().min(1).max(300), boundAt: z.string() }).strict();

export function originOf(endpoint: Endpoint): KeyOrigin {
  switch (endpoint.kind) {
    case 'sandbox':
    case 'production':
      return endpoint.kind;
    case 'custom':
      return new URL(endpoint.url).origin;
  }
}

/**
 * May a key bound to `origin` sign a login for a connection to `url`? The terminal client's form of the app's rule
 * (the app compares the profile's endpoint): production only for OceanEx's production URL, the sandbox only on
 * loopback (where the built-in sandbox always runs, on a port that changes every start), a custom origin only there.
 */
export function mayKeySignFor(origin: KeyOrigin, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (origin === 'production') return parsed.href === new URL(PRODUCTION_WS_URL).href;
  if (origin === 'sandbox') return parsed.protocol === 'ws:' && LOOPBACK_HOSTS.has(parsed.hostname);
  return parsed.origin === origin;
}

/** The origin in words for questions and refusals. */
export function describeOrigin(origin: KeyOrigin): string {
  if (origin === 'sandbox') return 'the built-in Sandbox';
  if (origin === 'production') return 'OceanEx Production (ws.oceanex.pro)';
  return `the custom host ${origin}`;
}

export class KeyBindings {
  private readonly dir: string;

  constructor(userData: string) {
    this.dir = join(userData, 'keys');
  }

  /** The origin the profile's key is bound to; undefined when none is recorded (no key, or a key from before bindings). */
  get(profileId: string): KeyOrigin | undefined {
    let text: string;
    try {
      text = readFileSync(this.file(profileId), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed = bindingSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.origin : undefined;
    } catch {
      return undefined;
    }
  }

  set(profileId: string, origin: KeyOrigin): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const record = { version: 1, origin, boundAt: new Date().toISOString() };
    writeFileAtomic(this.file(profileId), `${JSON.stringify(record)}\n`, 0o600);
  }

  remove(profileId: string): void {
    rmSync(this.file(profileId), { force: true });
  }

  private file(profileId: string): string {
    if (!PROFILE_ID.test(profileId)) throw new Error('Invalid profile id.');
    return join(this.dir, `${profileId}.binding.json`);
  }
}
