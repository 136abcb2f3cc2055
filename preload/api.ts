// The renderer's whole view of main: named verbs over a Transport, one per channel of the IPC table. No generic
// send/invoke/on is exposed, callbacks receive payloads only, and every subscription returns its unsubscribe function.

import { EVENT_TABLE, INVOKE_TABLE, type EventChannel, type EventMap, type InvokeChannel, type InvokeMap, type Transport } from '../shared/ipc/channels';
import type { Result } from '../shared/ipc/contract';

type RequestVerbs = {
  [C in InvokeChannel as (typeof INVOKE_TABLE)[C]['verb']]: (...args: InvokeMap[C]['args']) => Promise<Result<InvokeMap[C]['result']>>;
};
type EventVerbs = {
  [C in EventChannel as (typeof EVENT_TABLE)[C]['verb']]: (listener: (payload: EventMap[C]) => void) => () => void;
};
export type OceanexApi = RequestVerbs & EventVerbs;

export function createApi(transport: Transport): OceanexApi {
  const api: Record<string, unknown> = {};
  for (const [channel, { verb }] of Object.entries(INVOKE_TABLE)) {
    api[verb] = (...args: unknown[]) =>
      transport.invoke(channel as InvokeChannel, ...args).catch((e: unknown): Result<never> => ({ ok: false, error: errorText(e) }));
  }
  for (const [channel, { verb }] of Object.entries(EVENT_TABLE)) {
    api[verb] = (listener: (payload: unknown) => void) => transport.subscribe(channel as EventChannel, (payload) => listener(payload));
  }
  return api as OceanexApi;
}

/** Electron wraps handler errors in "Error invoking remote method …"; keep only what a person needs. */
function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/^Error invoking remote method '[^']+': (?:Error: )?/, '');
}
