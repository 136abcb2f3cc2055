// Scenario text (YAML, or JSON — JSON is YAML) → a plain JSON value, with a way back from any part of the value to
// its line and column. Limits are checked before the YAML parser sees the text: its composer recurses per level
// of nesting, so a file of 100 000 "[" would exhaust it. The lexer that checks them is linear and never recurses.

import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { MAX_ALIASES, MAX_DEPTH, MAX_DIAGNOSTICS, MAX_INDENT, MAX_NODES, MAX_SCENARIO_BYTES } from './limits';

/** A problem in a scenario file, at a 1-based line and column. */
export interface Diagnostic {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type PathKey = string | number;

export interface ParsedSource {
  readonly value: unknown;
  /** Where the value at `path` starts; `key: true` points at the key of the last segment (for "unknown key"). */
  position(path: readonly PathKey[], key?: boolean): { readonly line: number; readonly column: number };
}

export type SourceResult = { readonly ok: true; readonly source: ParsedSource } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const START = { line: 1, column: 1 };

export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Flow nesting ([ {), indentation and compact block indicators, from the lexer's tokens: one linear pass. */
function checkShape(text: string, lines: LineCounter): Diagnostic | undefined {
  let offset = 0;
  let flow = 0;
  let lineStart = true;
  let indicatorsOnLine = 0;
  const at = (): { line: number; column: number } => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      flow++;
      if (flow > MAX_DEPTH) return { ...at(), message: `nesting is deeper than ${MAX_DEPTH} levels of [ ] or { }` };
    } else if (token === ']' || token === '}') {
      flow = Math.max(0, flow - 1);
    } else if (token === '\n' || token === '\r\n') {
      lineStart = true;
      indicatorsOnLine = 0;
    } else if (lineStart && token.length > 0 && token.trim() === '' && token[0] === ' ') {
      if (token.length > MAX_INDENT) return { ...at(), message: `a line is indented by ${token.length} columns; at most ${MAX_INDENT} are allowed` };
    } else if (token === '-' || token === '?' || token === ':') {
      if (++indicatorsOnLine > MAX_DEPTH) return { ...at(), message: `more than ${MAX_DEPTH} nested "-", "?" or ":" on one line` };
    }
    if (token !== '\n' && token !== '\r\n' && token.trim() !== '') lineStart = false;
    // Control tokens (document start, scalar markers) occupy no source characters.
    if (token.length !== 1 || token.charCodeAt(0) >= 0x20 || token === '\n' || token === '\t') offset += token.length;
  }
  return undefined;
}

/** Depth and size of the composed tree, walked without recursion; aliases count as one node (resolved later). */
function checkTree(doc: Document.Parsed, lines: LineCounter): Diagnostic | undefined {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 1 }];
  let count = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || node === undefined) continue;
    if (++count > MAX_NODES) return { ...START, message: `the file holds more than ${MAX_NODES} values` };
    if (isMap(node) || isSeq(node)) {
      if (depth > MAX_DEPTH) {
        const p = lines.linePos(node.range?.[0] ?? 0);
        return { line: p.line, column: p.col, message: `nesting is deeper than ${MAX_DEPTH} levels` };
      }
      for (const item of node.items) {
        if (isPair(item)) {
          stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
        } else stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  // The YAML library appends " at line L, column C:"; the diagnostic carries the position itself.
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Parses scenario text, refusing anything over the limits with the place and the limit. Never throws. */
export function parseScenarioSource(text: string): SourceResult {
  const bytes = utf8Bytes(text);
  if (bytes > MAX_SCENARIO_BYTES) {
    return { ok: false, diagnostics: [{ ...START, message: `the file is ${bytes} bytes; a scenario file holds at most ${MAX_SCENARIO_BYTES} bytes (${MAX_SCENARIO_BYTES / 1024} KiB)` }] };
  }
  if (text.trim() === '') return { ok: false, diagnostics: [{ ...START, message: 'the file is empty' }] };
  const lines = new LineCounter();
  // The lexer fills the line counter only through the parser; compute line starts directly for the shape check.
  lines.addNewLine(0);
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines.addNewLine(i + 1);
  const shape = checkShape(text, lines);
  if (shape !== undefined) return { ok: false, diagnostics: [shape] };

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, version: '1.2', schema: 'core', merge: false });
  } catch (error) {
    return { ok: false, diagnostics: [{ ...START, message: `the file could not be read as YAML or JSON: ${(error as Error).message}` }] };
  }
  const problems = [...doc.errors, ...doc.warnings].slice(0, MAX_DIAGNOSTICS).map((e): Diagnostic => {
    const p = lines.linePos(e.pos[0]);
    const message = e.code === 'TAG_RESOLVE_FAILED' ? 'tags such as !name are not used in scenario files' : firstLine(e.message);
    return { line: p.line, column: p.col, message: /call stack/i.test(message) ? `nesting is deeper than ${MAX_DEPTH} levels` : message };
  });
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  const tree = checkTree(doc, lines);
  if (tree !== undefined) return { ok: false, diagnostics: [tree] };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const message = (error as Error).message;
    return {
      ok: false,
      diagnostics: [{ ...START, message: /alias/i.test(message) ? `the file's aliases (*name) expand too much (at most ${MAX_ALIASES} uses, no multiplying of data)` : message }],
    };
  }
  return { ok: true, source: { value, position: (path, key) => positionIn(doc, lines, path, key === true) } };
}

function positionIn(doc: Document.Parsed, lines: LineCounter, path: readonly PathKey[], wantKey: boolean): { line: number; column: number } {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const segment = path[i];
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (pair === undefined) break;
      if (wantKey && i === path.length - 1) {
        offset = (pair.key as Node).range?.[0] ?? offset;
        break;
      }
      next = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    } else break;
    if (next === null || next === undefined) break;
    node = next;
    offset = (node as Node).range?.[0] ?? offset;
  }
  const p = lines.linePos(offset);
  return { line: p.line, column: p.col };
}
