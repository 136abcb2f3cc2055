// Exact decimal arithmetic for balances, prices and volumes: BigInt fixed-point with 18 decimals.
// Never floating point for money: every balance change in the sandbox goes through these functions.

export type Amount = bigint;

export const DECIMALS = 18;
export const SCALE = 10n ** BigInt(DECIMALS);
export const ZERO: Amount = 0n;

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a decimal string or JSON number ("0.75", 1000, "1e-7") exactly.
 * Returns undefined for anything that is not a finite decimal or has more than 18 decimal places.
 */
export function parseAmount(input: unknown): Amount | undefined {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return undefined;
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    return undefined;
  }
  const m = DECIMAL_RE.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return undefined;
  let digits = intPart + fracPart;
  let exponent = -fracPart.length + (m[4] ? Number(m[4]) : 0);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 100) return undefined;
  // Drop trailing zeros so "1.000000000000000000000" still parses.
  while (exponent < 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exponent += 1;
  }
  if (digits === '') return ZERO;
  if (-exponent > DECIMALS) return undefined;
  const value = BigInt(digits) * 10n ** BigInt(exponent + DECIMALS);
  return sign * value;
}

/** "1000.0", "0.75", "-3.5": trailing zeros trimmed, at least one decimal (as OceanEx prints decimals). */
export function formatAmount(a: Amount): string {
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const int = abs / SCALE;
  let frac = (abs % SCALE).toString().padStart(DECIMALS, '0').replace(/(?<!0)0+$/, '');
  if (frac === '') frac = '0';
  return `${negative ? '-' : ''}${int.toString()}.${frac}`;
}

/** For JSON numbers where the spec wants numbers (k-lines). Display only, never fed back into balances. */
export function toNumber(a: Amount): number {
  return Number(formatAmount(a));
}

/** a × b, truncated toward zero to 18 decimals. */
export function mul(a: Amount, b: Amount): Amount {
  return (a * b) / SCALE;
}

/** a ÷ b, truncated toward zero to 18 decimals. */
export function div(a: Amount, b: Amount): Amount {
  if (b === 0n) throw new RangeError('division by zero');
  return (a * SCALE) / b;
}

/** 10^(18 − d) for d = 0..18, computed once: rounding and precision checks run for every order. */
const UNITS: readonly Amount[] = Array.from({ length: DECIMALS + 1 }, (_, d) => 10n ** BigInt(DECIMALS - d));

function unit(decimals: number): Amount {
  const u = UNITS[decimals];
  if (u === undefined) throw new RangeError(`precision ${decimals} out of range`);
  return u;
}

/** Rounds toward negative infinity to `decimals` places. */
export function floorTo(a: Amount, decimals: number): Amount {
  const u = unit(decimals);
  const r = a % u;
  return r === 0n ? a : a >= 0n ? a - r : a - r - u;
}

/** Rounds toward positive infinity to `decimals` places. */
export function ceilTo(a: Amount, decimals: number): Amount {
  const u = unit(decimals);
  const r = a % u;
  return r === 0n ? a : a >= 0n ? a - r + u : a - r;
}

/** The smallest step at `decimals` places, e.g. 0.01 for 2. */
export function stepOf(decimals: number): Amount {
  return unit(decimals);
}

/** True when `a` has no digits beyond `decimals` places. */
export function hasAtMostDecimals(a: Amount, decimals: number): boolean {
  return a % unit(decimals) === 0n;
}

export function minAmount(a: Amount, b: Amount): Amount {
  return a < b ? a : b;
}

export function maxAmount(a: Amount, b: Amount): Amount {
  return a > b ? a : b;
}

export function amount(text: string): Amount {
  const a = parseAmount(text);
  if (a === undefined) throw new RangeError(`not a decimal: ${text}`);
  return a;
}
