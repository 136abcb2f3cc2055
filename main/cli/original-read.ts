// How ws_client.py read a choice's prompt line, so a script written for it sends what it sent. The original
// removed every space, split the line at commas, refused a wrong count ("ERROD: Expected 3 args but received 2")
// and converted the pieces: market ids, order types and order ids stayed the text typed (even empty), levels,
// precisions, limits and periods went through Python's int() (a failure there sent nothing), prices and volumes
// through float(). Read-only choices therefore send what the original would have sent and let the exchange decide,
// with a warning where our own check would have refused; orders (6) and cancels (7) keep their validation.

import { parsePromptLine, validateField, validateFields, type ChoiceSpec, type FieldValue, type FieldValues, type RawFields } from '../../shared/oceanex/catalogue';
import { printable } from './printable';

export type PromptRead =
  /** The original's count check failed: its ERROD line, then ours. Nothing is sent. */
  | { readonly kind: 'count'; readonly expected: number; readonly received: number; readonly message: string }
  /** Where the original crashed (or our order checks refuse): what is wrong. Nothing is sent. */
  | { readonly kind: 'invalid'; readonly errors: readonly string[] }
  /** What to send, and what our checks would have refused in it (read-only choices only). */
  | { readonly kind: 'values'; readonly values: FieldValues; readonly warnings: readonly string[] };

/** Read-only fields the original sent as typed (a Python str). */
const SENT_AS_TEXT = new Set(['market', 'ord_type', 'id']);

/** The pieces of a prompt line as the original split it: `line.replace(' ', '').split(',')`. */
export function originalPieces(line: string): string[] {
  return line.replace(/ /g, '').split(',');
}

/**
 * Python's int() of a piece of text (ASCII forms: surrounding whitespace, a sign, leading zeros, underscores
 * between digits): the number, 'too-large' beyond what a JSON number carries exactly, undefined where int() failed.
 */
export function pythonInt(text: string): number | 'too-large' | undefined {
  const t = text.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(t)) return undefined;
  const n = Number(t.replace(/_/g, ''));
  return Number.isSafeInteger(n) ? n : 'too-large';
}

/** The ids choice 7 printed one per line as it read them, up to the first that int() refused (printed, then it stopped). */
export function originalCancelEcho(line: string): string[] {
  const pieces = originalPieces(line);
  const bad = pieces.findIndex((piece) => pythonInt(piece) === undefined);
  return bad === -1 ? pieces : pieces.slice(0, bad + 1);
}

/** Reads a prompt line for `choice` (one with prompt fields) the way the original did. */
export function readPromptLine(choice: ChoiceSpec, line: string): PromptRead {
  const expected = choice.promptFields.length;
  if (choice.id === 'cancelOrders') return strict(choice, { ids: line });
  const pieces = originalPieces(line);
  if (pieces.length !== expected) {
    const got = line.trim() === '' ? '1 (an empty line)' : String(pieces.length);
    const what = expected === 1 ? 'one value, without commas' : `${expected} values separated by commas`;
    return { kind: 'count', expected, received: pieces.length, message: `Expected ${what}, got ${got}: ${choice.prompt ?? choice.promptFields.join(',')}` };
  }
  if (choice.destructive) {
    // Orders: the pieces as typed (trimmed, inner spaces kept, so "1 5" is refused rather than read as 15).
    const parsed = parsePromptLine(choice, line);
    return parsed.raw === undefined ? { kind: 'invalid', errors: [parsed.error ?? 'could not read the values'] } : strict(choice, parsed.raw);
  }
  return lenient(choice, pieces);
}

function strict(choice: ChoiceSpec, raw: RawFields): PromptRead {
  const checked = validateFields(choice, raw);
  return checked.ok ? { kind: 'values', values: checked.values, warnings: [] } : { kind: 'invalid', errors: Object.values(checked.errors) };
}

/** Each piece checked like the app checks it; where that refuses, the original's conversion decides. */
function lenient(choice: ChoiceSpec, pieces: readonly string[]): PromptRead {
  const values: Record<string, FieldValue> = {};
  const warnings: string[] = [];
  const errors: string[] = [];
  choice.promptFields.forEach((name, i) => {
    const field = choice.fields.find((f) => f.name === name)!;
    const text = pieces[i] ?? '';
    const checked = validateField(field, text);
    if (checked.error === undefined) {
      if (checked.value !== undefined) values[name] = checked.value;
      return;
    }
    if (SENT_AS_TEXT.has(name)) {
      values[name] = text;
      warnings.push(checked.error);
      return;
    }
    const n = pythonInt(text);
    if (n === undefined || n === 'too-large') {
      errors.push(n === 'too-large' ? `${field.label}: ${printable(text, 40)} is too large (at most ${Number.MAX_SAFE_INTEGER})` : checked.error);
      return;
    }
    values[name] = n;
    const again = validateField(field, String(n));
    if (again.error !== undefined) warnings.push(again.error);
  });
  if (errors.length > 0) return { kind: 'invalid', errors };
  return { kind: 'values', values, warnings };
}
