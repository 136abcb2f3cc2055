// The app:// protocol that serves the built renderer (out/renderer) instead of file://.
// Plain Node apart from type imports: the resolver and the handler are tested without Electron.
// Every request is confined to the renderer folder: "..", encoded "%2e%2e" / "%2f", backslashes, drive letters,
// NUL bytes and symlinks that lead outside are all refused with 404.

import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from './security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Registered before app ready: a standard, secure scheme (same-origin rules, CSP 'self', module scripts). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** "..", raw or percent-encoded, as a whole path segment. */
const DOT_DOT_SEGMENT = /(?:\/|\\|%2f|%5c)(?:\.|%2e){2}(?=\/|\\|%2f|%5c|[?#]|$)/i;

/** True when `child` is `root` itself or inside it. */
function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Maps an app:// URL to a file path inside `rootDir`, or null when the URL is not ours or tries to leave the folder.
 * Pure: no file-system access ("/" → index.html).
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  // URL parsing would quietly clamp "/../x" to "/x"; a request that tries to climb is refused, not reinterpreted.
  if (DOT_DOT_SEGMENT.test(requestUrl)) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (/[\0\\:]/.test(pathname)) return null; // NUL, Windows separators, drive letters and streams
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return null;
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rootDir);
  const file = resolve(root, ...segments);
  return file !== root && isInside(root, file) ? file : null;
}

function headersFor(file: string | undefined): Record<string, string> {
  const type = (file && CONTENT_TYPES[extname(file).toLowerCase()]) ?? 'application/octet-stream';
  return {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: headersFor('x.txt') });
}

/** The protocol.handle('app', …) handler: serves files from `rootDir` (read-only, GET/HEAD). */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: headersFor('x.txt') });
    }
    const file = resolveAppPath(rootDir, request.url);
    if (file === null) return notFound();
    try {
      // Symlinks must not lead outside the renderer folder either.
      const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(file)]);
      if (!isInside(realRoot, realFile) || realFile === realRoot || !(await stat(realFile)).isFile()) return notFound();
      const body = request.method === 'HEAD' ? null : await readFile(realFile);
      return new Response(body, { status: 200, headers: headersFor(realFile) });
    } catch {
      return notFound();
    }
  };
}

