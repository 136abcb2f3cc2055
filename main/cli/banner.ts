// ws_client.py's banner, line for line and in its layout (a 104-column star box, "Choice:  N)  Label"), with its
// typos fixed ("lhelp", "'help'to", "Hisotry"). The choice rows keep the original's labels; the catalogue's
// numbering is the same, which a test checks.

import { CHOICES } from '../../shared/oceanex/catalogue';

/** Inner width of the original's star box. */
const INNER = 102;
const TITLE = 'OCEANEX INTERACTIVE CLIENT';

export const PROMPT = 'Prompt ("stop" "q" "quit" "exit" to quit, h or ? or \'help\' to Help):';
export const QUIT_WORDS: readonly string[] = ['stop', 'q', 'quit', 'exit'];
export const HELP_WORDS: readonly string[] = ['h', '?', 'help', 'banner'];
export const CLEAR_WORDS: readonly string[] = ['cls', 'clear'];

/** The original's label for each choice number, with its argument hint. */
export const ORIGINAL_LABELS: Readonly<Record<number, string>> = {
  1: 'Authenticate',
  2: 'Get All Tickers',
  3: 'Get All Markets',
  4: 'Get All TradingFee',
  5: 'Get Account',
  6: 'Enter New Order:MARKET_ID,SIDE,PRICE,VOLUME,ORD_TYPE',
  7: 'Cancel Multiple Orders:OIDs',
  8: 'Mass Cancel All',
  9: 'List Open Orders:MARKET_ID,ORD_TYPE',
  10: 'Display Order Details:OID',
  11: 'Display History Order:OID',
  12: 'Display All History Orders:MARKET_ID',
  13: 'Get Timestamp',
  14: 'Get OrderBook: MARKET_ID,LEVEL,PRECISION',
  15: 'Get K-line: MARKET_ID,LIMIT,PERIOD',
  16: 'Disconnect',
  17: 'Reconnect',
};

function row(text: string): string {
  return `*${text.padEnd(INNER)}*`;
}

/** "       Choice:  6)  Enter New Order:MARKET_ID,…" as the original aligned it. */
export function choiceLine(number: number): string {
  return `       Choice: ${String(number).padStart(2)})  ${ORIGINAL_LABELS[number] ?? ''}`;
}

export function banner(): string {
  const left = 33;
  const lines = [
    `${'*'.repeat(left)}${TITLE}${'*'.repeat(INNER + 2 - left - TITLE.length)}`,
    row(''),
    row('  Type cls or clear to clear the screen and display banner again.'),
    row("  Type banner or help to display this 'banner' again."),
    row("  Type h or ? or 'help' to get help on all commands for this Session."),
    row('  Type q or Q to exit.'),
    row(''),
    row(''),
    row(''),
    row('  INPUT CHOICES:'),
    ...CHOICES.map((c) => row(` ${choiceLine(c.number)}`)),
    row(''),
    row(''),
    '*'.repeat(INNER + 2),
  ];
  return lines.join('\n');
}
