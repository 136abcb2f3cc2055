// electron-builder.yml checked against electron-builder's own JSON schema, plus the release-relevant
// settings a schema cannot judge: fuses, hardened runtime, entitlements, installer modes, deb dependencies.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Configuration, TargetConfiguration } from 'app-builder-lib';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuilderConfig, PROJECT_DIR } from './builder-config';

let config: Configuration;

beforeAll(async () => {
  config = await loadBuilderConfig();
});

function targetNames(targets: unknown): string[] {
  const list = Array.isArray(targets) ? targets : [targets];
  return list.map((t: string | TargetConfiguration) => (typeof t === 'string' ? t : t.target));
}

function resource(file: string): string {
  return join(PROJECT_DIR, config.directories?.buildResources ?? 'build', file);
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the schema validation really rejects a misspelt option', async () => {
    const broken = { ...config, mac: { ...config.mac, hardendRuntime: true } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration\.mac/);
  });

  it('names the product', () => {
    expect(config.appId).toBe('pro.oceanex.wsclient');
    expect(config.productName).toBe('OceanEx WS Client');
  });

  it('packs an allow-list: the built out/ folder and package.json, never sources or tests', () => {
    // getConfig normalises `files` into FileSets; flatten them back to patterns.
    const sets = [config.files ?? []].flat();
    const files = sets.flatMap((set) => (typeof set === 'string' ? [set] : [set.filter ?? []].flat()));
    const included = files.filter((pattern) => !pattern.startsWith('!'));
    expect(included.sort()).toEqual(['out/**', 'package.json']);
    expect(files).toContain('!**/*.{ts,tsx,mts,cts,map}');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('burns the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('macOS: signed, hardened, notarised dmg for Intel and Apple silicon, with the zip auto-update installs from', () => {
    const mac = config.mac ?? {};
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.notarize).toBe(true);
    expect(targetNames(mac.target)).toEqual(['dmg', 'zip']);
    for (const target of mac.target as TargetConfiguration[]) expect(target.arch).toEqual(['x64', 'arm64']);
    expect(existsSync(resource(mac.icon ?? ''))).toBe(true);
  });

  it('macOS entitlements grant the JIT and nothing broader', () => {
    const mac = config.mac ?? {};
    expect(mac.entitlements).toBe('assets/entitlements.mac.plist');
    expect(mac.entitlementsInherit).toBe('assets/entitlements.mac.plist');
    const plist = readFileSync(join(PROJECT_DIR, 'assets/entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit=true']);
  });

  it('Windows: per-user NSIS installer with shortcuts, signed with SHA-256', () => {
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(config.nsis?.oneClick).toBe(false);
    expect(config.nsis?.perMachine).toBe(false);
    expect(config.nsis?.createDesktopShortcut).toBe(true);
    expect(config.nsis?.createStartMenuShortcut).toBe(true);
    expect(config.win?.signtoolOptions?.signingHashAlgorithms).toEqual(['sha256']);
    expect(existsSync(resource(config.win?.icon ?? ''))).toBe(true);
  });

  it('Linux: AppImage and a deb that depends on libsecret (keytar’s backend)', () => {
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.deb?.depends).toContain('libsecret-1-0');
    expect(existsSync(resource(join(config.linux?.icon ?? '', '512x512.png')))).toBe(true);
  });
});
