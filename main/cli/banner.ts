// The original ws_client.py banner, with its list of choices built from the catalogue.

import { CHOICES, type ChoiceSpec } from '../oceanex/catalogue';

/** Inner width of the original's star box. */
const INNER = 102;
const TITLE = 'OCEANEX INTERACTIVE CLIENT';

export const PROMPT = 'Prompt ("stop" "q" "quit" "exit" to quit, h or ? or \'help\' to Help):';
export const QUIT_WORDS: readonly string[] = ['stop', 'q', 'quit', 'exit'];
export const HELP_WORDS: readonly string[] = ['h', '?', 'help', 'banner'];
export const CLEAR_WORDS: readonly string[] = ['cls', 'clear'];

function row(text: string): string {
  return `*${text.padEnd(INNER)}*`;
}

/** "MARKET_ID,SIDE,PRICE,VOLUME,ORD_TYPE" from the prompt "MARKET_ID,SIDE,… (example: …)". */
function promptFieldsHint(choice: ChoiceSpec): string {
  if (choice.prompt === undefined) return '';
  const names = choice.prompt.replace(/\s*\(.*$/, '').replace(/\s+/g, '');
  return `: ${names}`;
}

/** One banner line per choice: "   6: New Order: MARKET_ID,SIDE,PRICE,VOLUME,ORD_TYPE". */
export function choiceLine(choice: ChoiceSpec): string {
  return `${String(choice.number).padStart(4)}: ${choice.label}${promptFieldsHint(choice)}`;
}

export function banner(): string {
  const left = Math.floor((INNER + 2 - TITLE.length) / 2);
  const lines = [
    `${'*'.repeat(left)}${TITLE}${'*'.repeat(INNER + 2 - left - TITLE.length)}`,
    row(''),
    row('  Type cls or clear to clear the screen and display banner again.'),
    row("  Type banner, h, ? or 'help' to display this 'banner' again."),
    row('  Type stop, q, quit or exit to disconnect and quit.'),
    row('  Type a choice number; choices with arguments then ask for them in one comma-separated line.'),
    row(''),
    row('  INPUT CHOICES:'),
    ...CHOICES.map((c) => row(`    ${choiceLine(c)}`)),
    row(''),
    '*'.repeat(INNER + 2),
  ];
  return lines.join('\n');
}
