// npm start's first step: Electron's binary is detected the way electron-vite finds it, and a failed fetch ends in
// a plain explanation (no stack trace). The fetch goes to a local server that answers 404, never to the internet.

import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronInstalled, failureCause } from '../../scripts/ensure-electron';

const REPO_ROOT = resolve(__dirname, '../..');
const REAL_ELECTRON = join(REPO_ROOT, 'node_modules', 'electron');

function fakeElectron(version: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'i-electron-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version }));
  mkdirSync(join(dir, 'dist'));
  return dir;
}

describe('electronInstalled', () => {
  it('needs dist/version to match, path.txt to name the executable, and the executable to exist', () => {
    const dir = fakeElectron('45.5.0');
    try {
      expect(electronInstalled(dir, {}, 'linux')).toBe(false);
      writeFileSync(join(dir, 'dist', 'version'), 'v45.5.0');
      writeFileSync(join(dir, 'path.txt'), 'electron');
      expect(electronInstalled(dir, {}, 'linux')).toBe(false); // no executable yet
      writeFileSync(join(dir, 'dist', 'electron'), '');
      expect(electronInstalled(dir, {}, 'linux')).toBe(true);
      expect(electronInstalled(dir, {}, 'win32')).toBe(false); // path.txt names another platform's executable
      writeFileSync(join(dir, 'dist', 'version'), '44.0.0');
      expect(electronInstalled(dir, {}, 'linux')).toBe(false);
      // ELECTRON_EXEC_PATH is what electron-vite uses first.
      expect(electronInstalled(dir, { ELECTRON_EXEC_PATH: join(dir, 'dist', 'electron') }, 'linux')).toBe(true);
      expect(electronInstalled(dir, { ELECTRON_EXEC_PATH: join(dir, 'nothing') }, 'linux')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('failureCause', () => {
  it('keeps the line that names the problem and drops the stack', () => {
    const stderr = 'HTTPError: Response code 404 (Not Found) for http://127.0.0.1:1/v45/x.zip\n    at Request.<anonymous> (/x/y.js:1:2)\n    at emit (node:events:1:1)\n';
    expect(failureCause(stderr)).toBe('HTTPError: Response code 404 (Not Found) for http://127.0.0.1:1/v45/x.zip');
    expect(failureCause('')).toBe('the installer gave no reason');
    expect(failureCause('TypeError: fetch failed\n    at node:internal/deps/undici/undici:1:1\n')).toBe(
      'TypeError: fetch failed (no connection: offline, blocked by a firewall or proxy, or the host is unreachable)',
    );
  });
});

describe('ensure-electron.ts as npm start runs it', () => {
  let server: Server;
  let mirror: string;
  let requests: string[];
  let work: string;

  beforeAll(async () => {
    requests = [];
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.statusCode = 404;
      res.end('not here');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    // A copy of Electron's package without its binary, inside the repo so install.js finds @electron/get.
    work = join(REPO_ROOT, 'test-output', `ensure-electron-${process.pid}`);
    mkdirSync(join(work, 'electron'), { recursive: true });
    for (const file of ['package.json', 'install.js', 'checksums.json']) copyFileSync(join(REAL_ELECTRON, file), join(work, 'electron', file));
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(work, { recursive: true, force: true });
  });

  function run(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ensure-electron.ts', join(work, 'electron')], {
        cwd: REPO_ROOT,
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
  }

  it('tries Electron’s own installer, then explains what is missing and what to do, exit 1, no stack trace', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'i-electron-cache-'));
    try {
      const { code, stdout, stderr } = await run({ ELECTRON_MIRROR: mirror, electron_config_cache: cache });
      expect(code).toBe(1);
      expect(stdout).toContain('Fetching Electron 45.');
      expect(requests.some((url) => /\/v45\.[\d.]+\/electron-v45\.[\d.]+-\w+-\w+\.zip$/.test(url))).toBe(true);
      expect(stderr).toContain("Cannot start the app: Electron 45.");
      expect(stderr).toContain(`Tried: ELECTRON_MIRROR=${mirror}`);
      expect(stderr).toMatch(/Cause: .*404/);
      expect(stderr).toContain('ELECTRON_MIRROR');
      expect(stderr).toContain('HTTPS_PROXY');
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('does nothing when ELECTRON_EXEC_PATH names an executable, and refuses one that does not exist', async () => {
    const ready = await run({ ELECTRON_EXEC_PATH: process.execPath, ELECTRON_MIRROR: mirror });
    expect(ready.code).toBe(0);
    expect(ready.stdout).toBe('');
    const missing = await run({ ELECTRON_EXEC_PATH: join(work, 'no-such-electron'), ELECTRON_MIRROR: mirror });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ELECTRON_EXEC_PATH is set to');
  });
});
