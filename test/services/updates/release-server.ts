// A GitHub-Releases-like update server on 127.0.0.1 over https (a throw-away self-signed certificate for
// 127.0.0.1, made with openssl): what electron-updater's GitHub provider reads when `host` points at it —
// the latest release's tag (GitHub Enterprise API path), the releases Atom feed (release notes), the channel file
// (latest-linux.yml) and the installer itself, sent in slow chunks so the download reports progress.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface Release {
  version: string;
  notesHtml: string;
  fileName: string;
  bytes: Buffer;
  /** The sha512 the channel file publishes; default the bytes' real one (set another to test a mismatch). */
  publishedSha512?: string;
  /** Send the file in this many chunks with `chunkDelayMs` between them. */
  chunks?: number;
  chunkDelayMs?: number;
}

export interface ReleaseServer {
  readonly host: string; // 127.0.0.1:PORT
  readonly ca: string; // PEM to trust
  readonly requests: string[];
  release: Release;
  close(): Promise<void>;
}

export const sha512 = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('base64');

async function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'oceanex-update-cert-'));
  try {
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ]);
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function channelFile(release: Release): string {
  const sum = release.publishedSha512 ?? sha512(release.bytes);
  return [
    `version: ${release.version}`,
    'files:',
    `  - url: ${release.fileName}`,
    `    sha512: ${sum}`,
    `    size: ${release.bytes.length}`,
    `path: ${release.fileName}`,
    `sha512: ${sum}`,
    `releaseDate: '2026-11-30T12:00:00.000Z'`,
    '',
  ].join('\n');
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function atomFeed(base: string, owner: string, repo: string, release: Release): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Release notes from ${repo}</title>
  <entry>
    <id>tag:github.com,2008:Repository/1/v${release.version}</id>
    <link rel="alternate" type="text/html" href="${base}/${owner}/${repo}/releases/tag/v${release.version}"/>
    <title>v${release.version}</title>
    <content type="html">${escapeXml(release.notesHtml)}</content>
  </entry>
</feed>`;
}

export async function startReleaseServer(owner: string, repo: string, release: Release): Promise<ReleaseServer> {
  const { key, cert } = await selfSignedCertificate();
  const requests: string[] = [];
  const state = { release };
  let host = '';
  const server: Server = createServer({ key, cert }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push(path);
    const r = state.release;
    const tag = `v${r.version}`;
    if (path === `/api/v3/repos/${owner}/${repo}/releases/latest`) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ tag_name: tag }));
    } else if (path === `/${owner}/${repo}/releases.atom`) {
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atomFeed(`https://${host}`, owner, repo, r));
    } else if (path === `/${owner}/${repo}/releases/download/${tag}/latest-linux.yml`) {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(channelFile(r));
    } else if (path === `/${owner}/${repo}/releases/download/${tag}/${r.fileName}`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': r.bytes.length });
      const count = Math.max(1, r.chunks ?? 1);
      const size = Math.ceil(r.bytes.length / count);
      let i = 0;
      const next = () => {
        if (res.destroyed) return;
        if (i >= count) return void res.end();
        res.write(r.bytes.subarray(i * size, (i + 1) * size));
        i += 1;
        setTimeout(next, r.chunkDelayMs ?? 0);
      };
      next();
    } else {
      res.writeHead(404).end('Not Found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    ca: cert,
    requests,
    get release() {
      return state.release;
    },
    set release(next: Release) {
      state.release = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
