// What a scenario file may hold. A scenario comes from a file a person picked (or text the renderer sent), so every
// size is bounded before any work is done on it; the README's "Scenarios" section states the same numbers.

/** Largest scenario file, in UTF-8 bytes. The longest real scenario is a few KiB. */
export const MAX_SCENARIO_BYTES = 512 * 1024;
/** Most steps in one scenario. */
export const MAX_STEPS = 1000;
/** Deepest nesting of objects and arrays in the file (the YAML/JSON tree). */
export const MAX_DEPTH = 64;
/** Widest indentation of a line, in columns (bounds block nesting before the YAML parser sees it). */
export const MAX_INDENT = 256;
/** Most YAML aliases (`*name`) resolved in one file; anchors are for reuse, not for multiplying data. */
export const MAX_ALIASES = 100;
/** Most nodes (every value, key and item) in the parsed file, after aliases are resolved. */
export const MAX_NODES = 100_000;
/** Most assertions in one step, and most values saved by one step. */
export const MAX_ASSERTIONS = 100;
export const MAX_SAVES = 50;
/** Most variables under `vars`. */
export const MAX_VARS = 200;
/** Longest `$.a.b[0]` path and longest `matches` pattern, in characters. */
export const MAX_PATH_CHARS = 512;
export const MAX_PATTERN_CHARS = 1024;
/** Largest value a string becomes through `${…}`, in characters, and largest value `save` keeps (as JSON). */
export const MAX_INTERPOLATED_CHARS = 64 * 1024;
export const MAX_SAVED_JSON_CHARS = 64 * 1024;
/** A step's reply timeout, when the step or the file sets one, in milliseconds. */
export const MIN_STEP_TIMEOUT_MS = 1;
export const MAX_STEP_TIMEOUT_MS = 600_000;
/** Most diagnostics reported for one file (the rest are summarised). */
export const MAX_DIAGNOSTICS = 50;
/** How much of an actual value an assertion failure quotes. */
export const MAX_QUOTED_CHARS = 200;
