// Text that came from outside (a server's reply, a renderer's argument) made safe to keep or to show a person:
// bounded in length, and without characters that are invisible or rearrange what is shown (control characters,
// direction overrides such as U+202E, line and paragraph separators). Pure: no Node, no DOM.

/** Control (Cc), format (Cf: bidi controls, zero-width characters), line (Zl) and paragraph (Zp) separators. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const UNSAFE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why `text` cannot be a name a person reads (a profile name), or undefined when it can. */
export function unsafeCharacterProblem(text: string, what: string): string | undefined {
  const found = UNSAFE.exec(text);
  if (!found) return undefined;
  return `${what} must not contain line breaks, control or direction-changing characters (it holds ${codePoint(found[0])}).`;
}

/** `text` with every such character written as "[U+202E]", so a person sees it is there and it changes nothing. */
export function showUnsafeCharacters(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, (c) => `[${codePoint(c)}]`) : text;
}

/** `text` made fit for one line of a question: characters shown as "[U+…]", at most `max` characters (plus "…"). */
export function oneLine(text: string, max: number): string {
  return clipText(showUnsafeCharacters(clipText(text, max)), max);
}

/**
 * Cuts `text` to at most `max` characters (plus "…") without splitting a surrogate pair. The kept part is
 * copied: a slice would keep the whole original (possibly megabytes) alive for as long as the clip lives.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const cut = text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
  return `${cut.split('').join('')}…`;
}
