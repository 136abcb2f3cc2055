// The string literals values enter generated programs through: seeded random strings over the whole Unicode range
// (controls, quotes, backslashes, line separators, lone surrogates, astral characters) must evaluate back to
// exactly themselves in Node and in Python, and the literal must be plain ASCII.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { jsString, pythonString } from '../../shared/codegen/literals';
import { PYTHON } from './run-program';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TRICKY = [0x00, 0x07, 0x0a, 0x0d, 0x09, 0x0b, 0x0c, 0x1b, 0x22, 0x27, 0x5c, 0x60, 0x24, 0x7b, 0x7f, 0x85, 0xa0, 0x2028, 0x2029, 0x202e, 0xfeff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0x1f600, 0x10ffff];

function randomStrings(count: number): string[] {
  const random = seeded(22);
  const strings: string[] = [];
  for (let n = 0; n < count; n++) {
    let text = '';
    const length = Math.floor(random() * 24);
    for (let i = 0; i < length; i++) {
      const pick = random();
      const cp = pick < 0.5 ? TRICKY[Math.floor(random() * TRICKY.length)]! : pick < 0.8 ? Math.floor(random() * 0x80) : Math.floor(random() * 0x110000);
      text += cp > 0xffff ? String.fromCodePoint(cp) : String.fromCharCode(cp); // lone surrogates stay lone
    }
    strings.push(text);
  }
  return strings;
}

const STRINGS = randomStrings(2000);

describe('generated string literals', () => {
  it('evaluate back to the exact string in JavaScript and are plain ASCII', () => {
    for (const text of STRINGS) {
      const literal = jsString(text);
      expect(literal).toMatch(/^'[\x20-\x7e]*'$/);
      expect(new Function(`return ${literal};`)()).toBe(text);
    }
  });

  it('evaluate back to the exact string in Python and are plain ASCII', () => {
    for (const text of STRINGS) expect(pythonString(text)).toMatch(/^'[\x20-\x7e]*'$/);
    // Python prints each value's code points; JavaScript's code points of the same strings must match.
    const script = `import json\nvalues = [\n${STRINGS.map((s) => `    ${pythonString(s)},`).join('\n')}\n]\nprint(json.dumps([[ord(c) for c in v] for v in values]))\n`;
    const output = execFileSync(PYTHON, ['-c', script], { encoding: 'utf8' });
    const expected = STRINGS.map((s) => [...s].map((c) => c.codePointAt(0)));
    expect(JSON.parse(output)).toEqual(expected);
  });
});
