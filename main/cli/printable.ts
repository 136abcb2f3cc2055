// Text typed or received is shown back safely: control characters (escape sequences could repaint or hijack the
// terminal) become visible escapes, and anything long is cut, so an error never echoes a 100 kB line.

/** Longest stretch of user or server text quoted back in one message. */
export const MAX_SHOWN = 200;

export function printable(text: string, max: number = MAX_SHOWN): string {
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\t' ? ' ' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return safe.length > max ? `${safe.slice(0, max)}… (${text.length} characters)` : safe;
}
