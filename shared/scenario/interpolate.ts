// `${name}` in scenario strings. A string that is exactly one `${name}` becomes that value with its JSON type
// (`"${oid}"` → 42); inside a longer string the value is written as text (`"id-${oid}"` → "id-42"). `$${` is a
// literal `${`. Names: a variable, a value saved by an earlier step, `uuid` (fresh each use), `now_ms`, `env.NAME`.
// One pass over each string, no regular expressions.

import { MAX_INTERPOLATED_CHARS } from './limits';

export type TemplatePart = { readonly text: string } | { readonly ref: string };

export type ScannedTemplate = { readonly ok: true; readonly parts: readonly TemplatePart[] } | { readonly ok: false; readonly error: string };

export const BUILTIN_NAMES: ReadonlySet<string> = new Set(['uuid', 'now_ms', 'env']);

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

/** Whether `ref` is a well-formed reference: `name` or `env.NAME`. */
export function isWellFormedRef(ref: string): boolean {
  const name = ref.startsWith('env.') ? ref.slice(4) : ref;
  if (name.length === 0 || name.length > 128 || !isNameStart(name[0]!)) return false;
  for (const c of name) if (!isNameChar(c)) return false;
  return true;
}

/** Splits a string into literal text and references. */
export function scanTemplate(text: string): ScannedTemplate {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '$' && text[i + 1] === '$' && text[i + 2] === '{') {
      literal += '${';
      i += 3;
    } else if (c === '$' && text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) return { ok: false, error: `"\${" at character ${i + 1} has no closing "}" (write $\${ for a literal \${)` };
      const ref = text.slice(i + 2, close);
      if (!isWellFormedRef(ref)) return { ok: false, error: `"\${${ref.length > 40 ? `${ref.slice(0, 40)}…` : ref}}" is not a variable name (letters, digits and _, or env.NAME)` };
      if (literal !== '') parts.push({ text: literal });
      literal = '';
      parts.push({ ref });
      i = close + 1;
    } else {
      literal += c;
      i++;
    }
  }
  if (literal !== '' || parts.length === 0) parts.push({ text: literal });
  return { ok: true, parts };
}

/** Every reference in a JSON value (strings at any depth), with the first scan error if any. */
export function referencesIn(value: unknown): { readonly refs: readonly string[]; readonly error?: string } {
  const refs: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!v.includes('${')) continue;
      const scanned = scanTemplate(v);
      if (!scanned.ok) return { refs, error: scanned.error };
      for (const part of scanned.parts) if ('ref' in part) refs.push(part.ref);
    } else if (Array.isArray(v)) {
      stack.push(...v);
    } else if (typeof v === 'object' && v !== null) {
      stack.push(...Object.values(v));
    }
  }
  return { refs };
}

/** Looks a reference up; undefined means "not defined (yet)". */
export type Lookup = (ref: string) => { readonly value: unknown } | undefined;

export class InterpolationError extends Error {}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? 'null';
}

/** Resolves one string by the typed whole-value rule. Throws InterpolationError naming what is missing. */
export function interpolateString(text: string, lookup: Lookup): unknown {
  if (!text.includes('$')) return text;
  const scanned = scanTemplate(text);
  if (!scanned.ok) throw new InterpolationError(scanned.error);
  const get = (ref: string): unknown => {
    const found = lookup(ref);
    if (found === undefined) throw new InterpolationError(`\${${ref}} has no value here`);
    return found.value;
  };
  const [first] = scanned.parts;
  if (scanned.parts.length === 1 && first !== undefined && 'ref' in first) return get(first.ref);
  let out = '';
  for (const part of scanned.parts) {
    out += 'ref' in part ? asText(get(part.ref)) : part.text;
    if (out.length > MAX_INTERPOLATED_CHARS) throw new InterpolationError(`a string grows past ${MAX_INTERPOLATED_CHARS} characters through \${…}`);
  }
  return out;
}

/** Resolves every string inside a JSON value (objects and arrays copied; keys are left as written). */
export function interpolateValue(value: unknown, lookup: Lookup): unknown {
  if (typeof value === 'string') return interpolateString(value, lookup);
  if (Array.isArray(value)) return value.map((v) => interpolateValue(v, lookup));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateValue(v, lookup)]));
  }
  return value;
}
