// Bounding text that came from outside (a server's reply, a renderer's argument) before it is kept or shown.
// Pure: no Node, no DOM.

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
