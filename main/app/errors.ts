// Turning any failure into one sentence a person can act on, without ever leaking key material.

/** An error whose message is written for the person using the app; handlers pass it through unchanged. */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** Errors from our own services whose messages are already written for people (matched by name: no imports needed). */
const USER_FACING_NAMES = new Set(['UserFacingError', 'KeyError', 'SettingsError', 'SessionError', 'KeychainUnavailableError', 'SessionFileError']);

/** Longest message handed to the UI; errors may quote what was typed, and that can be anything. */
export const MAX_MESSAGE = 500;

/** Defence in depth: whatever an error says, key blocks, JWTs and long base64 runs (signatures) never pass. */
export function scrubSecrets(text: string): string {
  return text
    // A PEM header is key material only when data follows it (base64, after optional Proc-Type/DEK-Info lines):
    // a message that merely names the header ("Expected text starting with -----BEGIN …") stays readable.
    .replace(/-----BEGIN [A-Z0-9 ]+-----(?=(?:\s*[A-Za-z-]+:[^\n]*)*\s*[A-Za-z0-9+/=]{16})[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g, '[key material removed]')
    .replace(/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '[token removed]')
    .replace(/[A-Za-z0-9+/]{80,}={0,2}/g, '[data removed]');
}

export function userMessage(error: unknown): string {
  if (error instanceof Error) {
    const text = USER_FACING_NAMES.has(error.name) ? error.message : `Unexpected error: ${error.message}`;
    return clip(scrubSecrets(text));
  }
  return clip(scrubSecrets(`Unexpected error: ${String(error)}`));
}

/** Cuts `text` to at most `max` characters (plus "…") without splitting a surrogate pair. */
export function clip(text: string, max = MAX_MESSAGE): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
