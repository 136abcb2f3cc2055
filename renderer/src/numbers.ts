// The one number formatter of every view: prices and volumes at a fixed number of decimals (the market's
// precision, or the most a column carries), grouped by thousands, so one column reads at one precision and its
// decimal points line up. Formats the server's decimal text exactly (no float rounding of "0.02516").

/** Beyond this a column is noise, and lightweight-charts refuses more than 8 decimals of precision anyway. */
export const MAX_DECIMALS = 8;

/** Decimals written in a value: "0.02516" → 5, "100000.0" → 1, 3 → 0, "1e-7" → 7. NaN for no number. */
export function decimalsOf(value: unknown): number {
  // Called for every value of every decimal column (10 000 rows × several columns): index arithmetic, no regex.
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : '';
  if (text === '' || !Number.isFinite(Number(text))) return NaN;
  let exp = text.indexOf('e');
  if (exp < 0) exp = text.indexOf('E');
  const end = exp < 0 ? text.length : exp;
  const dot = text.indexOf('.');
  const fraction = dot < 0 || dot > end ? 0 : end - dot - 1;
  return Math.max(0, fraction - (exp < 0 ? 0 : Number(text.slice(exp + 1))));
}

/** The decimals a column shows: the most any of its values carries (at least `min`), capped at MAX_DECIMALS. */
export function columnDecimals(values: Iterable<unknown>, min = 0): number {
  let d = min;
  for (const v of values) {
    const n = decimalsOf(v);
    if (n > d) d = n;
    if (d >= MAX_DECIMALS) break; // nothing more can change the answer
  }
  return Math.min(d, MAX_DECIMALS);
}

/** The most decimals a table cell shows: an exchange string is never rounded below what it carries. */
export const MAX_SHOWN_DECIMALS = 18;

/** Decimals that carry a digit other than a trailing zero: "12312.09000000" → 2, "100000.0" → 0. NaN for no number. */
export function significantDecimalsOf(value: unknown): number {
  const written = decimalsOf(value);
  if (!(written > 0) || typeof value !== 'string') return written;
  const text = value.trim();
  if (text.includes('e') || text.includes('E')) return written;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 48 /* 0 */) end -= 1;
  return Math.max(0, written - (text.length - end));
}

/**
 * The decimals a column of one market shows: the market's precision, widened to any significant digit a value carries
 * (nothing rounded away), at most `max`; without a known precision, the most any value carries (columnDecimals).
 */
export function marketDecimals(values: Iterable<unknown>, precision: number | undefined, max: number = MAX_SHOWN_DECIMALS): number {
  if (precision === undefined) return Math.min(columnDecimals(values), max);
  let d = precision;
  for (const v of values) d = Math.max(d, significantDecimalsOf(v) || 0);
  return Math.min(d, max);
}

/**
 * The decimals one value is shown at: the market's precision when known (more only when the exchange sent more
 * significant digits: nothing is rounded away), else exactly as many as the exchange wrote.
 */
export function shownDecimals(value: unknown, precision: number | undefined): number {
  const written = precision === undefined ? decimalsOf(value) : Math.max(precision, significantDecimalsOf(value) || 0);
  return Number.isFinite(written) ? Math.min(written, MAX_SHOWN_DECIMALS) : 0;
}

const FIGURE_SPACE = '\u2007';
const PUNCTUATION_SPACE = '\u2008';

/**
 * A value at its own decimals, padded on the right with blanks as wide as digits up to `columnDecimals`, so values of
 * markets with different precisions still line up on the decimal point in one right-aligned column.
 */
export function formatAligned(value: unknown, decimals: number, columnDecimals: number): string {
  const text = formatDecimal(value, decimals);
  if (text === '' || columnDecimals <= decimals) return text;
  return `${text}${decimals === 0 ? PUNCTUATION_SPACE : ''}${FIGURE_SPACE.repeat(columnDecimals - decimals)}`;
}

const formats = new Map<number, Intl.NumberFormat>();

/** One Intl.NumberFormat per precision: building one per cell dominates a 400-row ladder. */
function formatFor(decimals: number): Intl.NumberFormat {
  let format = formats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, roundingMode: 'halfExpand' });
    formats.set(decimals, format);
  }
  return format;
}

/**
 * "15903.94" at 4 decimals → "15,903.9400". Decimal strings are formatted from their text (Intl takes them exactly),
 * so a price is never shown at a value it does not have. Empty for anything that is not a number.
 */
export function formatDecimal(value: unknown, decimals: number): string {
  const d = Math.max(0, Math.min(Math.trunc(decimals), MAX_SHOWN_DECIMALS));
  if (typeof value === 'number') return Number.isFinite(value) ? formatFor(d).format(value) : '';
  if (typeof value !== 'string') return '';
  const text = value.trim();
  if (text === '' || !Number.isFinite(Number(text))) return '';
  // Intl.NumberFormat accepts decimal strings and keeps every digit (ES2023 "Intl.NumberFormat v3").
  return formatFor(d).format(text as unknown as number);
}

/** A signed percentage change: "+1.28 %", "−0.06 %" (true minus sign), "0.00 %". */
export function formatPercent(value: unknown, decimals = 2): string {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return '';
  const body = formatFor(decimals).format(Math.abs(n));
  // A change that rounds to zero carries no sign.
  const sign = body === formatFor(decimals).format(0) ? '' : n > 0 ? '+' : '\u2212';
  return `${sign}${body} %`;
}

/** The smallest step at `decimals` (0.001 for 3): the chart's minMove. */
export function minMove(decimals: number): number {
  return Number((10 ** -Math.max(0, Math.min(decimals, MAX_DECIMALS))).toFixed(MAX_DECIMALS));
}

/** lightweight-charts' priceFormat for a market's precision: its axis and price tags then show every decimal. */
export function chartPriceFormat(decimals: number): { type: 'price'; precision: number; minMove: number } {
  const precision = Math.max(0, Math.min(decimals, MAX_DECIMALS));
  return { type: 'price', precision, minMove: minMove(precision) };
}

/** "1 row", "2 rows": counts read as words do. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatDecimal(count, 0)} ${count === 1 ? one : many}`;
}

/** Exact sum of decimal texts ("0.1" + "0.2" → "0.3"), as fixed-point integers at the widest precision. */
export function addDecimals(...values: unknown[]): string {
  const parts = values.map((v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : ''));
  if (parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return '';
  const d = Math.max(...parts.map((p) => p.split('.')[1]?.length ?? 0));
  const scaled = parts.map((p) => {
    const [int = '0', frac = ''] = p.replace('-', '').split('.');
    const n = BigInt(int + frac.padEnd(d, '0'));
    return p.startsWith('-') ? -n : n;
  });
  const sum = scaled.reduce((a, b) => a + b, 0n);
  const digits = (sum < 0n ? -sum : sum).toString().padStart(d + 1, '0');
  const text = d > 0 ? `${digits.slice(0, -d)}.${digits.slice(-d)}` : digits;
  return sum < 0n ? `-${text}` : text;
}
