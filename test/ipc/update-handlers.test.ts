// The updates:* IPC handlers: arguments parsed like every other channel, answers from the UpdateService, and a
// clear refusal where the app has no updater (the browser tests' harness, builds that cannot update themselves).
import { describe, expect, it } from 'vitest';
import type { App } from '../../main/app/app';
import { createHandlers, type DialogPort } from '../../main/ipc/handlers';
import { UpdateService } from '../../main/services/updates/update-service';
import { cancellingDialogs } from '../app/dialogs';

const dialogs: DialogPort = cancellingDialogs();
// The updates:* handlers never reach the controller; the others are tested against a real one in handlers.test.ts.
const noController = {} as App;
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function service(saved: boolean[]): UpdateService {
  return new UpdateService({
    engine: undefined,
    unavailableReason: 'This is a development build: updates are only for installed releases.',
    currentVersion: '0.1.0',
    log: quiet,
    emit: () => undefined,
    activity: () => ({ unknownOrders: 0, inFlight: 0 }),
    autoCheck: { get: () => saved.at(-1) ?? true, set: (on) => void saved.push(on) },
  });
}

describe('updates:* handlers', () => {
  it('answer with the updater status; a build that cannot update says why', async () => {
    const handlers = createHandlers(noController, dialogs, service([]));
    expect(await handlers['updates:status']()).toEqual({
      ok: true,
      value: { phase: 'unavailable', currentVersion: '0.1.0', autoCheck: true, message: 'This is a development build: updates are only for installed releases.' },
    });
    expect(await handlers['updates:check']()).toMatchObject({ ok: true, value: { phase: 'unavailable' } });
    expect(await handlers['updates:download']()).toMatchObject({ ok: true, value: { phase: 'unavailable' } });
    expect(await handlers['updates:install']()).toMatchObject({ ok: true, value: { phase: 'unavailable' } });
  });

  it('updates:setAutoCheck takes exactly one boolean and saves it', async () => {
    const saved: boolean[] = [];
    const handlers = createHandlers(noController, dialogs, service(saved));
    expect(await handlers['updates:setAutoCheck'](false)).toMatchObject({ ok: true, value: { autoCheck: false } });
    expect(saved).toEqual([false]);
    expect(await handlers['updates:setAutoCheck']('no')).toEqual({
      ok: false,
      error: 'The request to updates:setAutoCheck was not understood (0): Invalid input: expected boolean, received string',
    });
    expect(await handlers['updates:setAutoCheck'](true, true)).toMatchObject({ ok: false });
    expect(await handlers['updates:check']('now')).toMatchObject({ ok: false });
    expect(saved).toEqual([false]);
  });

  it('without an updater every updates:* channel refuses plainly', async () => {
    const handlers = createHandlers(noController, dialogs);
    for (const channel of ['updates:status', 'updates:check', 'updates:download', 'updates:install'] as const) {
      expect(await handlers[channel]()).toEqual({ ok: false, error: 'Automatic updates are not available in this build.' });
    }
    expect(await handlers['updates:setAutoCheck'](true)).toEqual({ ok: false, error: 'Automatic updates are not available in this build.' });
  });
});
