// Lenient readers for request args: ids as numbers or numeric strings, `market_id` or `market`,
// lists as arrays or comma-separated strings. Each throws ExchangeError with a message a person understands.

import { ARGUMENT_MISSING, BAD_REQUEST } from './codes';
import { ExchangeError } from './exchange';

export type Args = Record<string, unknown>;

function missing(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** An integer from a number or a numeric string; undefined when absent. */
export function optionalInt(args: Args, name: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = args[name];
  if (missing(v)) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ExchangeError(BAD_REQUEST, `${name} does not have a valid value`);
  return n;
}

export function requiredInt(args: Args, name: string, min: number, max?: number): number {
  const n = optionalInt(args, name, min, max);
  if (n === undefined) throw new ExchangeError(ARGUMENT_MISSING, `${name} is missing`);
  return n;
}

/** The first present of `names` as a trimmed lower-case string. */
export function optionalString(args: Args, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = args[name];
    if (missing(v)) continue;
    if (typeof v !== 'string') throw new ExchangeError(BAD_REQUEST, `${name} does not have a valid value`);
    return v.trim().toLowerCase();
  }
  return undefined;
}

export function optionalEnum<T extends string>(args: Args, name: string, options: readonly T[]): T | undefined {
  const v = optionalString(args, name);
  if (v === undefined) return undefined;
  if (!(options as readonly string[]).includes(v)) throw new ExchangeError(BAD_REQUEST, `${name} does not have a valid value`);
  return v as T;
}

/** A list of strings from an array or a comma/space separated string, from the first present of `names`. */
export function optionalStringList(args: Args, ...names: string[]): string[] | undefined {
  for (const name of names) {
    const v = args[name];
    if (missing(v)) continue;
    const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,]+/) : undefined;
    if (!items || items.some((i) => typeof i !== 'string')) throw new ExchangeError(BAD_REQUEST, `${name} does not have a valid value`);
    return (items as string[]).map((i) => i.trim().toLowerCase()).filter((i) => i !== '');
  }
  return undefined;
}

/** Order ids: an array of numbers / numeric strings, a comma-separated string, or a single id. */
export function idList(args: Args, name: string): number[] {
  const v = args[name];
  if (missing(v)) throw new ExchangeError(ARGUMENT_MISSING, `${name} is missing`);
  const items: unknown[] = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,]+/).filter((s) => s !== '') : [v];
  return items.map((item) => {
    const n = typeof item === 'number' ? item : typeof item === 'string' && /^\s*\d+\s*$/.test(item) ? Number(item) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) throw new ExchangeError(BAD_REQUEST, `${name} does not have a valid value`);
    return n;
  });
}
