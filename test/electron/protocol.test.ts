// The app:// protocol in plain Node: the resolver refuses every way out of the renderer folder, the handler
// serves real files with the CSP and refuses symlinks that lead outside.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, createAppProtocolHandler, resolveAppPath } from '../../main/electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/security';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'oceanex-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer folder');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppPath', () => {
  it('maps app://renderer/ paths into the folder ("/" is index.html)', () => {
    expect(resolveAppPath(root, 'app://renderer/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, APP_URL)).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://renderer/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://renderer/assets/with%20space.js')).toBe(join(root, 'assets', 'with space.js'));
  });

  it.each([
    'app://renderer/../secret.txt',
    'app://renderer/assets/../../secret.txt',
    'app://renderer/%2e%2e/secret.txt',
    'app://renderer/%2E%2E/secret.txt',
    'app://renderer/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://renderer/..%2fsecret.txt',
    'app://renderer/%2e%2e%5csecret.txt',
    'app://renderer/..\\secret.txt',
    'app://renderer/assets/%00.js',
    'app://renderer/C:/Windows/win.ini',
    'app://renderer/%2fetc%2fpasswd',
    'app://renderer/%E0%A4%A',
    'app://other/index.html',
    'app://user:pw@renderer/index.html',
    'file:///etc/passwd',
    'https://renderer/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    const resolved = resolveAppPath(root, url);
    if (url.includes('%2fetc')) expect(resolved).toBe(join(root, 'etc', 'passwd')); // an encoded "/" stays inside
    else expect(resolved).toBeNull();
  });
});

describe('createAppProtocolHandler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('serves index.html and assets with their content type, the CSP and nosniff', async () => {
    const page = await handler()(new Request('app://renderer/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>app</title>');

    const script = await handler()(new Request('app://renderer/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const style = await handler()(new Request('app://renderer/assets/index-abc.css'));
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for traversal, missing files, folders and symlinks leading outside', async () => {
    for (const url of ['app://renderer/%2e%2e/secret.txt', 'app://renderer/missing.js', 'app://renderer/assets', 'app://renderer/assets/link.txt']) {
      const response = await handler()(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('outside the renderer folder');
    }
  });

  it('is read-only: POST is refused, HEAD has no body', async () => {
    expect((await handler()(new Request('app://renderer/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handler()(new Request('app://renderer/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
