// Evaluating a step's assertions against its reply frame and round trip. Each failure says which check, what was
// expected and what was there, in words a person reads in a terminal, a JUnit report or the app.

import { toNumber } from './check';
import { interpolateValue, type Lookup } from './interpolate';
import { MAX_QUOTED_CHARS } from './limits';
import type { Assertion, Check, JsonType } from './model';
import { valueAt } from './path';

export interface AssertionFailure {
  /** The assertion as a person wrote it, e.g. `$.message.code equals 0`. */
  readonly assertion: string;
  readonly expected: string;
  readonly actual: string;
}

/** A value quoted in a report: JSON, cut at a bounded length. */
export function quote(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}… (${text.length} characters)` : text;
}

export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'number' || t === 'string' || t === 'boolean' ? t : 'object';
}

/** Deep equality of JSON values (object key order does not matter). Iterative: depth is bounded by the reply. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const stack: Array<[unknown, unknown]> = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    const tx = jsonType(x);
    if (tx !== jsonType(y)) return false;
    if (tx === 'array') {
      const xs = x as unknown[];
      const ys = y as unknown[];
      if (xs.length !== ys.length) return false;
      for (let i = 0; i < xs.length; i++) stack.push([xs[i], ys[i]]);
    } else if (tx === 'object') {
      const xo = x as Record<string, unknown>;
      const yo = y as Record<string, unknown>;
      const keys = Object.keys(xo);
      if (keys.length !== Object.keys(yo).length) return false;
      for (const k of keys) {
        if (!Object.hasOwn(yo, k)) return false;
        stack.push([xo[k], yo[k]]);
      }
    } else if (!(tx === 'number' && Number.isNaN(x) && Number.isNaN(y))) {
      return false;
    }
  }
  return true;
}

function describeCheck(path: string, check: Check, expected: unknown): string {
  switch (check.op) {
    case 'matches':
      return `${path} matches ${JSON.stringify(check.pattern)}`;
    case 'type':
      return `${path} type ${check.type}`;
    case 'exists':
      return `${path} exists ${String(check.value)}`;
    case 'schema':
      return `${path} schema`;
    default:
      return `${path} ${check.op} ${quote(expected)}`;
  }
}

/** Runs one check on the value at its path; returns a failure or undefined. `lookup` resolves `${…}` in expected values. */
function runCheck(path: string, check: Check, found: boolean, actual: unknown, lookup: Lookup): AssertionFailure | undefined {
  const expected = check.op === 'equals' || check.op === 'below' || check.op === 'above' ? interpolateValue(check.value, lookup) : undefined;
  const failure = (expectedText: string, actualText: string): AssertionFailure => ({ assertion: describeCheck(path, check, expected), expected: expectedText, actual: actualText });
  if (check.op === 'exists') return found === check.value ? undefined : failure(check.value ? 'present' : 'absent', found ? `present: ${quote(actual)}` : 'absent');
  if (!found) return failure(check.op === 'type' ? check.type : check.op === 'matches' ? `text matching ${JSON.stringify(check.pattern)}` : quote(expected), '(missing)');
  switch (check.op) {
    case 'equals':
      return jsonEqual(actual, expected) ? undefined : failure(quote(expected), quote(actual));
    case 'matches': {
      const text = typeof actual === 'string' ? actual : typeof actual === 'number' ? String(actual) : undefined;
      if (text === undefined) return failure(`text matching ${JSON.stringify(check.pattern)}`, `${jsonType(actual)} ${quote(actual)}`);
      return check.regex.test(text) ? undefined : failure(`text matching ${JSON.stringify(check.pattern)}`, quote(actual));
    }
    case 'type':
      return jsonType(actual) === check.type ? undefined : failure(check.type, `${jsonType(actual)} ${quote(actual)}`);
    case 'below':
    case 'above': {
      const bound = toNumber(expected);
      if (bound === undefined) return failure(`a number ${check.op} ${quote(expected)}`, `the bound ${quote(expected)} is not a number`);
      const n = toNumber(actual);
      const words = `${check.op === 'below' ? '<' : '>'} ${quote(expected)}`;
      if (n === undefined) return failure(words, `${jsonType(actual)} ${quote(actual)} (not a number)`);
      return (check.op === 'below' ? n < bound : n > bound) ? undefined : failure(words, quote(actual));
    }
    case 'schema': {
      const error = check.validate(actual);
      return error === undefined ? undefined : failure('a value valid against the schema', error.length > MAX_QUOTED_CHARS * 2 ? `${error.slice(0, MAX_QUOTED_CHARS * 2)}…` : error);
    }
  }
}

/** Every failure of a step's assertions. `reply` is the reply frame (undefined for steps without one). */
export function evaluateAssertions(assertions: readonly Assertion[], reply: unknown, rttMs: number, lookup: Lookup): { failures: AssertionFailure[]; checked: number } {
  const failures: AssertionFailure[] = [];
  let checked = 0;
  for (const assertion of assertions) {
    if (assertion.kind === 'rtt') {
      for (const op of ['below', 'above'] as const) {
        if (assertion[op] === undefined) continue;
        checked++;
        const bound = toNumber(interpolateValue(assertion[op], lookup));
        const ok = bound !== undefined && (op === 'below' ? rttMs < bound : rttMs > bound);
        if (!ok) failures.push({ assertion: `rtt_ms ${op} ${String(bound)}`, expected: `${op === 'below' ? '<' : '>'} ${String(bound)} ms`, actual: `${rttMs} ms` });
      }
      continue;
    }
    const { found, value } = valueAt(reply, assertion.path.segments);
    for (const check of assertion.checks) {
      checked++;
      let failure: AssertionFailure | undefined;
      try {
        failure = runCheck(assertion.path.text, check, found, value, lookup);
      } catch (error) {
        failure = { assertion: describeCheck(assertion.path.text, check, undefined), expected: '(could not be computed)', actual: (error as Error).message };
      }
      if (failure) failures.push(failure);
    }
  }
  return { failures, checked };
}
