import { describe, expect, it } from 'vitest';
import { capText, chunkHasControls, escapeControls } from '../../main/services/log-text';

describe('log text: caps and control characters', () => {
  it('caps a long text to its head and says how many UTF-8 bytes were cut', () => {
    expect(capText('short', 10)).toBe('short');
    expect(capText('abcdefghij', 4)).toBe('abcd[… 6 bytes cut]');
    expect(capText('ab€€', 2)).toBe('ab[… 6 bytes cut]'); // € is 3 bytes
  });

  it('escapes every control character and line separator, so the text is one line', () => {
    expect(escapeControls('a\nb\r\tc\u001b[2K\u0000\u2028')).toBe('a\\nb\\r\\tc\\u001b[2K\\u0000\\u2028');
    expect(escapeControls('{"plain":"json"}')).toBe('{"plain":"json"}');
  });

  it('finds a control character in a chunk of lines, counting only the joins as legitimate line breaks', () => {
    expect(chunkHasControls('one\ntwo\nthree', 3)).toBe(false);
    expect(chunkHasControls('one\ntw\no\nthree', 3)).toBe(true);
    expect(chunkHasControls('one\ntwo\tx', 2)).toBe(true);
    expect(chunkHasControls('single', 1)).toBe(false);
    expect(chunkHasControls('sin\rgle', 1)).toBe(true);
  });
});
