// The renderer's log buffer: capped ring, incremental filter, seq de-duplication, request/reply pairing.
import { describe, expect, it } from 'vitest';
import type { LogEntry, LogLevel } from '../../shared/ipc/contract';
import { frameCode, frameJson, frameLabel, LogStore } from '../../renderer/src/log/logStore';

let seq = 0;
function entry(text: string, level: LogLevel = 'info', extra: Partial<LogEntry> = {}): LogEntry {
  seq++;
  return { seq, time: 1_000 + seq, level, text, ...extra };
}
const shown = (s: LogStore) => Array.from({ length: s.shownCount }, (_, i) => s.shownAt(i)!.text);

describe('LogStore', () => {
  it('keeps only the newest `cap` entries, oldest first, and drops shown entries with them', () => {
    const s = new LogStore(3);
    s.add(['a', 'b', 'c', 'd', 'e'].map((t) => entry(t)));
    expect(s.size).toBe(3);
    expect(shown(s)).toEqual(['c', 'd', 'e']);
    s.setFilter({ level: 'debug', text: 'd' });
    s.add([entry('f')]);
    expect(shown(s)).toEqual(['d']);
    s.add([entry('g'), entry('h')]); // 'd' is no longer among the 3 kept entries
    expect(shown(s)).toEqual([]);
  });

  it('filters by minimum level and case-insensitive text, for old and new entries', () => {
    const s = new LogStore();
    s.add([entry('Ticker reply', 'debug'), entry('slow reply', 'warn'), entry('socket ERROR', 'error')]);
    s.setFilter({ level: 'warn', text: '' });
    expect(shown(s)).toEqual(['slow reply', 'socket ERROR']);
    s.setFilter({ level: 'debug', text: 'error' });
    expect(shown(s)).toEqual(['socket ERROR']);
    s.add([entry('another error', 'info'), entry('fine', 'info')]);
    expect(shown(s)).toEqual(['socket ERROR', 'another error']);
    expect(s.currentFilter).toEqual({ level: 'debug', text: 'error' });
  });

  it('skips entries it has already seen (history overlapping a live batch) and tells subscribers once per change', () => {
    const s = new LogStore();
    let calls = 0;
    const off = s.subscribe(() => calls++);
    const a = entry('a');
    const b = entry('b');
    s.add([a, b]);
    s.add([a, b]);
    expect(s.size).toBe(2);
    expect(calls).toBe(1);
    off();
    s.add([entry('c')]);
    expect(calls).toBe(1);
    expect(s.getVersion()).toBe(2);
  });

  it('pairs an outbound frame with the inbound frame of the same uuid; lone frames stay alone', () => {
    const s = new LogStore();
    s.add([
      entry('→ {"identifier":{"handler":"ToolHandler"},"data":{"action":"timestamp","uuid":"u1"}}', 'debug', { direction: 'out', uuid: 'u1' }),
      entry('← {"type":"ping"}', 'debug', { direction: 'in' }),
      entry('← {"identifier":{"handler":"ToolHandler"},"message":{"action":"timestamp","code":0,"uuid":"u1"}}', 'debug', { direction: 'in', uuid: 'u1' }),
    ]);
    expect(s.pairCount).toBe(2);
    const pair = s.pairAt(0)!;
    expect(pair.out?.uuid).toBe('u1');
    expect(pair.in?.uuid).toBe('u1');
    expect(frameLabel(pair.out)).toBe('ToolHandler/timestamp');
    expect(frameCode(pair.in)).toBe(0);
    expect(frameLabel(s.pairAt(1)!.in)).toBe('ping');
  });

  it('clear empties the view, the pairs and the open requests', () => {
    const s = new LogStore();
    s.add([entry('→ {}', 'debug', { direction: 'out', uuid: 'u2' })]);
    s.clear();
    s.add([entry('← {"message":{"code":"7"}}', 'debug', { direction: 'in', uuid: 'u2' })]);
    expect(s.size).toBe(1);
    expect(s.pairCount).toBe(1);
    expect(s.pairAt(0)!.out).toBeUndefined();
    expect(frameCode(s.pairAt(0)!.in)).toBe(7);
  });

  it('frameJson finds the JSON after a prefix and leaves non-JSON text as it is', () => {
    expect(frameJson('in: {"a":1}')).toEqual({ a: 1 });
    expect(frameJson('no json here')).toBe('no json here');
    expect(frameJson('broken {"a":')).toBe('broken {"a":');
  });
});
