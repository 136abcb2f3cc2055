// The smoke test's decision to run or skip rests on this lookup: check it against real folders.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { displayProblem, findElectron } from './electron-binary';

let project: string;

function fakeProject(files: Record<string, string>): string {
  project = mkdtempSync(join(tmpdir(), 'oceanex-electron-lookup-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(project, path, '..'), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  return project;
}

afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('findElectron', () => {
  it('reports a missing electron package', () => {
    expect(findElectron(fakeProject({}), {})).toEqual({ unavailable: expect.stringContaining('not installed') });
  });

  it('reports a binary that was never downloaded (no path.txt), as on our dev machines', () => {
    const dir = fakeProject({ 'node_modules/electron/package.json': '{}' });
    expect(findElectron(dir, {})).toEqual({ unavailable: expect.stringContaining('never downloaded') });
  });

  it('reports a path.txt whose binary is gone', () => {
    const dir = fakeProject({ 'node_modules/electron/package.json': '{}', 'node_modules/electron/path.txt': 'electron' });
    expect(findElectron(dir, {})).toEqual({ unavailable: expect.stringContaining('binary is missing') });
  });

  it('finds the downloaded binary through path.txt', () => {
    const dir = fakeProject({
      'node_modules/electron/package.json': '{}',
      'node_modules/electron/path.txt': 'electron',
      'node_modules/electron/dist/electron': '',
    });
    expect(findElectron(dir, {})).toEqual({ executable: join(dir, 'node_modules/electron/dist/electron') });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH with the platform’s executable name', () => {
    const dir = fakeProject({ 'node_modules/electron/package.json': '{}', 'dist/electron.exe': '' });
    const env = { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'dist') };
    expect(findElectron(dir, env, 'win32')).toEqual({ executable: join(dir, 'dist', 'electron.exe') });
    expect(findElectron(dir, env, 'linux')).toEqual({ unavailable: expect.stringContaining('binary is missing') });
  });
});

describe('displayProblem', () => {
  it('needs a display on Linux only', () => {
    project = mkdtempSync(join(tmpdir(), 'unused-'));
    expect(displayProblem({}, 'linux')).toMatch(/xvfb-run/);
    expect(displayProblem({ DISPLAY: ':99' }, 'linux')).toBeUndefined();
    expect(displayProblem({}, 'darwin')).toBeUndefined();
  });
});
