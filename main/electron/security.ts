// Window and session security: the CSP, permission denial, navigation and window-open guards, and the
// allow-list for opening links in the user's browser. Type-only Electron imports: tests pass a stand-in.
// Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security) is SECURITY_CHECKLIST
// below; test/electron/security.test.ts checks every item.

import type { Session, WebContents } from 'electron';

/**
 * The renderer's Content-Security-Policy. Sent as a response header by the app:// protocol handler and by
 * session.webRequest; the renderer's index.html carries the same string in a <meta> tag as a fallback.
 * No 'unsafe-inline' and no 'unsafe-eval': React sets styles through the CSSOM, which CSP does not restrict,
 * and Vite emits scripts and styles as files. connect-src 'none': main owns every socket.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "media-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Hosts whose https pages may be opened in the user's browser (OceanEx's site and API documentation). */
export const EXTERNAL_HOSTS: readonly string[] = ['oceanex.pro', 'www.oceanex.pro', 'api.oceanex.pro', 'help.oceanex.pro'];

/** True only for a plain https URL on an allow-listed host: no credentials, no custom port. */
export function isAllowedExternalUrl(candidate: unknown): boolean {
  if (typeof candidate !== 'string' || candidate.length > 2_000) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' && EXTERNAL_HOSTS.includes(url.hostname);
}

export type OpenExternal = (url: string) => Promise<void>;

/** Opens a link in the user's browser only after the allow-list check; returns whether it did. */
export function openExternalSafely(openExternal: OpenExternal, url: unknown): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  void openExternal(url as string).catch(() => undefined);
  return true;
}

/** Session-wide: deny every permission, add the CSP to every response, refuse downloads. */
export function installSessionSecurity(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  ses.on('will-download', (event) => event.preventDefault());
}

/** Every web contents: no navigation, no new windows, no <webview>; allow-listed links open in the browser. */
export function hardenWebContents(contents: WebContents, openExternal: OpenExternal): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    openExternalSafely(openExternal, url);
  };
  contents.on('will-navigate', (event, url) => refuseNavigation(event, url));
  contents.on('will-frame-navigate', (event) => refuseNavigation(event, event.url));
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(openExternal, url);
    return { action: 'deny' };
  });
}

export interface ChecklistItem {
  readonly item: number;
  readonly title: string;
  /** Where and how this app satisfies it. */
  readonly how: string;
}

/** Electron's security checklist, item by item, with this app's answer. */
export const SECURITY_CHECKLIST: readonly ChecklistItem[] = [
  { item: 1, title: 'Only load secure content', how: 'The window loads only app://renderer/ (bundled files); the renderer makes no network requests (connect-src none).' },
  { item: 2, title: 'Do not enable Node.js integration for remote content', how: 'nodeIntegration, nodeIntegrationInWorker and nodeIntegrationInSubFrames are false (window.ts).' },
  { item: 3, title: 'Enable context isolation', how: 'contextIsolation: true; the preload exposes createApi verbs through contextBridge.' },
  { item: 4, title: 'Enable process sandboxing', how: 'sandbox: true; the preload is one CommonJS bundle requiring only electron.' },
  { item: 5, title: 'Handle session permission requests from remote content', how: 'setPermissionRequestHandler, setPermissionCheckHandler and setDevicePermissionHandler deny everything.' },
  { item: 6, title: 'Do not disable webSecurity', how: 'webSecurity: true.' },
  { item: 7, title: 'Define a Content Security Policy', how: 'CONTENT_SECURITY_POLICY as a header from the app protocol and session.webRequest, plus a meta tag.' },
  { item: 8, title: 'Do not enable allowRunningInsecureContent', how: 'allowRunningInsecureContent: false.' },
  { item: 9, title: 'Do not enable experimental features', how: 'experimentalFeatures: false.' },
  { item: 10, title: 'Do not use enableBlinkFeatures', how: 'enableBlinkFeatures is never set.' },
  { item: 11, title: '<webview>: Do not use allowpopups', how: 'webviewTag: false and will-attach-webview is prevented.' },
  { item: 12, title: '<webview>: Verify options and params', how: 'No webview can attach at all (will-attach-webview → preventDefault).' },
  { item: 13, title: 'Disable or limit navigation', how: 'will-navigate, will-frame-navigate and will-redirect are prevented.' },
  { item: 14, title: 'Disable or limit creation of new windows', how: 'setWindowOpenHandler always denies; allow-listed https links go to the browser.' },
  { item: 15, title: 'Do not use shell.openExternal with untrusted content', how: 'openExternalSafely checks https + EXTERNAL_HOSTS first.' },
  { item: 16, title: 'Use a current version of Electron', how: 'package.json pins a supported major (45); a test checks it.' },
  { item: 17, title: 'Validate the sender of all IPC messages', how: 'main/ipc/register.ts: senderFrame must be the window main frame on app://renderer/.' },
  { item: 18, title: 'Avoid usage of the file:// protocol and prefer usage of custom protocols', how: 'protocol.handle("app") serves out/renderer with path-traversal checks (protocol.ts).' },
  { item: 19, title: 'Check which fuses you can change', how: 'electron-builder.yml electronFuses: runAsNode, nodeOptions, inspect args off; asar integrity and only-load-from-asar on.' },
  { item: 20, title: 'Do not expose Electron APIs to untrusted web content', how: 'The preload exposes only window.oceanex (createApi verbs); no ipcRenderer, no generic invoke/on.' },
];
