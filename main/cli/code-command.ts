// `npm run cli -- code --lang python|node CHOICE [--field NAME=VALUE]...`: prints a standalone program that sends
// the choice's request (and signs the login first when the choice is private), from the app's own generator.

import { parseArgs } from 'node:util';
import { choiceById, choiceByNumber } from '../../shared/oceanex/catalogue';
import { CODE_LANGUAGES, codeRequestForChoice, generateProgram, type CodeLanguage } from '../../shared/codegen/index';
import { printable } from './printable';

export const CODE_USAGE = `Usage: npm run cli -- code --lang python|node CHOICE [--field NAME=VALUE]...

Prints a standalone program (Python: websocket-client + cryptography; Node: ws, ES module) that connects to
OCEANEX_WS_URL, logs in with OCEANEX_UID, OCEANEX_API_KEY and the key in OCEANEX_KEY_FILE when the choice is
private, sends the choice's request and prints the reply as one JSON line (exit 0 when its code is 0, else 1).

  CHOICE              a choice number (1-15) or id, e.g. 14 or orderBook
  --lang LANG         python or node
  --field NAME=VALUE  a field of the choice, as typed in the app's form (repeat for each field),
                      e.g. --field market=vetusdt --field level=2 --field precision=6

Example: npm run cli -- code --lang python 14 --field market=vetusdt --field level=2 --field precision=6 > book.py
`;

export interface CodeCommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Exit code 0 with the program on `out`; 2 with the reason on `err` for anything wrong (nothing printed on `out`). */
export function runCodeCommand(argv: readonly string[], io: CodeCommandIo): number {
  const refuse = (message: string): number => {
    io.err(`error: ${printable(message, 500)}\n\n${CODE_USAGE}`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: { lang: { type: 'string' }, field: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return refuse((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(CODE_USAGE);
    return 0;
  }
  const language = values.lang?.trim().toLowerCase();
  if (!(CODE_LANGUAGES as readonly string[]).includes(language ?? '')) return refuse(`--lang must be python or node${values.lang === undefined ? '' : `, got "${values.lang}"`}`);
  if (positionals.length !== 1) return refuse(positionals.length === 0 ? 'name the choice, e.g. 14 or orderBook' : `one choice at a time, got ${positionals.length}`);
  const name = positionals[0]!.trim();
  const choice = /^\d{1,2}$/.test(name) ? choiceByNumber(Number(name)) : choiceById(name);
  if (choice === undefined) return refuse(`"${name}" is not a choice: give its number (1-15) or its id, e.g. orderBook`);
  const fields: Record<string, string> = {};
  for (const field of values.field ?? []) {
    const at = field.indexOf('=');
    if (at <= 0) return refuse(`--field needs NAME=VALUE, got "${field}"`);
    const fieldName = field.slice(0, at).trim();
    if (Object.hasOwn(fields, fieldName)) return refuse(`--field ${fieldName} is given twice`);
    fields[fieldName] = field.slice(at + 1);
  }
  const result = codeRequestForChoice(choice.number, fields);
  if (!result.ok) return refuse(result.error);
  io.out(generateProgram(language as CodeLanguage, result.request));
  return 0;
}
