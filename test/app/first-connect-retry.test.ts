// The app (real controller, real sandbox, real keychain) when its server is not there at first: it keeps
// retrying with the session's back-off and says when the next attempt is (the status bar's countdown), and
// connects once the server appears. The terminal client does not (its user retries with choice 17).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileServer } from '../chaos/hostile-server';
import { SKIP_KEYCHAIN } from '../services/keychain-env';
import { startTestApp, type TestApp } from './harness';

describe.skipIf(SKIP_KEYCHAIN)('app: a failed first connect is retried with the back-off', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.cleanup();
  });

  it('shows the next attempt while the server is away, and connects when it comes', async () => {
    const probe = await startHostileServer();
    const port = probe.port;
    await probe.close(); // nothing listens on this port now
    const url = `ws://127.0.0.1:${port}/ws/v1`;
    const profileId = app.controller.profiles.getSettings().activeProfileId;
    const from = app.events.length;
    await app.controller.profiles.updateProfile({ id: profileId, endpoint: { kind: 'custom', url } });
    const waiting = await app.waitFor('event:session', (s) => s.endpoint === url && s.reconnectAt !== undefined, { after: from });
    expect(waiting.state).toBe('closed');
    expect(waiting.reconnectAt!).toBeGreaterThan(Date.now() - 1_000);
    // A second countdown: it keeps trying, not once.
    await app.waitFor('event:session', (s) => s.endpoint === url && s.reconnectAt !== undefined && s.reconnectAt !== waiting.reconnectAt, { after: from, timeoutMs: 10_000 });
    const server = await startHostileServer(port);
    try {
      await app.waitFor('event:session', (s) => s.endpoint === url && s.state === 'open', { after: from, timeoutMs: 15_000 });
      expect(app.controller.session.status()).toMatchObject({ endpoint: url, state: 'open' });
    } finally {
      await app.controller.profiles.updateProfile({ id: profileId, endpoint: { kind: 'sandbox' } });
      await server.close();
    }
  }, 30_000);
});
