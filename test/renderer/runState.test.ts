// The state behind useRunner: one path for replies into the screens (invoke results and event:reply, deduplicated
// by uuid), stale field errors and acks cleared, a run counter that moves focus once per finished run.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../shared/oceanex/messages';
import type { ReplyEvent } from '../../shared/ipc/contract';
import { reduceRun, type RunAction, type RunStates } from '../../renderer/src/hooks/runState';

const defaults = (choice: number): Readonly<Record<string, string>> => (choice === 6 ? { side: 'buy' } : {});
const run = (actions: readonly RunAction[], from: RunStates = new Map()) => actions.reduce((s, a) => reduceRun(s, a, defaults), from);

function reply(uuid: string, choice = 13): ReplyEvent {
  const r = { handler: 'ToolHandler', action: 'timestamp', code: 0, outcome: 'timestamp', data: 1_700_000_000, uuid } as unknown as Reply;
  return { choice, uuid, reply: r, rttMs: 12 };
}

describe('runState', () => {
  it('shows the reply of a run the menu started (event:reply only) on its screen', () => {
    const s = run([{ type: 'reply', event: reply('u1'), at: 5 }]).get(13)!;
    expect(s.outcome?.uuid).toBe('u1');
    expect(s.outcome?.summary).toContain('timestamp');
    expect(s.finishedAt).toBe(5);
    expect(s.runCount).toBe(1);
  });

  it('keeps one outcome when the event and the invoke result carry the same reply, in either order', () => {
    const event = reply('u2');
    const result = { ok: true as const, value: { choice: 13, uuid: 'u2', reply: event.reply, rttMs: 12, summary: 'received timestamp.', sent: { frame: 1 } } };
    for (const order of [
      [{ type: 'reply', event, at: 2 }, { type: 'result', choice: 13, result, at: 3 }],
      [{ type: 'result', choice: 13, result, at: 2 }, { type: 'reply', event, at: 3 }],
    ] as RunAction[][]) {
      const s = run([{ type: 'start', choice: 13, at: 1 }, ...order]).get(13)!;
      expect(s.running).toBe(false);
      expect(s.outcome?.uuid).toBe('u2');
      expect(s.outcome?.sent).toEqual({ frame: 1 });
      expect(s.finishedAt).toBe(2);
      expect(s.runCount).toBe(1);
    }
  });

  it('drops a field error once its field is edited, keeps the others', () => {
    const s = run([
      { type: 'fields', choice: 6, fields: { side: 'buy', price: 'abc', volume: '' } },
      { type: 'invalid', choice: 6, errors: { price: 'not a number', volume: 'required' } },
      { type: 'fields', choice: 6, fields: { side: 'buy', price: '0.5', volume: '' } },
    ]).get(6)!;
    expect(s.fieldErrors).toEqual({ volume: 'required' });
    expect(s.fields).toEqual({ side: 'buy', price: '0.5', volume: '' });
  });

  it('a form that fails validation no longer shows the previous ack or refusal', () => {
    const ack = { ok: true as const, value: { choice: 6, uuid: 'u3', summary: 'received order ack. order id: 1' } };
    const s = run([
      { type: 'start', choice: 6, at: 1 },
      { type: 'result', choice: 6, result: ack, at: 2 },
      { type: 'invalid', choice: 6, errors: { price: 'required' } },
    ]).get(6)!;
    expect(s.outcome).toBeUndefined();
    expect(s.error).toBeUndefined();
    expect(s.fieldErrors).toEqual({ price: 'required' });
    expect(s.fields).toEqual({ side: 'buy' });
  });

  it('a local refusal replaces the outcome; a new start clears the refusal', () => {
    const refused = run([
      { type: 'reply', event: reply('u4'), at: 1 },
      { type: 'start', choice: 13, at: 2 },
      { type: 'result', choice: 13, result: { ok: false, error: 'Not connected.' }, at: 3 },
    ]);
    expect(refused.get(13)).toMatchObject({ running: false, error: 'Not connected.', outcome: undefined, runCount: 2 });
    expect(run([{ type: 'start', choice: 13, at: 4 }], refused).get(13)).toMatchObject({ running: true, error: undefined, startedAt: 4 });
  });
});

describe('no stale words (#19 item 10)', () => {
  it('editing the form clears the previous run’s refusal, keeps its reply', () => {
    const refused = { ok: false as const, error: 'Not done: the confirmation was answered No (or closed).' };
    const s = run([
      { type: 'fields', choice: 6, fields: { side: 'buy', price: '0.5' } },
      { type: 'start', choice: 6, at: 1 },
      { type: 'result', choice: 6, result: refused, at: 2 },
    ]).get(6)!;
    expect(s.error).toContain('answered No');
    const same = reduceRun(new Map([[6, s]]), { type: 'fields', choice: 6, fields: { side: 'buy', price: '0.5' } }, defaults).get(6)!;
    expect(same.error).toContain('answered No');
    const edited = reduceRun(new Map([[6, s]]), { type: 'fields', choice: 6, fields: { side: 'buy', price: '0.6' } }, defaults).get(6)!;
    expect(edited.error).toBeUndefined();
  });
});
