// Sessions as files: export the app's log as HAR 1.2 (Chrome's websocket form) or NDJSON, and read either back.

export * from './session';
export { toHar, type HarCreator } from './har';
export { toNdjson, type NdjsonFrameLine } from './ndjson';
export { parseSessionFile, type SessionFormat, type SessionParse } from './parse';
export { MAX_SESSION_FILE_BYTES, MAX_SESSION_FRAMES, MAX_FRAME_CHARS } from './limits';
