// The terminal client's memory of recent replies stays bounded by count and by bytes, whatever a peer sends.
import { describe, expect, it } from 'vitest';
import { KEPT_CHARS, RecentInbound } from '../../main/cli/recent-inbound';
import { DEFAULT_MAX_PAYLOAD_BYTES } from '../../main/oceanex/frame-limits';
import type { SessionLogger } from '../../main/oceanex/session-api';

const quiet: SessionLogger = { frame: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A JSON reply of exactly `chars` characters carrying `uuid`. */
function reply(uuid: string, chars: number): string {
  const head = `{"uuid":"${uuid}","pad":"`;
  return `${head}${'x'.repeat(chars - head.length - 2)}"}`;
}

describe('RecentInbound', () => {
  it('keeps replies by uuid and hands each out once', () => {
    const recent = new RecentInbound();
    const log = recent.wrap(quiet);
    log.frame('in', '{"code":0,"uuid":"a"}', 'a');
    log.frame('out', '{"uuid":"b"}', 'b');
    expect(recent.take('a')).toEqual({ code: 0, uuid: 'a' });
    expect(recent.take('a')).toBeUndefined();
    expect(recent.take('b')).toBeUndefined(); // outbound frames are not kept
    expect(recent.heldChars).toBe(0);
  });

  it('holds at most two of the largest frames, dropping the oldest, at the frame size cap', () => {
    const recent = new RecentInbound();
    const log = recent.wrap(quiet);
    for (const uuid of ['u1', 'u2', 'u3', 'u4']) {
      log.frame('in', reply(uuid, DEFAULT_MAX_PAYLOAD_BYTES), uuid);
      expect(recent.heldChars).toBeLessThanOrEqual(KEPT_CHARS);
    }
    expect(recent.heldChars).toBe(2 * DEFAULT_MAX_PAYLOAD_BYTES);
    expect(recent.take('u1')).toBeUndefined();
    expect(recent.take('u2')).toBeUndefined();
    expect((recent.take('u3') as { uuid: string }).uuid).toBe('u3');
    expect((recent.take('u4') as { uuid: string }).uuid).toBe('u4');
    expect(recent.heldChars).toBe(0);
  });

  it('always keeps the newest reply, even one larger than the bound', () => {
    const recent = new RecentInbound();
    const log = recent.wrap(quiet);
    log.frame('in', reply('small', 100), 'small');
    log.frame('in', reply('huge', KEPT_CHARS + 1), 'huge');
    expect(recent.heldChars).toBe(KEPT_CHARS + 1);
    expect(recent.take('small')).toBeUndefined();
    expect((recent.take('huge') as { uuid: string }).uuid).toBe('huge');
  });

  it('keeps at most 64 small replies', () => {
    const recent = new RecentInbound();
    const log = recent.wrap(quiet);
    for (let i = 0; i < 100; i++) log.frame('in', `{"i":${i}}`, `u${i}`);
    expect(recent.take('u35')).toBeUndefined();
    expect(recent.take('u36')).toEqual({ i: 36 });
    expect(recent.take('u99')).toEqual({ i: 99 });
  });

  it('a repeated uuid replaces its reply without counting it twice', () => {
    const recent = new RecentInbound();
    const log = recent.wrap(quiet);
    log.frame('in', '{"n":1}', 'same');
    log.frame('in', '{"n":22}', 'same');
    expect(recent.heldChars).toBe('{"n":22}'.length);
    expect(recent.take('same')).toEqual({ n: 22 });
  });
});
