// Small display helpers shared by the views.

export function formatAgo(ms: number): string {
  if (ms < 1500) return 'just now';
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s ago`;
  const m = Math.round(s / 60);
  return m < 120 ? `${m} min ago` : `${Math.round(m / 60)} h ago`;
}

// One way to write a moment everywhere: 24-hour local time, the date when it matters, the UTC offset once.
const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** "14:03:07.120": log rows and frames, where milliseconds matter. */
export function formatTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${formatClock(epochMs)}.${pad(d.getMilliseconds(), 3)}`;
}

/** "14:03:07": a time of day today. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "2026-12-06 06:24:10.346": the one way a person reads a moment (local time; the zone is named once, elsewhere). */
export function formatMoment(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatTime(epochMs)}`;
}

/** "UTC+01:00" for this computer's offset at that moment. */
export function utcOffset(epochMs: number): string {
  const minutes = -new Date(epochMs).getTimezoneOffset();
  return `UTC${minutes < 0 ? '−' : '+'}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;
}

/** "2026-12-01 14:03:07 UTC+01:00". */
export function formatDateTime(epochMs: number, withOffset = true): string {
  const d = new Date(epochMs);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(epochMs)}`;
  return withOffset ? `${date} ${utcOffset(epochMs)}` : date;
}

/** What hovering a time shows: the raw epoch (as the protocol carries it) and the moment in UTC. */
export function timeTitle(epochMs: number): string {
  return `${epochMs} ms since epoch · ${new Date(epochMs).toISOString()}`;
}

export { isRecord } from '../../shared/oceanex/messages';

export function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

export function num(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : NaN;
}

/** A time the server wrote as text (ISO "2026-12-01T00:41:37Z") in the app's one format; the text if unparsable. */
export function formatServerTime(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  const ms = typeof value === 'number' ? (value < 1e11 ? value * 1000 : value) : Date.parse(text);
  return Number.isFinite(ms) ? formatDateTime(ms, false) : text;
}
