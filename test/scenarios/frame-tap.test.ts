// The app's reply capture for scenarios: exact frames while open, nothing kept while closed, bounded.
import { describe, expect, it } from 'vitest';
import { FrameTap, MAX_TAPPED_CHARS } from '../../main/scenarios/frame-tap';
import { recordingLogger } from '../oceanex/session-helpers';

describe('FrameTap', () => {
  it('keeps inbound frames by uuid only while open, forwards everything, and stays bounded', () => {
    const log = recordingLogger();
    const tap = new FrameTap();
    const logger = tap.wrap(log);
    logger.frame('in', '{"message":{"uuid":"a","extra":1}}', 'a');
    expect(tap.take('a')).toBeUndefined();
    tap.open();
    logger.frame('out', '{"data":{"uuid":"b"}}', 'b');
    logger.frame('in', '{"message":{"uuid":"b","extra":2}}', 'b');
    logger.frame('in', 'x'.repeat(MAX_TAPPED_CHARS + 1), 'big');
    expect(tap.take('b')).toEqual({ message: { uuid: 'b', extra: 2 } });
    expect(tap.take('b')).toBeUndefined();
    expect(tap.take('big')).toBeUndefined();
    for (let i = 0; i < 50; i++) logger.frame('in', `{"n":${i}}`, `u${i}`);
    expect(tap.size).toBe(8);
    expect(tap.take('u49')).toEqual({ n: 49 });
    tap.close();
    expect(tap.size).toBe(0);
    expect(log.frames).toHaveLength(54);
  });
});
