// Where "Verify key" sends its signed REST call, derived from the profile's websocket endpoint.
// Pure function: production → OceanEx's REST API, sandbox → the built-in sandbox, custom ws(s) URL → http(s)://host[:port].

import type { Endpoint } from '../../shared/ipc/contract';
import { UserFacingError } from './errors';

export function restBaseFor(endpoint: Endpoint, production: string, sandboxRestBase: string | undefined): string {
  switch (endpoint.kind) {
    case 'production':
      return production;
    case 'sandbox':
      if (sandboxRestBase === undefined) throw new UserFacingError('The built-in sandbox is not running, so there is nothing to verify the key against.');
      return sandboxRestBase;
    case 'custom':
      return restBaseForCustom(endpoint.url);
  }
}

function restBaseForCustom(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserFacingError(`The custom endpoint "${url}" is not a valid URL.`);
  }
  const scheme = parsed.protocol === 'wss:' ? 'https:' : parsed.protocol === 'ws:' ? 'http:' : undefined;
  if (scheme === undefined) throw new UserFacingError(`The custom endpoint must start with ws:// or wss:// (got ${parsed.protocol}//).`);
  // URL.host keeps a non-default port ("host:8080") and drops the default one.
  return `${scheme}//${parsed.host}`;
}
