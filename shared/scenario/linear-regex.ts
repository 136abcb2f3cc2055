// Regular expressions that run in time linear in the text (RE2's automata, via re2js): `matches` assertions and the
// `pattern` keyword of JSON Schemas both run over what a peer sent, so a backtracking engine would let one reply
// stall the run. RE2 syntax has no look-around and no back-references; a pattern using them is refused when the
// file is checked.

import { RE2JS } from 're2js';
import type { RegExpEngine } from 'ajv/dist/types';

export interface LinearRegex {
  /** Whether the pattern occurs anywhere in the text (like RegExp.prototype.test without flags). */
  test(text: string): boolean;
}

export type CompiledRegex = { readonly ok: true; readonly regex: LinearRegex } | { readonly ok: false; readonly error: string };

export function compileLinear(pattern: string, flags = 0): CompiledRegex {
  try {
    const re = RE2JS.compile(pattern, flags);
    return { ok: true, regex: { test: (text) => re.matcher(text).find() } };
  } catch (error) {
    return { ok: false, error: `the regular expression ${JSON.stringify(pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern)} is not valid RE2 syntax (${(error as Error).message})` };
  }
}

/** The engine Ajv uses for `pattern` and `patternProperties`. */
export const linearRegExpEngine: RegExpEngine = Object.assign(
  (pattern: string): { test: (s: string) => boolean; toString: () => string } => {
    const compiled = compileLinear(pattern);
    if (!compiled.ok) throw new Error(compiled.error);
    return { test: (s) => compiled.regex.test(s), toString: () => pattern };
  },
  { code: 'linearRegExp' },
);
