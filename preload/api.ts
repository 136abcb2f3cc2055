// The renderer's whole view of main: named verbs over a Transport. No generic send/invoke/on is exposed,
// callbacks receive payloads only, and every subscription returns its unsubscribe function.

import type { RawFields } from '../shared/oceanex/catalogue';
import type { EventChannel, EventMap, HistoryQuery, InvokeChannel, InvokeMap, LogQuery, ProfileUpdate, Result, Transport, WatchStart } from '../shared/ipc/contract';

export interface OceanexApi {
  run(choice: number, fields?: RawFields): Promise<Result<InvokeMap['session:run']['result']>>;
  status(): Promise<Result<InvokeMap['session:status']['result']>>;
  connect(): Promise<Result<InvokeMap['session:connect']['result']>>;
  keyInfo(): Promise<Result<InvokeMap['key:info']['result']>>;
  importKey(): Promise<Result<InvokeMap['key:import']['result']>>;
  removeKey(): Promise<Result<InvokeMap['key:remove']['result']>>;
  verifyKey(): Promise<Result<InvokeMap['key:verify']['result']>>;
  getSettings(): Promise<Result<InvokeMap['settings:get']['result']>>;
  updateProfile(update: ProfileUpdate): Promise<Result<InvokeMap['settings:updateProfile']['result']>>;
  addProfile(name: string): Promise<Result<InvokeMap['settings:addProfile']['result']>>;
  removeProfile(id: string): Promise<Result<InvokeMap['settings:removeProfile']['result']>>;
  selectProfile(id: string): Promise<Result<InvokeMap['settings:selectProfile']['result']>>;
  queryLog(query: LogQuery): Promise<Result<InvokeMap['log:query']['result']>>;
  revealLog(): Promise<Result<InvokeMap['log:reveal']['result']>>;
  exportLog(): Promise<Result<InvokeMap['log:export']['result']>>;
  updateStatus(): Promise<Result<InvokeMap['updates:status']['result']>>;
  checkForUpdates(): Promise<Result<InvokeMap['updates:check']['result']>>;
  downloadUpdate(): Promise<Result<InvokeMap['updates:download']['result']>>;
  restartToUpdate(): Promise<Result<InvokeMap['updates:install']['result']>>;
  setAutoCheckForUpdates(on: boolean): Promise<Result<InvokeMap['updates:setAutoCheck']['result']>>;
  onSession(listener: (status: EventMap['event:session']) => void): () => void;
  onHeartbeat(listener: (beat: EventMap['event:heartbeat']) => void): () => void;
  onReply(listener: (reply: EventMap['event:reply']) => void): () => void;
  onLog(listener: (batch: EventMap['event:log']) => void): () => void;
  onKey(listener: (info: EventMap['event:key']) => void): () => void;
  onSettings(listener: (settings: EventMap['event:settings']) => void): () => void;
  onNavigate(listener: (target: EventMap['event:navigate']) => void): () => void;
  onNotice(listener: (notice: EventMap['event:notice']) => void): () => void;
  onUpdate(listener: (status: EventMap['event:update']) => void): () => void;
  sendRaw(frameText: string): Promise<Result<InvokeMap['session:sendRaw']['result']>>;
  history(query?: HistoryQuery): Promise<Result<InvokeMap['history:list']['result']>>;
  resend(historyId: string): Promise<Result<InvokeMap['history:resend']['result']>>;
  exportHistory(): Promise<Result<InvokeMap['history:export']['result']>>;
  startWatch(start: WatchStart): Promise<Result<InvokeMap['watch:start']['result']>>;
  stopWatch(id: string): Promise<Result<InvokeMap['watch:stop']['result']>>;
  watches(): Promise<Result<InvokeMap['watch:list']['result']>>;
  onHistory(listener: (entry: EventMap['event:history']) => void): () => void;
  onWatches(listener: (watches: EventMap['event:watches']) => void): () => void;
  onWatchTick(listener: (tick: EventMap['event:watch']) => void): () => void;
}

export function createApi(transport: Transport): OceanexApi {
  const call = <C extends InvokeChannel>(channel: C, ...args: InvokeMap[C]['args']) =>
    transport.invoke(channel, ...args).catch((e: unknown) => ({ ok: false, error: errorText(e) })) as Promise<Result<InvokeMap[C]['result']>>;
  const listen = <C extends EventChannel>(channel: C, listener: (payload: EventMap[C]) => void) =>
    transport.subscribe(channel, (payload) => listener(payload as EventMap[C]));
  return {
    run: (choice, fields = {}) => call('session:run', choice, fields),
    status: () => call('session:status'),
    connect: () => call('session:connect'),
    keyInfo: () => call('key:info'),
    importKey: () => call('key:import'),
    removeKey: () => call('key:remove'),
    verifyKey: () => call('key:verify'),
    getSettings: () => call('settings:get'),
    updateProfile: (update) => call('settings:updateProfile', update),
    addProfile: (name) => call('settings:addProfile', name),
    removeProfile: (id) => call('settings:removeProfile', id),
    selectProfile: (id) => call('settings:selectProfile', id),
    queryLog: (query) => call('log:query', query),
    revealLog: () => call('log:reveal'),
    exportLog: () => call('log:export'),
    updateStatus: () => call('updates:status'),
    checkForUpdates: () => call('updates:check'),
    downloadUpdate: () => call('updates:download'),
    restartToUpdate: () => call('updates:install'),
    setAutoCheckForUpdates: (on) => call('updates:setAutoCheck', on),
    onSession: (l) => listen('event:session', l),
    onHeartbeat: (l) => listen('event:heartbeat', l),
    onReply: (l) => listen('event:reply', l),
    onLog: (l) => listen('event:log', l),
    onKey: (l) => listen('event:key', l),
    onSettings: (l) => listen('event:settings', l),
    onNavigate: (l) => listen('event:navigate', l),
    onNotice: (l) => listen('event:notice', l),
    onUpdate: (l) => listen('event:update', l),
    sendRaw: (frameText) => call('session:sendRaw', frameText),
    history: (query = {}) => call('history:list', query),
    resend: (historyId) => call('history:resend', historyId),
    exportHistory: () => call('history:export'),
    startWatch: (start) => call('watch:start', start),
    stopWatch: (id) => call('watch:stop', id),
    watches: () => call('watch:list'),
    onHistory: (l) => listen('event:history', l),
    onWatches: (l) => listen('event:watches', l),
    onWatchTick: (l) => listen('event:watch', l),
  };
}

/** Electron wraps handler errors in "Error invoking remote method …"; keep only what a person needs. */
function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/^Error invoking remote method '[^']+': (?:Error: )?/, '');
}
