// The runner against a scripted peer on loopback: replies read exactly as received, values saved and used with
// their JSON type, a missing saved value fails its step (not the run), raw frames get a fresh uuid.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkScenario } from '../../shared/scenario/check';
import { runScenario } from '../../main/scenarios/runner';
import { Session } from '../../main/oceanex/session';
import { recordingLogger } from '../oceanex/session-helpers';
import { argsOf, handlerOf, startScriptedServer, type ScriptedServer } from '../oceanex/scripted-server';

let server: ScriptedServer;
let session: Session;

beforeEach(async () => {
  server = await startScriptedServer();
  server.onRequest((peer, frame) => {
    const uuid = (frame['data'] as { uuid: string }).uuid;
    const action = (frame['data'] as { action: string }).action;
    if (handlerOf(frame) === 'ToolHandler/timestamp') {
      // A key the client's reply parser does not keep: only the frame as received has it.
      peer.send({ identifier: { handler: 'ToolHandler' }, message: { action, code: 0, data: 1700000000, uuid, server_note: 'exact' } });
    } else if (handlerOf(frame) === 'OrderHandler/show') {
      peer.send({ identifier: { handler: 'OrderHandler' }, message: { action, code: 0, data: { id: argsOf(frame)['id'], state: 'wait' }, uuid } });
    }
  });
  session = new Session({ url: server.url, autoReconnect: false, logger: recordingLogger() });
  await session.connect();
});

afterEach(async () => {
  await session.dispose();
  await server.close();
});

function scenario(text: string) {
  const r = checkScenario(text, { env: {} });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return r.scenario;
}

const TEXT = `name: r
vars: { fallback: 7 }
steps:
  - name: time
    choice: 13
    expect: [{ path: "$.message.server_note", equals: exact }]
    save: { t: "$.message.data", missing_later: "$.message.nothing" }
  - name: show by saved number
    choice: 10
    fields: { id: "\${fallback}" }
    expect:
      - { path: "$.message.data.id", equals: "\${fallback}" }
      - { path: "$.message.data.id", type: number }
  - name: uses a value never saved
    choice: 10
    fields: { id: "\${missing_later}" }
  - name: raw without uuid
    send: { identifier: { handler: ToolHandler }, command: message, data: { action: timestamp } }
    expect: [{ path: "$.message.data", equals: "\${t}" }]
`;

describe('runScenario', () => {
  it('asserts on the reply as received, saves typed values, and fails only the step that lacks one', async () => {
    // Choice 10 is private: log the session in as far as the runner's checks go (the scripted peer does not care).
    Object.defineProperty(session, 'loggedIn', { get: () => true });
    const result = await runScenario(scenario(TEXT), { session, signer: undefined, allowOrder: () => false, env: {} });
    expect(result.steps.map((s) => [s.name, s.status, s.error ?? s.failures.map((f) => f.assertion).join()])).toEqual([
      ['time', 'failed', 'save missing_later from $.message.nothing'],
      ['show by saved number', 'passed', ''],
      ['uses a value never saved', 'failed', 'not sent: ${missing_later} has no value here'],
      ['raw without uuid', 'passed', ''],
    ]);
    const raw = server.received.filter((f) => f.json && handlerOf(f.json) === 'ToolHandler/timestamp').at(-1)!.json!;
    expect((raw['data'] as { uuid: string; args: unknown }).uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect((raw['data'] as { args: unknown }).args).toEqual({});
    expect(argsOf(server.received.find((f) => f.json && handlerOf(f.json) === 'OrderHandler/show')!.json!)).toEqual({ id: 7 });
  });

  it('every run sees the frame as received: a key the reply parser drops is there (the result carries the text)', async () => {
    const result = await runScenario(scenario('name: r\nsteps:\n  - { name: time, choice: 13, expect: [{ path: "$.message.server_note", exists: true }] }\n'), {
      session,
      signer: undefined,
      allowOrder: () => false,
      env: {},
    });
    expect(result.steps[0]!.status).toBe('passed');
    expect(result.steps[0]!.failures).toEqual([]);
  });
});
