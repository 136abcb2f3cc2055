// Paths into a reply frame: `$`, then `.key`, `["any key"]` and `[n]` (a negative n counts from the end).
// One left-to-right pass over the path text, no regular expressions: linear in its length.

import { MAX_PATH_CHARS } from './limits';

export type PathSegment = { readonly key: string } | { readonly index: number };

export type ParsedPath = { readonly ok: true; readonly segments: readonly PathSegment[] } | { readonly ok: false; readonly error: string };

function isIdentChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '-' || c === '$';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export function parsePath(text: string): ParsedPath {
  const fail = (at: number, what: string): ParsedPath => ({ ok: false, error: `path ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}: ${what} at character ${at + 1}` });
  if (text.length > MAX_PATH_CHARS) return { ok: false, error: `a path has at most ${MAX_PATH_CHARS} characters (this one has ${text.length})` };
  if (text[0] !== '$') return fail(0, 'must start with $');
  const segments: PathSegment[] = [];
  let i = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '.') {
      const start = ++i;
      while (i < text.length && isIdentChar(text[i]!)) i++;
      if (i === start) return fail(start, 'expected a key after "." (use ["…"] for keys with other characters)');
      segments.push({ key: text.slice(start, i) });
    } else if (c === '[') {
      i++;
      const q = text[i];
      if (q === '"' || q === "'") {
        let key = '';
        i++;
        while (i < text.length && text[i] !== q) {
          if (text[i] === '\\' && i + 1 < text.length) i++;
          key += text[i];
          i++;
        }
        if (text[i] !== q) return fail(i, `unterminated ${q}`);
        i++;
        if (text[i] !== ']') return fail(i, 'expected ]');
        i++;
        segments.push({ key });
      } else {
        const start = i;
        if (text[i] === '-') i++;
        if (!isDigit(text[i])) return fail(i, 'expected an index such as [0] or [-1], or a quoted key such as ["sell/buy"]');
        while (isDigit(text[i])) i++;
        if (i - start > 10) return fail(start, 'index too large');
        if (text[i] !== ']') return fail(i, 'expected ]');
        segments.push({ index: Number(text.slice(start, i)) });
        i++;
      }
    } else {
      return fail(i, `unexpected "${c}" (expected . or [)`);
    }
  }
  return { ok: true, segments };
}

/** The value at the path, or `found: false` when some segment is missing (or indexes into the wrong type). */
export function valueAt(root: unknown, segments: readonly PathSegment[]): { readonly found: boolean; readonly value: unknown } {
  let current: unknown = root;
  for (const segment of segments) {
    if ('key' in segment) {
      if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, segment.key)) return { found: false, value: undefined };
      current = (current as Record<string, unknown>)[segment.key];
    } else {
      if (!Array.isArray(current)) return { found: false, value: undefined };
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      if (index < 0 || index >= current.length) return { found: false, value: undefined };
      current = current[index];
    }
  }
  return { found: true, value: current };
}
