// One sandbox exchange with a demo account for the tests of a file: started before them, closed after them;
// sessions the tests keep are disposed and injected faults cleared after each test.

import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Session } from '../../main/oceanex/session';
import { createDemoAccount, startSandbox, type Sandbox, type SandboxOptions } from '../../main/sandbox/index';
import { keySigner } from './session-helpers';

export interface SandboxFixture {
  /** Set once the file's tests start. */
  readonly sandbox: Sandbox;
  readonly account: ReturnType<typeof createDemoAccount>;
  /** Signs logins as the demo account. */
  signer(): ReturnType<typeof keySigner>;
  /** Disposes `session` after the current test. */
  keep<T extends Session>(session: T): T;
}

export function sandboxForFile(options: Omit<SandboxOptions, 'accounts'>): SandboxFixture {
  let sandbox: Sandbox | undefined;
  let account: ReturnType<typeof createDemoAccount> | undefined;
  const sessions: Session[] = [];
  beforeAll(async () => {
    account = createDemoAccount();
    sandbox = await startSandbox({ ...options, accounts: [account.config] });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  afterEach(async () => {
    sandbox?.faults.clear();
    for (const s of sessions.splice(0)) await s.dispose();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the sandbox starts before the tests of the file');
    return value;
  };
  return {
    get sandbox() {
      return started(sandbox);
    },
    get account() {
      return started(account);
    },
    signer() {
      const { config, privateKeyPem } = started(account);
      return keySigner(privateKeyPem, config.uid, config.api_key);
    },
    keep(session) {
      sessions.push(session);
      return session;
    },
  };
}
