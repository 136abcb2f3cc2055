// The release feed: where updates may come from (GitHub Releases over https, nothing else) and what an entry of
// the feed (latest.yml / latest-mac.yml / latest-linux.yml, as electron-updater reads it) must contain before the
// app offers it: a version, and for every file an https-resolvable name, a size and a sha512.

/** The one place updates come from; electron-builder.yml's `publish:` says the same (a test keeps them equal). */
export const RELEASE_FEED = { provider: 'github', owner: 'oceanex', repo: 'oceanex-ws-client' } as const;

/** electron-updater's GitHub provider options (the subset we use). */
export interface GithubFeed {
  readonly provider: 'github';
  readonly owner: string;
  readonly repo: string;
  /** Only tests point this elsewhere (a GitHub-like server on 127.0.0.1); default github.com. */
  readonly host?: string;
  readonly protocol?: 'https' | 'http';
}

export class FeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedError';
  }
}

/** Refuses any feed that is not GitHub Releases over https (a downgraded, plain-http feed could be rewritten in transit). */
export function assertSecureFeed(feed: GithubFeed): void {
  if (feed.provider !== 'github') throw new FeedError(`Updates come only from GitHub Releases, not from a "${String(feed.provider)}" feed.`);
  if ((feed.protocol ?? 'https') !== 'https') throw new FeedError('Updates are downloaded only over https; this feed uses plain http and was refused.');
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(feed.owner) || !/^[A-Za-z0-9_.-]{1,100}$/.test(feed.repo)) {
    throw new FeedError('The release feed names no valid GitHub repository.');
  }
}

/** Every URL the updater fetches must be https (GitHub redirects downloads to its https asset host). */
export function isAllowedUpdateUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export interface FeedFile {
  readonly url: string;
  readonly sha512: string;
  readonly size?: number;
}

/** A release as the app shows it: version, when, notes as plain text, and its files with their checksums. */
export interface FeedEntry {
  readonly version: string;
  readonly releaseName?: string;
  readonly releaseDate?: string;
  readonly releaseNotes: string;
  readonly files: readonly FeedFile[];
}

const SHA512_BASE64 = /^[A-Za-z0-9+/]{86}==$/;
const MAX_NOTES = 4_000;
/** Release notes read at most (HTML shrinks as it becomes text; the feed is a server's answer). */
const MAX_NOTES_INPUT = 256 * 1024;

/** GitHub gives release notes as HTML (or a list of {version, note}); the status bar shows plain text. */
export function notesToText(notes: unknown): string {
  const pieces = Array.isArray(notes)
    ? notes.map((n) => {
        const entry = n as { version?: unknown; note?: unknown };
        return `${typeof entry.version === 'string' ? `${entry.version}: ` : ''}${typeof entry.note === 'string' ? entry.note : ''}`;
      })
    : [typeof notes === 'string' ? notes : ''];
  // Every pattern is linear (a tag ends at the next "<" or ">", spaces are trimmed only from the start of their run).
  const text = pieces
    .join('\n')
    .slice(0, MAX_NOTES_INPUT)
    .replace(/<(br|\/p|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<li[^<>]*>/gi, '• ')
    .replace(/<[^<>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/(?<![ \t])[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text.length > MAX_NOTES ? `${text.slice(0, MAX_NOTES)}…` : text;
}

/**
 * Checks a feed entry (electron-updater's UpdateInfo, parsed from latest*.yml) and keeps what the app needs.
 * A file without a well-formed sha512 makes the whole entry unusable: nothing is downloaded unverified.
 */
export function parseFeedEntry(info: unknown): FeedEntry {
  if (typeof info !== 'object' || info === null) throw new FeedError('The release feed is empty or not a feed (latest.yml could not be read).');
  const raw = info as Record<string, unknown>;
  if (typeof raw.version !== 'string' || raw.version.trim() === '') throw new FeedError('The release feed names no version.');
  const files = Array.isArray(raw.files) ? raw.files : [];
  if (files.length === 0) throw new FeedError(`The release feed for ${raw.version} lists no files.`);
  const parsed = files.map((f: unknown): FeedFile => {
    const file = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    if (typeof file.url !== 'string' || file.url === '') throw new FeedError(`A file of release ${raw.version} has no name.`);
    if (typeof file.sha512 !== 'string' || !SHA512_BASE64.test(file.sha512)) {
      throw new FeedError(`The release feed gives no valid sha512 for ${file.url}, so it cannot be verified and was refused.`);
    }
    if (file.size !== undefined && (typeof file.size !== 'number' || !Number.isSafeInteger(file.size) || file.size < 0)) {
      throw new FeedError(`The release feed gives an invalid size for ${file.url}.`);
    }
    return { url: file.url, sha512: file.sha512, ...(typeof file.size === 'number' ? { size: file.size } : {}) };
  });
  return {
    version: raw.version.trim(),
    releaseNotes: notesToText(raw.releaseNotes),
    files: parsed,
    ...(typeof raw.releaseName === 'string' && raw.releaseName !== '' ? { releaseName: raw.releaseName } : {}),
    ...(typeof raw.releaseDate === 'string' && raw.releaseDate !== '' ? { releaseDate: raw.releaseDate } : {}),
  };
}

/** The feed's file that was downloaded (matched by file name; GitHub replaces spaces with dashes). */
export function fileForDownload(entry: FeedEntry, downloadedPath: string): FeedFile | undefined {
  const name = downloadedPath.split(/[\\/]/).pop() ?? '';
  const base = (url: string) => decodeURIComponent(url.split('?')[0]?.split('/').pop() ?? '').replace(/ /g, '-');
  return entry.files.find((f) => base(f.url) === name) ?? (entry.files.length === 1 ? entry.files[0] : undefined);
}

/** Windows: the publisher names app-update.yml carries (from the signing certificate); none means unverifiable. */
export function publisherNames(appUpdateYml: string): string[] {
  const lines = appUpdateYml.split(/\r?\n/);
  const at = lines.findIndex((l) => /^publisherName:/.test(l));
  if (at < 0) return [];
  const inline = (lines[at] as string).slice('publisherName:'.length).trim();
  const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (inline !== '') return [unquote(inline)].filter((s) => s !== '');
  const names: string[] = [];
  for (const line of lines.slice(at + 1)) {
    const item = /^\s+-\s(.*)$/.exec(line); // unquote() trims the rest
    if (!item) break;
    names.push(unquote(item[1] as string));
  }
  return names.filter((s) => s !== '');
}
