// String literals for generated programs. Every value that came from a person (a field, a composer frame, a
// history entry) enters a generated program only through these: the output is plain ASCII, so no quote, line
// break, comment marker or look-alike character of the value can end the literal or change the code around it.

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** A single-quoted Python 3 `str` literal that evaluates to exactly `text` (astral characters as \U…, not pairs). */
export function pythonString(text: string): string {
  let out = "'";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp < 0x100) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`; // also a lone surrogate, which Python keeps as one code point
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}'`;
}

/** A single-quoted JavaScript string literal that evaluates to exactly `text` (UTF-16 code units as \u…). */
export function jsString(text: string): string {
  let out = "'";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const unit = text.charCodeAt(i);
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (unit >= 0x20 && unit < 0x7f) out += ch;
    else out += `\\u${hex(unit, 4)}`;
  }
  return `${out}'`;
}
