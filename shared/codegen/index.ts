// Copy as code: one generator for the app's "Copy as code" button and the terminal client's `code` command.
// Pure (no Node, no DOM): a request in, a standalone program out. No key material ever enters a program: the key
// is read at run time from the file named by OCEANEX_KEY_FILE.

import { nodeProgram } from './node';
import { pythonProgram } from './python';
import type { CodeLanguage, CodeRequest } from './request';

export * from './request';

export const LANGUAGE_LABELS: Readonly<Record<CodeLanguage, string>> = { python: 'Python', node: 'Node' };

export function generateProgram(language: CodeLanguage, request: CodeRequest): string {
  return language === 'python' ? pythonProgram(request) : nodeProgram(request);
}
