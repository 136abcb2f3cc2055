// Packs the real app with `electron-builder --linux --dir` (a stand-in Electron, no downloads) and inspects
// what users would get: app.asar holds the built app and exactly the runtime dependencies, nothing else;
// keytar's native module is unpacked; the security fuses are burnt into the executable.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import type { Configuration } from 'app-builder-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuilderConfig, PROJECT_DIR } from './builder-config';
import { ensureBuilt, OUT_DIR } from './build-output';
import { runNodeCli } from './run-node';
import { externalPackages, packageId, packagesInListing, runtimeClosure } from './runtime-deps';
import { FUSE_OFF, FUSE_ON, writeStandInElectronDist } from './stand-in-electron';

const SKIP_REASON =
  process.platform === 'linux' ? undefined : `the stand-in Electron distribution is Linux-shaped; packaging is inspected on Linux (here: ${process.platform})`;
if (SKIP_REASON) console.warn(`[packaging] skipped: ${SKIP_REASON}`);

const EXECUTABLE = 'oceanex-ws-client';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(join(dir, entry)).isFile())
    .map((entry) => entry.split(sep).join('/'));
}

describe.skipIf(SKIP_REASON)('packaged app (electron-builder --dir, stand-in Electron)', () => {
  let work: string;
  let appDir: string;
  let asarPath: string;
  let listing: string[];
  let config: Configuration;
  let needed: Set<string>;
  let externals: Set<string>;

  beforeAll(async () => {
    await ensureBuilt();
    config = await loadBuilderConfig();
    work = mkdtempSync(join(tmpdir(), 'oceanex-packaging-'));
    writeStandInElectronDist(join(work, 'electron-dist'));
    const builder = await runNodeCli(join(PROJECT_DIR, 'node_modules/electron-builder/cli.js'), [
      '--linux',
      '--dir',
      '--x64',
      `-c.electronDist=${join(work, 'electron-dist')}`,
      // Rebuilding native modules for Electron's ABI downloads Electron's headers; the release workflow does it.
      '-c.npmRebuild=false',
      `-c.directories.output=${join(work, 'release')}`,
    ]);
    if (builder.code !== 0) throw new Error(`electron-builder failed (exit ${builder.code}):\n${builder.output}`);
    appDir = join(work, 'release', 'linux-unpacked');
    asarPath = join(appDir, 'resources', 'app.asar');
    listing = listPackage(asarPath, { isPack: false });

    const bundles = ['main', 'preload'].flatMap((part) =>
      filesUnder(join(OUT_DIR, part))
        .filter((file) => /\.[cm]?js$/.test(file))
        .map((file) => readFileSync(join(OUT_DIR, part, file), 'utf8')),
    );
    externals = externalPackages(bundles.join('\n'));
    needed = runtimeClosure(externals, PROJECT_DIR);
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('app.asar holds the whole built app: main, preload, renderer and package.json', () => {
    const built = filesUnder(OUT_DIR).filter((file) => !file.endsWith('.map'));
    expect(built.length).toBeGreaterThan(3);
    const packed = listing.filter((path) => path.startsWith('/out/') && !('files' in statFile(asarPath, path.slice(1))));
    expect(packed.map((path) => path.slice('/out/'.length)).sort()).toEqual(built.sort());
    const manifest = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as { main: string };
    expect(manifest.main).toBe('out/main/index.js');
    expect(listing).toContain('/out/main/index.js');
    expect(listing).toContain('/out/preload/index.js');
    expect(listing).toContain('/out/renderer/index.html');
  });

  it('app.asar holds no sources, tests, source maps or project tooling', () => {
    const topLevel = new Set(listing.map((path) => path.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);
    expect(listing.filter((path) => /\.(ts|tsx|mts|cts|map)$/.test(path))).toEqual([]);
    expect(listing.filter((path) => /\/(test|tests|__tests__)(\/|$)/.test(path))).toEqual([]);
    expect(listing.filter((path) => path.includes('/.bin/') || path.endsWith('/.bin'))).toEqual([]);
  });

  it('main leaves keytar (native) and the other runtime packages external', () => {
    expect(externals.has('keytar')).toBe(true);
    expect(externals.has('electron')).toBe(false);
  });

  it('node_modules in app.asar is exactly what the bundles load at run time, with its dependencies', () => {
    // Compared as name@version: electron-builder may hoist a nested package when the production tree allows it.
    const packed = [...packagesInListing(listing)].map((dir) => packageId(extractFile(asarPath, `${dir}/package.json`).toString('utf8')));
    const wanted = [...needed].map((dir) => packageId(readFileSync(join(PROJECT_DIR, dir, 'package.json'), 'utf8')));
    expect(new Set(packed).size).toBe(packed.length);
    expect(packed.sort()).toEqual([...new Set(wanted)].sort());
  });

  it('keytar’s install-time dependencies (prebuild-install, node-addon-api) are left out', () => {
    const packed = packagesInListing(listing);
    expect(packed.has('node_modules/keytar')).toBe(true);
    expect(packed.has('node_modules/prebuild-install')).toBe(false);
    expect(packed.has('node_modules/node-addon-api')).toBe(false);
  });

  it('no devDependency and no renderer-only package (bundled into out/renderer) is packed', () => {
    const manifest = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const notNeeded = [...Object.keys(manifest.devDependencies), ...Object.keys(manifest.dependencies)].filter(
      (name) => !needed.has(`node_modules/${name}`),
    );
    expect(notNeeded).toEqual(expect.arrayContaining(['electron', 'electron-builder', 'vitest', 'typescript', 'react', 'react-dom']));
    const packed = packagesInListing(listing);
    expect(notNeeded.filter((name) => packed.has(`node_modules/${name}`))).toEqual([]);
  });

  it('keytar’s native module sits in app.asar.unpacked, byte for byte the built one', () => {
    const inside = 'node_modules/keytar/build/Release/keytar.node';
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked', inside);
    expect(existsSync(unpacked)).toBe(true);
    expect(statFile(asarPath, inside)).toMatchObject({ unpacked: true });
    expect(readFileSync(unpacked).equals(readFileSync(join(PROJECT_DIR, inside)))).toBe(true);
    const nativeInAsar = listing.filter((path) => path.endsWith('.node'));
    for (const path of nativeInAsar) expect(statFile(asarPath, path.slice(1))).toMatchObject({ unpacked: true });
    expect(relative(appDir, unpacked)).toBe(join('resources', 'app.asar.unpacked', inside));
  });

  it('resources/app-update.yml tells electron-updater the GitHub release feed (from publish:)', () => {
    const yml = readFileSync(join(appDir, 'resources', 'app-update.yml'), 'utf8');
    expect(yml).toMatch(/^provider: github$/m);
    expect(yml).toMatch(/^owner: oceanex$/m);
    expect(yml).toMatch(/^repo: oceanex-ws-client$/m);
    expect(yml).toMatch(/^updaterCacheDirName: \S+$/m);
  });

  it('the executable’s fuses are burnt as electron-builder.yml says', async () => {
    const wire = await getCurrentFuseWire(join(appDir, EXECUTABLE));
    const fuses = config.electronFuses ?? {};
    const expected: Record<string, boolean | undefined> = {
      [FuseV1Options.RunAsNode]: fuses.runAsNode,
      [FuseV1Options.EnableCookieEncryption]: fuses.enableCookieEncryption,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: fuses.enableNodeOptionsEnvironmentVariable,
      [FuseV1Options.EnableNodeCliInspectArguments]: fuses.enableNodeCliInspectArguments,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: fuses.enableEmbeddedAsarIntegrityValidation,
      [FuseV1Options.OnlyLoadAppFromAsar]: fuses.onlyLoadAppFromAsar,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: fuses.loadBrowserProcessSpecificV8Snapshot,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: fuses.grantFileProtocolExtraPrivileges,
    };
    const burnt = Object.fromEntries(Object.keys(expected).map((index) => [index, wire[index as unknown as FuseV1Options]]));
    const wanted = Object.fromEntries(Object.entries(expected).map(([index, on]) => [index, on ? FUSE_ON : FUSE_OFF]));
    expect(burnt).toEqual(wanted);
    // The stand-in started from Electron's defaults, so runAsNode really was switched off by the build.
    expect(wire[FuseV1Options.RunAsNode]).toBe(FUSE_OFF);
  });
});
