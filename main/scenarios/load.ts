// Reading a scenario file from disk: its size is checked before it is read (a 2 GB file is refused, not loaded),
// then the text is checked (shared/scenario/check.ts). Problems come back as "file:line:column: message".

import { readFile, stat } from 'node:fs/promises';
import { checkScenario, type CheckOptions } from '../../shared/scenario/check';
import { MAX_SCENARIO_BYTES } from '../../shared/scenario/limits';
import type { Scenario } from '../../shared/scenario/model';

export type LoadedScenario = { readonly ok: true; readonly file: string; readonly scenario: Scenario } | { readonly ok: false; readonly file: string; readonly problems: readonly string[] };

/** Reads a file of at most MAX_SCENARIO_BYTES as UTF-8 text; the error is a sentence naming the file. */
export async function readScenarioText(file: string): Promise<{ text: string } | { error: string }> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return { error: `${file}: not a file` };
    if (info.size > MAX_SCENARIO_BYTES) return { error: `${file}: the file is ${info.size} bytes; a scenario file holds at most ${MAX_SCENARIO_BYTES} bytes (${MAX_SCENARIO_BYTES / 1024} KiB)` };
    const bytes = await readFile(file);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return { error: `${file}: no such file` };
    if (error instanceof TypeError) return { error: `${file}: the file is not UTF-8 text` };
    return { error: `${file}: could not be read (${typeof code === 'string' ? code : (error as Error).message})` };
  }
}

export async function loadScenarioFile(file: string, options: CheckOptions): Promise<LoadedScenario> {
  const read = await readScenarioText(file);
  if ('error' in read) return { ok: false, file, problems: [read.error] };
  const checked = checkScenario(read.text, options);
  if (!checked.ok) return { ok: false, file, problems: checked.diagnostics.map((d) => `${file}:${d.line}:${d.column}: ${d.message}`) };
  return { ok: true, file, scenario: checked.scenario };
}
