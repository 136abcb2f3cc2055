// The process boundaries are lint rules, not comments: web code (renderer, preload, shared) that reaches for Node
// or main-process code, or main code that reaches into the renderer, is a red build. Lints real source text with
// the project's own eslint.config.mjs, as `npm run lint` does.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  const violations: Array<[file: string, source: string]> = [
    ['renderer/src/Probe.tsx', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"],
    ['renderer/src/Probe.tsx', "import { readFileSync } from 'fs';\nexport const probe = readFileSync;\n"],
    ['renderer/src/Probe.tsx', "import { SettingsStore } from '../../main/services/settings';\nexport const probe = SettingsStore;\n"],
    ['renderer/src/Probe.tsx', "import { ipcRenderer } from 'electron';\nexport const probe = ipcRenderer;\n"],
    ['preload/api.ts', "import { Session } from '../main/oceanex/session';\nexport const probe = Session;\n"],
    ['preload/index.ts', "import { spawn } from 'node:child_process';\nexport const probe = spawn;\n"],
    ['shared/oceanex/probe.ts', "import { createHash } from 'node:crypto';\nexport const probe = createHash;\n"],
    ['shared/oceanex/probe.ts', "import { AppLog } from '../../main/services/app-log';\nexport const probe = AppLog;\n"],
    ['main/services/probe.ts', "import { App } from '../../renderer/src/App';\nexport const probe = App;\n"],
    ['main/oceanex/probe.ts', "import { app } from 'electron';\nexport const probe = app;\n"],
  ];

  it.each(violations)('%s: refuses %s', async (file, source) => {
    expect(await restrictedImports(file, source)).toHaveLength(1);
  });

  it('allows what each side is meant to import', async () => {
    expect(await restrictedImports('renderer/src/Probe.tsx', "import { CHOICES } from '../../shared/oceanex/catalogue';\nimport { Inspector } from './log/Inspector';\nexport const probe = [CHOICES, Inspector];\n")).toEqual([]);
    expect(await restrictedImports('preload/index.ts', "import { contextBridge } from 'electron';\nimport { createApi } from './api';\nexport const probe = [contextBridge, createApi];\n")).toEqual([]);
    expect(await restrictedImports('main/electron/probe.ts', "import { app } from 'electron';\nimport { readFileSync } from 'node:fs';\nexport const probe = [app, readFileSync];\n")).toEqual([]);
  });
});

// The rules cover folders, not a list of today's files: a file added tomorrow is held to its folder's rules. Each
// case writes a real new file into the source tree, lints it from disk as `npm run lint` does, and removes it.
describe('import boundaries hold for a file that did not exist before', () => {
  const probe = `boundary-probe-${process.pid}`;

  async function lintNewFile(folder: string, source: string, ext = 'ts'): Promise<string[]> {
    const dir = join(ROOT, folder);
    const file = join(dir, `${probe}.${ext}`);
    const created = !existsDir(dir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, source);
    try {
      const [result] = await eslint.lintFiles([file]);
      return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
    } finally {
      rmSync(created ? dir : file, { recursive: true, force: true });
    }
  }

  const newFiles: Array<[folder: string, source: string, refusal: RegExp]> = [
    ['preload', "import { Session } from '../main/oceanex/session';\nexport const probe = Session;\n", /Only main may import main-process code/],
    ['preload', "import { ipcRenderer } from 'electron';\nexport const probe = ipcRenderer;\n", /may import electron/],
    ['preload', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n", /runs without Node/],
    ['shared/ipc', "import { AppLog } from '../../main/services/app-log';\nexport const probe = AppLog;\n", /Only main may import main-process code/],
    ['renderer/src/tools', "import { SettingsStore } from '../../../main/services/settings';\nexport const probe = SettingsStore;\n", /Only main may import main-process code/],
    ['main/ipc', "import { ipcMain } from 'electron';\nexport const probe = ipcMain;\n", /may import electron/],
    ['main/app', "import { startApp } from '../electron/app';\nexport const probe = startApp;\n", /may import electron/],
    ['main/services', "import { App } from '../../renderer/src/App';\nexport const probe = App;\n", /The renderer is a leaf/],
    ['main/newfolder', "import { app } from 'electron';\nexport const probe = app;\n", /may import electron/],
  ];

  it.each(newFiles)('a new file in %s/: refuses %s', async (folder, source, refusal) => {
    const messages = await lintNewFile(folder, source);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(refusal);
  });

  it('keeps the exceptions to the entry files: a new file beside them gets the folder rule', async () => {
    expect(await restrictedImports('preload/index.ts', "import { ipcRenderer } from 'electron';\nexport const probe = ipcRenderer;\n")).toEqual([]);
    expect(await restrictedImports('main/ipc/register.ts', "import { ipcMain } from 'electron';\nexport const probe = ipcMain;\n")).toEqual([]);
    expect(await lintNewFile('preload', "import { EVENT_CHANNELS } from '../shared/ipc/channels';\nexport const probe = EVENT_CHANNELS;\n")).toEqual([]);
  });

  it('type-checks every preload file but the Electron entry as web code (no Node types)', () => {
    const configPath = join(ROOT, 'tsconfig.web.json');
    const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
    const dir = join(ROOT, 'preload');
    const file = join(dir, `${probe}.ts`);
    writeFileSync(file, 'export const probe = 1;\n');
    try {
      const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configPath);
      expect(parsed.fileNames).toContain(file);
      expect(parsed.fileNames).toContain(join(dir, 'api.ts'));
      expect(parsed.fileNames).not.toContain(join(dir, 'index.ts'));
      expect(parsed.options.types).toEqual([]);
    } finally {
      rmSync(file, { force: true });
    }
  });
});

function existsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

describe('patterns over outside text are linear (eslint-plugin-regexp)', () => {
  async function regexpFindings(file: string, source: string): Promise<string[]> {
    const [result] = await eslint.lintText(source, { filePath: join(ROOT, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('regexp/')).map((m) => m.ruleId as string);
  }

  it.each([
    ['main/services/probe.ts', 'export const probe = (t: string) => t.replace(/[ \\t]+\\n/g, "");\n', 'regexp/no-super-linear-move'],
    ['shared/oceanex/probe.ts', 'export const probe = /^(?:\\s*[A-Za-z-]+:[^\\n]*)*\\s*x$/;\n', 'regexp/no-super-linear-backtracking'],
  ])('%s: refuses %s', async (file, source, rule) => {
    expect(await regexpFindings(file, source)).toContain(rule);
  });

  it('allows the linear forms', async () => {
    expect(await regexpFindings('main/services/probe.ts', 'export const probe = (t: string) => t.replace(/(?<![ \\t])[ \\t]+\\n/g, "");\n')).toEqual([]);
  });
});
