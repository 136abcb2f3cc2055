// What the built app needs from node_modules at run time: the packages its bundles leave external
// (require/import of a bare specifier), plus everything those packages depend on, resolved the way Node does.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

const BUILTINS = new Set(builtinModules);
/** Provided by the Electron runtime itself, never packaged. */
const RUNTIME_PROVIDED = new Set(['electron']);
/** npm's package-name rule: what a real specifier's first segment(s) look like. */
const VALID_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Bare package names a bundle loads at run time (CommonJS require, static and dynamic import). */
export function externalPackages(bundle: string): Set<string> {
  const specifiers = [
    ...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
    ...bundle.matchAll(/^\s*import\s+(?:[\w$*{}\s,]+\s+from\s+)?["']([^"']+)["']/gm),
    ...bundle.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1] ?? '');
  const names = specifiers
    .filter((s) => s !== '' && !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:'))
    .map(packageName)
    .filter((name) => VALID_NAME.test(name) && !BUILTINS.has(name) && !RUNTIME_PROVIDED.has(name));
  return new Set(names);
}

/**
 * Dependencies a package declares but only its install script uses. keytar's install runs prebuild-install
 * (download a prebuilt keytar.node, else compile it against node-addon-api's headers); at run time
 * lib/keytar.js only loads build/Release/keytar.node.
 */
export const INSTALL_TIME_ONLY: Readonly<Record<string, readonly string[]>> = {
  keytar: ['prebuild-install', 'node-addon-api'],
};

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Node's lookup: <dir>/node_modules/<name>, then each parent folder's, up to the project. */
function resolvePackageDir(name: string, fromDir: string, projectDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === projectDir) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Every installed package the given roots need, as paths relative to the project
 * ("node_modules/ws", "node_modules/a/node_modules/b"). A missing required dependency throws;
 * a missing optional one is skipped, as npm does.
 */
export function runtimeClosure(roots: Iterable<string>, projectDir: string): Set<string> {
  const found = new Set<string>();
  const queue: Array<{ name: string; from: string; optional: boolean }> = [...roots].map((name) => ({ name, from: projectDir, optional: false }));
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    const dir = resolvePackageDir(next.name, next.from, projectDir);
    if (!dir) {
      if (next.optional) continue;
      throw new Error(`${next.name} (needed from ${relative(projectDir, next.from) || 'the app'}) is not installed`);
    }
    const key = relative(projectDir, dir).split(sep).join('/');
    if (found.has(key)) continue;
    found.add(key);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
    const installOnly = new Set(INSTALL_TIME_ONLY[next.name] ?? []);
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (!installOnly.has(name)) queue.push({ name, from: dir, optional: false });
    }
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) queue.push({ name, from: dir, optional: true });
  }
  return found;
}

/** "name@version" of the package in a folder, read from its package.json text. */
export function packageId(manifestText: string): string {
  const manifest = JSON.parse(manifestText) as PackageJson;
  return `${manifest.name ?? '?'}@${manifest.version ?? '?'}`;
}

/** A package's own folder: node_modules/<name> or node_modules/@scope/<name>, possibly nested. */
const PACKAGE_DIR = /^node_modules\/(?:@[^/]+\/)?[^/@][^/]*(?:\/node_modules\/(?:@[^/]+\/)?[^/@][^/]*)*$/;

/** Package folders inside an archive listing: "/node_modules/x/package.json" → "node_modules/x". */
export function packagesInListing(paths: readonly string[]): Set<string> {
  const packages = new Set<string>();
  for (const path of paths) {
    if (!path.endsWith('/package.json')) continue;
    const dir = path.slice(1, -'/package.json'.length);
    if (PACKAGE_DIR.test(dir)) packages.add(dir);
  }
  return packages;
}
