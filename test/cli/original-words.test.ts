// ws_client.py's console lines, reproduced from its callbacks: routing by handler/action/code, Python's str() of
// lists, json.dumps(sort_keys, indent=2) for the "any message" callback.

import { describe, expect, it } from 'vitest';
import { originalPieces } from '../../main/cli/original-read';
import { originalArgCountLine, originalReplyLine, originalUnknownMessage, pythonJsonDump, pythonStr } from '../../main/cli/original-words';
import { classifyMessage, type Reply } from '../../shared/oceanex/messages';

function reply(handler: string, action: string, code: number, data: unknown): Reply {
  const inbound = classifyMessage({ identifier: { handler }, message: { action, code, data, uuid: 'u-1' } });
  if (inbound.kind !== 'reply') throw new Error(`not a reply: ${handler}/${action}`);
  return inbound.reply;
}

const STARS = '*************************************';

describe("ws_client.py's lines", () => {
  it('prints what each callback printed, including its case, punctuation and framing', () => {
    expect(originalReplyLine(reply('AuthHandler', 'login', 0, {}))).toBe('Authenticated.');
    expect(originalReplyLine(reply('TickerHandler', 'index', 0, {}))).toBe('received tickers info.');
    expect(originalReplyLine(reply('MarketsHandler', 'index', 0, []))).toBe('received markets info');
    expect(originalReplyLine(reply('AccountHandler', 'index', 0, {}))).toBe('received account info');
    expect(originalReplyLine(reply('ToolHandler', 'timestamp', 0, 1))).toBe('received timestamp info');
    expect(originalReplyLine(reply('FeeHandler', 'trading_fee', 0, []))).toBe('received trading fee info');
    expect(originalReplyLine(reply('OrderBookHandler', 'index', 0, {}))).toBe('received Orderbook info');
    expect(originalReplyLine(reply('KlineHandler', 'index', 0, []))).toBe('received K-Line info');
    expect(originalReplyLine(reply('OrderHandler', 'index', 0, {}))).toBe('received list open order info');
    expect(originalReplyLine(reply('OrderHandler', 'show', 0, {}))).toBe('received order info');
    expect(originalReplyLine(reply('OrderHistoryHandler', 'show', 0, {}))).toBe('received history order info');
    expect(originalReplyLine(reply('OrderHistoryHandler', 'index', 0, {}))).toBe('all received history order info');
    expect(originalReplyLine(reply('OrderHandler', 'create', 0, { id: 31 }))).toBe(`${STARS}\nreceived order ack. order id: 31\n${STARS}`);
    expect(originalReplyLine(reply('OrderHandler', 'cancel', 0, [101]))).toBe(`${STARS}\nreceived order id [101] cancelled.\n${STARS}`);
    expect(originalReplyLine(reply('OrderHandler', 'clear', 0, [102, 103]))).toBe(`${STARS}\nreceived mass order ids [102, 103] cancelled.\n${STARS}`);
    expect(originalReplyLine(reply('OrderHandler', 'cancel', 2004, { ids: [7] }))).toBe(`${STARS}\nreceived order cancel err code [2004] id [7] rejected.\n${STARS}`);
  });

  it('falls through to "any message" where the original did, and prints no "Authenticated." for a failed login', () => {
    expect(originalReplyLine(reply('OrderHandler', 'create', 2002, {}))).toBe('unknown');
    expect(originalReplyLine(reply('OrderHandler', 'show', 2004, {}))).toBe('unknown');
    expect(originalReplyLine(reply('OrderHistoryHandler', 'index', 1, {}))).toBe('unknown');
    expect(originalReplyLine(reply('AuthHandler', 'login', 1001, {}))).toBeUndefined();
    // A failed market-data request still got its callback's line in the original (our summary names the error).
    expect(originalReplyLine(reply('MarketsHandler', 'index', 500, null))).toBe('received markets info');
  });

  it("formats like Python: str() of lists and dicts, json.dumps with sorted keys and ensure_ascii", () => {
    expect(pythonStr([])).toBe('[]');
    expect(pythonStr([1, 'a', null, true])).toBe("[1, 'a', None, True]");
    expect(pythonStr({ ids: [1, 2] })).toBe("{'ids': [1, 2]}");
    expect(pythonStr("it's")).toBe("it's");
    expect(pythonStr(["it's"])).toBe('["it\'s"]');
    expect(pythonJsonDump({ b: 1, a: { d: [1, 2], c: 'é' } })).toBe('{\n  "a": {\n    "c": "\\u00e9",\n    "d": [\n      1,\n      2\n    ]\n  },\n  "b": 1\n}');
    expect(originalUnknownMessage({ x: 1 })).toBe(`${STARS}\nUnknown message \n{\n  "x": 1\n}\n${STARS}`);
  });

  it("counts arguments as the original's split(',') did and words the count error as it did", () => {
    expect(originalPieces('vetusdt, 30')).toHaveLength(2);
    expect(originalPieces('vetusdt,30,')).toHaveLength(3);
    expect(originalArgCountLine(3, 2)).toBe('ERROD: Expected 3 args but received 2');
  });
});
