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

  it('finds every control character, in ASCII chunks and in chunks with other characters', () => {
    const controls = [...Array.from({ length: 0x20 }, (_, c) => c), ...Array.from({ length: 0x21 }, (_, c) => 0x7f + c), 0x2028, 0x2029];
    for (const code of controls) {
      if (code === 0x0a) continue; // a line break beyond the joins: covered above
      const c = String.fromCharCode(code);
      expect(chunkHasControls(`one\ntw${c}o`, 2), `U+${code.toString(16)} in an ASCII chunk`).toBe(true);
      expect(chunkHasControls(`€ one\ntw${c}o`, 2), `U+${code.toString(16)} beside non-ASCII text`).toBe(true);
      expect(chunkHasControls(`${c}`, 1), `U+${code.toString(16)} alone`).toBe(true);
    }
    expect(chunkHasControls('€ one\nt\u00a0wo 😀', 2)).toBe(false); // non-ASCII, no control character
    expect(chunkHasControls('€ one\ntwo\nthree', 2)).toBe(true); // a line break beyond the joins, non-ASCII chunk
  });
});
