// Flat config: typescript-eslint's recommended rules for all TypeScript, React hooks rules for the renderer, and the
// process boundaries as rules (the TypeScript projects enforce them too): web code never reaches Node or main.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import regexp from 'eslint-plugin-regexp';

const NO_NODE = 'Web code (renderer, preload, shared) runs without Node: ask main through the preload API.';
const nodeBuiltins = { group: ['node:*'], message: NO_NODE };
/** Bare builtin names ("fs", "path") must match exactly, not as path segments (renderer/src/log/Inspector is not "inspector"). */
const nodeBuiltinPaths = builtinModules.map((name) => ({ name, message: NO_NODE }));
const mainCode = { group: ['**/main/**', '../main', '../../main'], message: 'Only main may import main-process code; shared code lives in shared/.' };
const rendererCode = { group: ['**/renderer/**'], message: 'The renderer is a leaf: nothing imports it.' };
const preloadEntry = { group: ['**/preload/index', '**/preload/index.ts'], message: 'preload/index.ts is the Electron entry; use preload/api.' };
const electron = { group: ['electron'], message: 'Only main/electron/, main/ipc/register.ts, main/index.ts and preload/index.ts may import electron (or the shell in main/electron/).' };
const mainToPreload = { group: ['**/preload/**'], message: 'main talks to the renderer through shared/ipc, not preload.' };
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { paths: patterns.includes(nodeBuiltins) ? nodeBuiltinPaths : [], patterns }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-output/**', 'release/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Who may import what: one block per folder, for every file in it (globs), then the few named exceptions.
  // Later blocks replace earlier ones for the same files, so each names its full list.
  { files: ['renderer/**/*.{ts,tsx}'], rules: restrict(nodeBuiltins, mainCode, preloadEntry, electron) },
  { files: ['shared/**/*.ts'], rules: restrict(nodeBuiltins, mainCode, rendererCode, { group: ['**/preload/**'], message: 'shared/ sits below preload.' }, electron) },
  // preload/: web code like the renderer; only its Electron entry (index.ts) may import electron.
  { files: ['preload/**/*.ts'], rules: restrict(nodeBuiltins, mainCode, rendererCode, electron) },
  { files: ['preload/index.ts'], rules: restrict(nodeBuiltins, mainCode, rendererCode) },
  // main/: plain Node; only the Electron shell (main/electron/), the IPC registration and the entry (index.ts, which
  // starts the shell) may import electron or the shell.
  { files: ['main/**/*.ts'], rules: restrict(rendererCode, mainToPreload, electron) },
  { files: ['main/index.ts', 'main/electron/**/*.ts', 'main/ipc/register.ts'], rules: restrict(rendererCode, mainToPreload) },
  // Main and shared code run patterns over text a peer controls (frames, REST answers, files, renderer input): none may
  // backtrack super-linearly (test/chaos/linear-text.test.ts feeds the worst cases).
  {
    files: ['main/**/*.ts', 'shared/**/*.ts'],
    plugins: { regexp },
    rules: { 'regexp/no-super-linear-backtracking': 'error', 'regexp/no-super-linear-move': ['error', { ignoreSticky: true, ignorePartial: false }] },
  },
);
