// Release versions (semver 2.0: MAJOR.MINOR.PATCH[-pre.release][+build]) and the one rule the updater lives by:
// only a strictly newer version is ever offered or installed — never the same one, never a downgrade.

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Pre-release identifiers ("beta", 2); empty for a release. */
  readonly pre: readonly (string | number)[];
  readonly text: string;
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** The version in `text`, or undefined when it is not a semantic version (a feed must never be guessed at). */
export function parseVersion(text: unknown): Version | undefined {
  if (typeof text !== 'string' || text.length > 256) return undefined;
  const m = SEMVER.exec(text.trim());
  if (!m) return undefined;
  const numbers = [m[1], m[2], m[3]].map(Number);
  if (numbers.some((n) => !Number.isSafeInteger(n))) return undefined;
  const pre = m[4] ? m[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [];
  return { major: numbers[0] as number, minor: numbers[1] as number, patch: numbers[2] as number, pre, text: text.trim().replace(/^v/, '') };
}

function compareIdentifiers(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'number') return -1; // numeric identifiers sort before alphanumeric ones
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Semver precedence: negative when a < b, 0 when equal (build metadata ignored), positive when a > b. */
export function compareVersions(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return Math.sign(a[key] - b[key]);
  }
  // A release outranks its pre-releases: 1.0.0 > 1.0.0-rc.1.
  if (a.pre.length === 0 || b.pre.length === 0) return Math.sign(b.pre.length - a.pre.length);
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i += 1) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const c = compareIdentifiers(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

export type Offer =
  | { readonly kind: 'newer'; readonly version: Version }
  | { readonly kind: 'same' | 'older'; readonly version: Version }
  | { readonly kind: 'invalid'; readonly reason: string };

/** What the feed's version means for the running one. Anything but 'newer' is refused. */
export function judgeOffer(current: string, offered: unknown): Offer {
  const running = parseVersion(current);
  if (!running) return { kind: 'invalid', reason: `this app's own version "${current}" is not a semantic version` };
  const version = parseVersion(offered);
  if (!version) return { kind: 'invalid', reason: `the release feed names no valid version (${JSON.stringify(offered)?.slice(0, 40) ?? 'nothing'})` };
  const order = compareVersions(version, running);
  return { kind: order > 0 ? 'newer' : order === 0 ? 'same' : 'older', version };
}
