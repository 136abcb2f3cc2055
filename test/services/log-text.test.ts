import { describe, expect, it } from 'vitest';
import { capText, escapeControls, linesHaveControls } from '../../main/services/log-text';

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

  // Lines as the log writes them: each ends with "\n".
  const lines = (text: string) => Buffer.from(text, 'utf8');

  it('finds a control character in UTF-8 lines, counting only the line ends as legitimate line breaks', () => {
    expect(linesHaveControls(lines('one\ntwo\nthree\n'), 3)).toBe(false);
    expect(linesHaveControls(lines('one\ntw\no\nthree\n'), 3)).toBe(true);
    expect(linesHaveControls(lines('one\ntwo\tx\n'), 2)).toBe(true);
    expect(linesHaveControls(lines('single\n'), 1)).toBe(false);
    expect(linesHaveControls(lines('sin\rgle\n'), 1)).toBe(true);
    expect(linesHaveControls(lines('one\ntwo'), 2)).toBe(true); // not ending in a line end: not our lines
  });

  it('finds every control character, in ASCII lines and in lines with other characters', () => {
    const controls = [...Array.from({ length: 0x20 }, (_, c) => c), ...Array.from({ length: 0x21 }, (_, c) => 0x7f + c), 0x2028, 0x2029];
    for (const code of controls) {
      if (code === 0x0a) continue; // a line break beyond the line ends: covered above
      const c = String.fromCharCode(code);
      expect(linesHaveControls(lines(`one\ntw${c}o\n`), 2), `U+${code.toString(16)} in ASCII lines`).toBe(true);
      expect(linesHaveControls(lines(`€ one\ntw${c}o\n`), 2), `U+${code.toString(16)} beside non-ASCII text`).toBe(true);
      expect(linesHaveControls(lines(`${c}\n`), 1), `U+${code.toString(16)} alone`).toBe(true);
    }
    // Non-ASCII without a control character, including neighbours of the C1 range in UTF-8 (U+00A0, U+00BF: C2 A0,
    // C2 BF) and of U+2028/U+2029 (U+2027, U+202A).
    expect(linesHaveControls(lines('€ one\nt\u00a0wo 😀 \u00bf \u2027 \u202a\n'), 2)).toBe(false);
    expect(linesHaveControls(lines('€ one\ntwo\nthree\n'), 2)).toBe(true); // a line break beyond the line ends, non-ASCII
  });

  it('checks a 1 MB piece of worst-case lines in linear time', () => {
    const worst = lines(`${'\u0085'.repeat(512 * 1024)}\n`); // 1 MB of C2 bytes, each followed by a C1 byte
    const nearMiss = lines(`${'\u00a0'.repeat(512 * 1024)}\n`); // 1 MB of C2 bytes, none a C1 control
    const started = performance.now();
    expect(linesHaveControls(worst, 1)).toBe(true);
    expect(linesHaveControls(nearMiss, 1)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000); // a few ms; a quadratic search would take minutes
  });
});
