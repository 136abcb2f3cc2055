// Electron's security checklist, item by item, against the stand-in `electron` module and the real files.
// https://www.electronjs.org/docs/latest/tutorial/security

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { StandInEvent, StandInWebContents, defaultSession, recorded, StandInBrowserWindow } from './electron-stand-in';

vi.mock('electron', async () => {
  const standIn = await import('./electron-stand-in');
  return { ...standIn.electron, default: standIn.electron };
});

const { secureWebPreferences, createMainWindow } = await import('../../main/electron/window');
const security = await import('../../main/electron/security');
const { APP_SCHEME_PRIVILEGES, APP_URL, resolveAppPath } = await import('../../main/electron/protocol');
const { isTrustedSender } = await import('../../main/ipc/register');

const ROOT = join(__dirname, '..', '..');
const { CONTENT_SECURITY_POLICY, SECURITY_CHECKLIST, hardenWebContents, installSessionSecurity, isAllowedExternalUrl } = security;

function cspDirectives(): Map<string, string> {
  return new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+(.*)/s).slice(0, 2) as [string, string]));
}

describe('Electron security checklist', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.js');
  const opened: string[] = [];
  const contents = new StandInWebContents();

  beforeAll(() => {
    installSessionSecurity(defaultSession as never);
    hardenWebContents(contents as never, async (url) => {
      opened.push(url);
    });
  });

  it('lists all 20 items', () => {
    expect(SECURITY_CHECKLIST.map((c) => c.item)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('1. only loads secure content: the window loads app://renderer/ and the renderer may not use the network', () => {
    expect(APP_URL).toBe('app://renderer/index.html');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(cspDirectives().get('connect-src')).toBe("'none'");
    expect(cspDirectives().get('script-src')).toBe("'self'");
  });

  it('2. no Node.js integration anywhere', () => {
    expect(prefs).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false });
  });

  it('3. context isolation on, 4. sandbox on', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    const win = createMainWindow({ preloadPath: '/p.js', title: 'T' }) as unknown as StandInBrowserWindow;
    expect(win.options['webPreferences']).toEqual(secureWebPreferences('/p.js'));
    expect(win.options['show']).toBe(false);
  });

  it('5. every permission request and check is denied', () => {
    let granted: boolean | undefined;
    defaultSession.permissionRequestHandler?.({}, 'media', (answer: boolean) => (granted = answer));
    expect(granted).toBe(false);
    for (const permission of ['notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      defaultSession.permissionRequestHandler?.({}, permission, (answer: boolean) => (granted = answer));
      expect(granted).toBe(false);
      expect(defaultSession.permissionCheckHandler?.({}, permission, 'app://renderer', {})).toBe(false);
    }
    expect(defaultSession.devicePermissionHandler?.({})).toBe(false);
  });

  it('6. webSecurity stays on', () => {
    expect(prefs.webSecurity).toBe(true);
  });

  it('7. a strict CSP is added to every response (replacing any other) and documented as a constant', () => {
    const d = cspDirectives();
    expect(d.get('default-src')).toBe("'none'");
    expect(d.get('style-src')).toBe("'self'");
    expect(d.get('img-src')).toBe("'self' data:");
    expect(d.get('object-src')).toBe("'none'");
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
    let answer: { responseHeaders?: Record<string, string[]> } | undefined;
    defaultSession.headersReceived?.(
      { url: 'app://renderer/index.html', responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } },
      (a: typeof answer) => (answer = a),
    );
    expect(answer?.responseHeaders).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('8. no insecure content, 9. no experimental features, 10. no enableBlinkFeatures', () => {
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('11./12. no <webview>: the tag is disabled and any attach is prevented', () => {
    expect(prefs.webviewTag).toBe(false);
    const event = new StandInEvent();
    contents.emit('will-attach-webview', event, { allowpopups: true }, { src: 'https://evil.example' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('13. navigation is blocked (will-navigate, will-frame-navigate, will-redirect)', () => {
    for (const [name, event] of [
      ['will-navigate', new StandInEvent()],
      ['will-frame-navigate', new StandInEvent({ url: 'https://evil.example/' })],
      ['will-redirect', new StandInEvent({ url: 'https://evil.example/' })],
    ] as const) {
      contents.emit(name, event, 'https://evil.example/');
      expect(event.defaultPrevented, name).toBe(true);
    }
    expect(opened).toEqual([]);
  });

  it('14. window.open is always denied; an allow-listed https link opens in the browser instead', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://oceanex.pro/en/api' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://oceanex.pro/en/api']);
    const navigate = new StandInEvent();
    contents.emit('will-navigate', navigate, 'https://api.oceanex.pro/doc/v1');
    expect(navigate.defaultPrevented).toBe(true);
    expect(opened).toEqual(['https://oceanex.pro/en/api', 'https://api.oceanex.pro/doc/v1']);
  });

  it('15. shell.openExternal only after the allow-list check', () => {
    for (const url of ['https://oceanex.pro/', 'https://www.oceanex.pro/x', 'https://api.oceanex.pro/doc/v1']) expect(isAllowedExternalUrl(url), url).toBe(true);
    for (const url of [
      'http://oceanex.pro/',
      'https://oceanex.pro.evil.example/',
      'https://evil.example/?https://oceanex.pro',
      'https://user:pw@oceanex.pro/',
      'https://oceanex.pro:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://oceanex.pro/share',
      `https://oceanex.pro/${'x'.repeat(3000)}`,
      42,
      undefined,
    ]) {
      expect(isAllowedExternalUrl(url), String(url).slice(0, 60)).toBe(false);
    }
  });

  it('16. Electron is a current, supported major', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
    expect(Number(pkg.version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('17. IPC senders are validated (see test/ipc/register.test.ts for every case)', () => {
    const win = new StandInBrowserWindow({});
    win.webContents.mainFrame.url = APP_URL;
    expect(isTrustedSender({ senderFrame: win.webContents.mainFrame } as never, win as never)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: APP_URL } } as never, win as never)).toBe(false);
  });

  it('18. no file://: a custom protocol serves the renderer, confined to its folder', () => {
    expect(resolveAppPath('/app/out/renderer', 'app://renderer/index.html')).toBe('/app/out/renderer/index.html');
    expect(resolveAppPath('/app/out/renderer', 'app://renderer/%2e%2e/main/index.js')).toBeNull();
    expect(resolveAppPath('/app/out/renderer', 'file:///app/out/renderer/index.html')).toBeNull();
  });

  it('19. fuses are declared in electron-builder.yml', () => {
    const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    for (const line of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'enableEmbeddedAsarIntegrityValidation: true',
      'onlyLoadAppFromAsar: true',
      'grantFileProtocolExtraPrivileges: false',
    ]) {
      expect(yml).toContain(line);
    }
  });

  it('20. the preload exposes only window.oceanex with the createApi verbs (see preload.test.ts)', async () => {
    await import('../../preload/index');
    expect([...recorded.exposed.keys()]).toEqual(['oceanex']);
    const api = recorded.exposed.get('oceanex') as Record<string, unknown>;
    expect(Object.keys(api)).not.toContain('invoke');
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });
});
