// The 17 choices of OceanEx's terminal client: the single source of truth for the main process (validation,
// request building, menu), the renderer (forms, sidebar) and the terminal client (banner, prompts).
// Pure data and pure functions only: this file is imported by the browser bundle, so no Node imports.

export type ChoiceGroup = 'session' | 'market' | 'account';

/** What kind of value a field holds; decides both validation and the JSON type sent. */
export type FieldKind =
  | 'market' // market id such as "vetusdt" → string
  | 'marketList' // comma/space separated market ids → string[]
  | 'enum' // one of `options` → string
  | 'time' // Unix seconds, or an ISO date/time in this computer's zone ("2026-12-06", "2026-12-06 06:24:10") → seconds
  | 'decimal' // positive decimal → JSON number
  | 'integer' // integer within [min, max] → JSON number
  | 'idList'; // comma/space separated positive integers → number[]

export interface FieldSpec {
  /** Key in the validated values (not necessarily the wire name; `buildArgs` maps it). */
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** The original prompt's example value, used as a placeholder. */
  readonly example: string;
  readonly options?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly help?: string;
  /** Not asked for (may be left empty, and is then not sent) when another field holds this value: a market order's price. */
  readonly notNeededWhen?: { readonly field: string; readonly value: string };
}

/** Whether `field` may be left out given the other fields typed (a market order needs no price). */
export function notNeeded(field: FieldSpec, raw: RawFields): boolean {
  const when = field.notNeededWhen;
  return when !== undefined && (raw[when.field] ?? '').trim() === when.value;
}

export type ChoiceKind = 'login' | 'request' | 'disconnect' | 'reconnect';

export interface ChoiceSpec {
  readonly number: number;
  readonly id: ChoiceId;
  /** Label exactly as in the original banner. */
  readonly label: string;
  readonly group: ChoiceGroup;
  readonly kind: ChoiceKind;
  readonly handler?: string;
  readonly action?: string;
  /** Needs a logged-in connection (refused locally before login). */
  readonly private: boolean;
  /** Changes orders: the UI asks for confirmation before sending. */
  readonly destructive: boolean;
  readonly fields: readonly FieldSpec[];
  /** The original terminal prompt, e.g. "OID (example: 23)"; absent where the original asked nothing. */
  readonly prompt?: string;
  /** Names of the fields read, in order, from the comma-separated prompt line. */
  readonly promptFields: readonly string[];
  /** Accelerator for the application menu and the renderer's keyboard shortcuts. */
  readonly shortcut: string;
}

export type ChoiceId =
  | 'authenticate'
  | 'tickers'
  | 'markets'
  | 'fees'
  | 'account'
  | 'newOrder'
  | 'cancelOrders'
  | 'massCancel'
  | 'openOrders'
  | 'orderDetails'
  | 'historyOrder'
  | 'historyOrders'
  | 'timestamp'
  | 'orderBook'
  | 'kline'
  | 'disconnect'
  | 'reconnect';

/** Every value a validated field can take. */
export type FieldValue = string | number | string[] | number[];
export type FieldValues = Readonly<Record<string, FieldValue>>;
/** Raw text typed by a person, per field name. */
export type RawFields = Readonly<Record<string, string | undefined>>;

export const KLINE_PERIODS = [1, 5, 15, 30, 60, 120, 240, 360, 720, 1440, 4320, 10080] as const;

const market = (required = true): FieldSpec => ({
  name: 'market',
  label: 'Market',
  kind: 'market',
  required,
  example: 'vetusdt',
  help: 'Market id, lower case, e.g. vetusdt',
});
const orderId: FieldSpec = { name: 'id', label: 'Order id', kind: 'integer', required: true, example: '23', min: 1 };
const orderBy: FieldSpec = {
  name: 'order_by',
  label: 'Order by',
  kind: 'enum',
  required: false,
  example: 'desc',
  options: ['asc', 'desc'],
};
const page: FieldSpec = { name: 'page', label: 'Page', kind: 'integer', required: false, example: '1', min: 1 };
const per: FieldSpec = { name: 'per', label: 'Per page', kind: 'integer', required: false, example: '50', min: 1, max: 1000 };
const timeBound = (name: 'start_time' | 'end_time', label: string): FieldSpec => ({
  name,
  label,
  kind: 'time',
  required: false,
  example: '1583764947',
  min: 0,
  help: 'Unix seconds, or a date such as 2026-12-06 06:24:10 (local time)',
});

