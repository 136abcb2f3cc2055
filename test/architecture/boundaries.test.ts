// The process boundaries are lint rules, not comments: web code (renderer, preload, shared) that reaches for Node
// or main-process code, or main code that reaches into the renderer, is a red build. Lints real source text with
// the project's own eslint.config.mjs, as `npm run lint` does.
import { join } from 'node:path';
import { ESLint } from 'eslint';
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