/** "2026-12-06", "2026-12-06 06:24", "2026-12-06T06:24:10.5Z", "…+01:00": an ISO-like date, the zone optional. */
const ISO_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Unix seconds of a time field's text (epoch seconds as written, or an ISO date in local time unless it names a zone). */
export function parseTimeField(text: string): number | undefined {
  if (INTEGER_RE.test(text)) return Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
  const m = ISO_TIME_RE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${zone ? (zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone) : ''}`;
  const ms = Date.parse(iso);
  // Date.parse rolls 2026-02-31 over to March: a date is only taken when it reads back the same.
  if (!Number.isFinite(ms) || (zone === undefined && new Date(ms).getDate() !== Number(d))) return undefined;
  return Math.floor(ms / 1000);
}

export const CHOICES: readonly ChoiceSpec[] = [
  {
    number: 1, id: 'authenticate', label: 'Authenticate', group: 'session', kind: 'login',
    handler: 'AuthHandler', action: 'login', private: false, destructive: false,
    fields: [], promptFields: [], shortcut: 'CmdOrCtrl+Shift+L',
  },
  {
    number: 2, id: 'tickers', label: 'Get All Tickers', group: 'market', kind: 'request',
    handler: 'TickerHandler', action: 'index', private: false, destructive: false,
    fields: [{
      name: 'markets', label: 'Markets (optional filter)', kind: 'marketList', required: false,
      example: 'vetusdt, ethusdt', help: 'Leave empty for all tickers',
    }],
    promptFields: [], shortcut: 'CmdOrCtrl+2',
  },
  {
    number: 3, id: 'markets', label: 'Get All Markets', group: 'market', kind: 'request',
    handler: 'MarketsHandler', action: 'index', private: false, destructive: false,
    fields: [], promptFields: [], shortcut: 'CmdOrCtrl+3',
  },
  {
    number: 4, id: 'fees', label: 'Get All TradingFee', group: 'market', kind: 'request',
    handler: 'FeeHandler', action: 'trading_fee', private: false, destructive: false,
    fields: [], promptFields: [], shortcut: 'CmdOrCtrl+4',
  },
  {
    number: 5, id: 'account', label: 'Get Account', group: 'account', kind: 'request',
    handler: 'AccountHandler', action: 'index', private: true, destructive: false,
    fields: [], promptFields: [], shortcut: 'CmdOrCtrl+5',
  },
  {
    number: 6, id: 'newOrder', label: 'New Order', group: 'account', kind: 'request',
    handler: 'OrderHandler', action: 'create', private: true, destructive: true,
    fields: [
      market(),
      { name: 'side', label: 'Side', kind: 'enum', required: true, example: 'buy', options: ['buy', 'sell'] },
      {
        // min 0: a market order's price may be 0 (ws_client.py sent one; the exchange ignores it); a limit order's may not.
        name: 'price', label: 'Price', kind: 'decimal', required: true, example: '0.75', min: 0,
        // …or left out: OceanEx fills a market order at the book's prices, so the form does not ask for one.
        notNeededWhen: { field: 'ord_type', value: 'market' },
      },
      { name: 'volume', label: 'Volume', kind: 'decimal', required: true, example: '1000' },
      { name: 'ord_type', label: 'Order type', kind: 'enum', required: true, example: 'limit', options: ['limit', 'market'] },
    ],
    prompt: 'MARKET_ID,SIDE,PRICE,VOLUME,ORD_TYPE (example: vetusdt, buy, 0.75, 1000, limit)',
    promptFields: ['market', 'side', 'price', 'volume', 'ord_type'],
    shortcut: 'CmdOrCtrl+6',
  },
  {
    number: 7, id: 'cancelOrders', label: 'Cancel Multiple Orders', group: 'account', kind: 'request',
    handler: 'OrderHandler', action: 'cancel', private: true, destructive: true,
    fields: [{ name: 'ids', label: 'Order ids', kind: 'idList', required: true, example: '18,19,23' }],
    prompt: 'OIDs (example:18,19,23)', promptFields: ['ids'], shortcut: 'CmdOrCtrl+7',
  },
  {
    number: 8, id: 'massCancel', label: 'Mass Cancel All', group: 'account', kind: 'request',
    handler: 'OrderHandler', action: 'clear', private: true, destructive: true,
    fields: [], promptFields: [], shortcut: 'CmdOrCtrl+8',
  },
  {
    number: 9, id: 'openOrders', label: 'List Open Orders', group: 'account', kind: 'request',
    handler: 'OrderHandler', action: 'index', private: true, destructive: false,
    fields: [
      market(),
      { name: 'ord_type', label: 'Order type', kind: 'enum', required: true, example: 'limit', options: ['limit', 'market'] },
      orderBy, page, per,
    ],
    prompt: 'MARKET_ID, ORD_TYPE (example: vetusdt, limit)', promptFields: ['market', 'ord_type'],
    shortcut: 'CmdOrCtrl+9',
  },
  {
    number: 10, id: 'orderDetails', label: 'Display Order Details', group: 'account', kind: 'request',
    handler: 'OrderHandler', action: 'show', private: true, destructive: false,
    fields: [orderId], prompt: 'OID (example: 23)', promptFields: ['id'], shortcut: 'CmdOrCtrl+Shift+0',
  },
  {
    number: 11, id: 'historyOrder', label: 'Display History Order', group: 'account', kind: 'request',
    handler: 'OrderHistoryHandler', action: 'show', private: true, destructive: false,
    fields: [orderId], prompt: 'OID (example: 23)', promptFields: ['id'], shortcut: 'CmdOrCtrl+Shift+1',
  },
  {
    number: 12, id: 'historyOrders', label: 'Display All History Orders', group: 'account', kind: 'request',
    handler: 'OrderHistoryHandler', action: 'index', private: true, destructive: false,
    fields: [
      market(),
      { name: 'state', label: 'State', kind: 'enum', required: false, example: 'done', options: ['cancel', 'done'] },
      orderBy, page, per, timeBound('start_time', 'Start time'), timeBound('end_time', 'End time'),
    ],
    prompt: 'MARKET_ID (example: vetusdt)', promptFields: ['market'], shortcut: 'CmdOrCtrl+Shift+2',
  },
  {
    number: 13, id: 'timestamp', label: 'Get Timestamp', group: 'market', kind: 'request',
    handler: 'ToolHandler', action: 'timestamp', private: false, destructive: false,
    fields: [], promptFields: [], shortcut: 'CmdOrCtrl+Shift+3',
  },
  {
    number: 14, id: 'orderBook', label: 'Get OrderBook', group: 'market', kind: 'request',
    handler: 'OrderBookHandler', action: 'index', private: false, destructive: false,
    fields: [
      market(),
      { name: 'level', label: 'Level (depth)', kind: 'integer', required: true, example: '2', min: 1, max: 1000 },
      { name: 'precision', label: 'Precision', kind: 'integer', required: true, example: '6', min: 0, max: 18 },
    ],
    prompt: 'MARKET_ID,LEVEL,PRECISION (example: vetusdt, 2, 6)', promptFields: ['market', 'level', 'precision'],
    shortcut: 'CmdOrCtrl+Shift+4',
  },
  {
    number: 15, id: 'kline', label: 'Get K-line', group: 'market', kind: 'request',
    handler: 'KlineHandler', action: 'index', private: false, destructive: false,
    fields: [
      market(),
      { name: 'limit', label: 'Limit (candles)', kind: 'integer', required: true, example: '30', min: 1, max: 10000 },
      {
        name: 'period', label: 'Period (minutes)', kind: 'enum', required: true, example: '5',
        options: KLINE_PERIODS.map(String),
      },
      timeBound('start_time', 'Start time'), timeBound('end_time', 'End time'),
    ],
    prompt: 'MARKET_ID,LIMIT,PERIOD (example: vetusdt, 30, 5)', promptFields: ['market', 'limit', 'period'],
    shortcut: 'CmdOrCtrl+Shift+5',
  },
  {
    number: 16, id: 'disconnect', label: 'Disconnect', group: 'session', kind: 'disconnect',
    private: false, destructive: false, fields: [], promptFields: [], shortcut: 'CmdOrCtrl+Shift+D',
  },
  {
    number: 17, id: 'reconnect', label: 'Reconnect', group: 'session', kind: 'reconnect',
    private: false, destructive: false, fields: [], promptFields: [], shortcut: 'CmdOrCtrl+Shift+R',
  },
];

export const GROUP_LABELS: Readonly<Record<ChoiceGroup, string>> = {
  session: 'Session',
  market: 'Market data',
  account: 'Account & orders',
};

export function choiceByNumber(n: number): ChoiceSpec | undefined {
  return CHOICES.find((c) => c.number === n);
}

export function choiceById(id: string): ChoiceSpec | undefined {
  return CHOICES.find((c) => c.id === id);
}

// ---------------------------------------------------------------------------------------------------------------
// Validation: the same rules for a GUI form, an IPC payload and a terminal prompt line.

export type ValidationResult =
  | { readonly ok: true; readonly values: FieldValues }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

const MARKET_RE = /^[a-z0-9]{2,20}$/;
// At most 15 significant digits so the JSON number we send is exactly the decimal the person typed.
const DECIMAL_RE = /^(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$/;
// Any length: a whole number too large to send exactly is told so, not called "not a whole number".
const INTEGER_RE = /^\d+$/;

function significantDigits(decimal: string): number {
  return decimal.replace('.', '').replace(/^0+/, '').length;
}

/** For a well-formed decimal that is still refused, which limit it breaks (so the message can say so). */
function decimalLimitExceeded(text: string): string | undefined {
  if (!/^\d+(?:\.\d+)?$/.test(text) || /^0\d/.test(text)) return undefined;
  const [whole = '', fraction = ''] = text.split('.');
  if (fraction.length > 15) return `has ${fraction.length} decimal places; at most 15 can be sent exactly`;
  if (whole.replace(/^0+(?=\d)/, '').length > 15) return 'is too large (at most 15 digits before the point)';
  return `has ${significantDigits(text)} significant digits; at most 15 can be sent exactly`;
}

/** A typed value as quoted in an error: at most 40 characters. */
function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter((s) => s.length > 0);
}

/** Validates one field's text. Returns the typed value or a message a person understands. */
export function validateField(field: FieldSpec, raw: string | undefined): { value?: FieldValue; error?: string } {
  const text = (raw ?? '').trim();
  if (text === '') return field.required ? { error: `${field.label} is required (example: ${field.example})` } : {};
  switch (field.kind) {
    case 'market': {
      const m = text.toLowerCase();
      return MARKET_RE.test(m) ? { value: m } : { error: `${field.label}: "${text}" is not a market id (example: ${field.example})` };
    }
    case 'marketList': {
      const list = splitList(text.toLowerCase());
      const bad = list.find((m) => !MARKET_RE.test(m));
      if (bad !== undefined) return { error: `${field.label}: "${bad}" is not a market id (example: ${field.example})` };
      return { value: [...new Set(list)] };
    }
    case 'enum': {
      const options = field.options ?? [];
      const v = text.toLowerCase();
      return options.includes(v) ? { value: field.name === 'period' ? Number(v) : v } : { error: `${field.label} must be one of: ${options.join(', ')}` };
    }
    case 'decimal': {
      if (!DECIMAL_RE.test(text) || significantDigits(text) > 15) {
        const limit = decimalLimitExceeded(text);
        if (limit !== undefined) return { error: `${field.label}: "${text}" ${limit}` };
        return { error: `${field.label}: "${shown(text)}" is not a plain decimal number (example: ${field.example})` };
      }
      const n = Number(text);
      if (n > 0 || (n === 0 && field.min === 0)) return { value: n };
      return { error: `${field.label} must be greater than zero` };
    }
    case 'integer': {
      if (!INTEGER_RE.test(text)) return { error: `${field.label}: "${shown(text)}" is not a whole number (example: ${field.example})` };
      const n = Number(text);
      if (!Number.isSafeInteger(n)) return { error: `${field.label}: ${shown(text)} is too large (at most ${Number.MAX_SAFE_INTEGER})` };
      if (field.min !== undefined && n < field.min) return { error: `${field.label} must be at least ${field.min}` };
      if (field.max !== undefined && n > field.max) return { error: `${field.label} must be at most ${field.max}` };
      return { value: n };
    }
    case 'time': {
      const seconds = parseTimeField(text);
      if (seconds === undefined) return { error: `${field.label}: "${shown(text)}" is neither Unix seconds nor a date such as 2026-12-06 06:24:10` };
      return seconds >= 0 ? { value: seconds } : { error: `${field.label} must not be before 1970` };
    }
    case 'idList': {
      const parts = splitList(text);
      // ",,," holds no id at all: refused like an empty line, never sent as an empty list.
      if (parts.length === 0) return { error: `${field.label}: "${shown(text)}" holds no order id (example: ${field.example})` };
      const tooLarge = parts.find((p) => INTEGER_RE.test(p) && !Number.isSafeInteger(Number(p)));
      if (tooLarge !== undefined) return { error: `${field.label}: ${shown(tooLarge)} is too large to be an order id (at most ${Number.MAX_SAFE_INTEGER})` };
      const bad = parts.find((p) => !INTEGER_RE.test(p) || Number(p) < 1);
      if (bad !== undefined) return { error: `${field.label}: "${shown(bad)}" is not an order id (example: ${field.example})` };
      return { value: [...new Set(parts.map(Number))] };
    }
  }
}

/**
 * One field's error as its form shows it when the person leaves the field: its own check and the rules that tie it
 * to the other fields typed (a limit order's price 0), exactly as Send will judge it. Undefined when it is fine.
 */
export function fieldError(choice: ChoiceSpec, field: FieldSpec, raw: RawFields): string | undefined {
  const checked = validateFields(choice, raw);
  return checked.ok ? undefined : checked.errors[field.name];
}

/** Validates every field of a choice; also the cross-field rule "start_time not after end_time". */
export function validateFields(choice: ChoiceSpec, raw: RawFields, options: { readonly everyField?: boolean } = {}): ValidationResult {
  const values: Record<string, FieldValue> = {};
  const errors: Record<string, string> = {};
  for (const field of choice.fields) {
    // `everyField`: the terminal client's prompt, like the original's, wants every value (a market order's price too).
    if (!options.everyField && notNeeded(field, raw) && (raw[field.name] ?? '').trim() === '') continue;
    const { value, error } = validateField(field, raw[field.name]);
    if (error !== undefined) errors[field.name] = error;
    else if (value !== undefined) values[field.name] = value;
  }
  if (choice.id === 'newOrder' && values['price'] === 0 && values['ord_type'] === 'limit') {
    errors['price'] = 'Price must be greater than zero for a limit order (0 is for market orders only)';
  }
  const start = values['start_time'];
  const end = values['end_time'];
  if (typeof start === 'number' && typeof end === 'number' && start > end) {
    errors['end_time'] = 'End time must not be before start time';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}

/**
 * Parses a terminal prompt line ("vetusdt, buy, 0.75, 1000, limit") into raw fields.
 * Choice 7's ids take the whole line. Returns an error for a wrong number of values, counted as ws_client.py
 * counted them (the pieces between commas, an empty line being one); an empty value is left to validation,
 * which names the field.
 */
export function parsePromptLine(choice: ChoiceSpec, line: string): { raw?: RawFields; error?: string } {
  const names = choice.promptFields;
  if (names.length === 1) return { raw: { [names[0]!]: line } };
  const parts = line.split(',').map((p) => p.trim());
  if (parts.length !== names.length) {
    const got = line.trim() === '' ? '1 (an empty line)' : String(parts.length);
    return { error: `Expected ${names.length} values separated by commas, got ${got}: ${choice.prompt ?? names.join(',')}` };
  }
  const raw: Record<string, string> = {};
  names.forEach((n, i) => (raw[n] = parts[i]!));
  return { raw };
}

// ---------------------------------------------------------------------------------------------------------------
// Building `args` for the wire from validated values: exactly the spec's shapes.

/** The `args` object a request carries. Compatibility duplicates (`market` + `market_id`, …) are deliberate. */
export function buildArgs(choice: ChoiceSpec, values: FieldValues): Record<string, unknown> {
  const v = values as Record<string, FieldValue | undefined>;
  const optional = (...names: string[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const n of names) if (v[n] !== undefined) out[n] = v[n];
    return out;
  };
  switch (choice.id) {
    case 'tickers': {
      const markets = v['markets'] as string[] | undefined;
      // Spec filters with market_ids, the sample client sent markets: send both; no filter → {}.
      return markets && markets.length > 0 ? { market_ids: markets, markets } : {};
    }
    case 'newOrder':
      // A market order without a price sends none (key order otherwise as the original client).
      return { market: v['market'], side: v['side'], ...(v['price'] !== undefined ? { price: v['price'] } : {}), volume: v['volume'], ord_type: v['ord_type'] };
    case 'cancelOrders':
      return { ids: v['ids'] };
    case 'openOrders':
      return { market: v['market'], ord_type: v['ord_type'], ...optional('order_by', 'page', 'per') };
    case 'orderDetails':
    case 'historyOrder':
      return { id: v['id'] };
    case 'historyOrders':
      return { market: v['market'], ...optional('state', 'order_by', 'page', 'per', 'start_time', 'end_time') };
    case 'orderBook':
      // Spec says market_id, the sample sent market: send both.
      return { market_id: v['market'], market: v['market'], level: v['level'], precision: v['precision'] };
    case 'kline':
      return { market_id: v['market'], market: v['market'], limit: v['limit'], period: v['period'], ...optional('start_time', 'end_time') };
    default:
      return {};
  }
}
