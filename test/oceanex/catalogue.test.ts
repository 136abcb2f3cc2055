// The catalogue and request builders produce exactly the spec's frames (../shared/oceanex-ws-api.md).
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHOICES, choiceById, choiceByNumber, fieldError, parsePromptLine, parseTimeField, validateField, validateFields, type ChoiceId, type RawFields } from '../../shared/oceanex/catalogue';
import { buildRequest, classifyFrame, describeReply, loginPayload } from '../../shared/oceanex/messages';
import { signedLoginFrame, signLogin, verifyLogin } from '../../main/oceanex/signer';

function frameFor(id: ChoiceId, raw: RawFields, uuid = 'u-1') {
  const choice = choiceById(id)!;
  const result = validateFields(choice, raw);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return buildRequest(choice, result.values, uuid);
}

describe('catalogue', () => {
  it('has the 17 choices numbered 1..17 with the original labels', () => {
    expect(CHOICES.map((c) => c.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(choiceByNumber(15)!.label).toBe('Get K-line');
    expect(CHOICES.filter((c) => c.private).map((c) => c.number)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('builds every request frame exactly as the spec shows', () => {
    expect(frameFor('tickers', {})).toEqual({ identifier: { handler: 'TickerHandler' }, command: 'message', data: { action: 'index', uuid: 'u-1', args: {} } });
    expect(frameFor('tickers', { markets: 'vetusdt, ETHUSDT' }).data.args).toEqual({ market_ids: ['vetusdt', 'ethusdt'], markets: ['vetusdt', 'ethusdt'] });
    expect(frameFor('markets', {}).identifier.handler).toBe('MarketsHandler');
    expect(frameFor('fees', {}).data.action).toBe('trading_fee');
    expect(frameFor('account', {}).identifier.handler).toBe('AccountHandler');
    expect(JSON.stringify(frameFor('newOrder', { market: 'vetusdt', side: 'buy', price: '0.75', volume: '1000', ord_type: 'limit' }).data.args))
      .toBe('{"market":"vetusdt","side":"buy","price":0.75,"volume":1000,"ord_type":"limit"}');
    expect(JSON.stringify(frameFor('cancelOrders', { ids: '18,19, 23' }).data.args)).toBe('{"ids":[18,19,23]}');
    // A market order needs no price: left empty, none is sent; given (as the original client did), it is sent.
    expect(JSON.stringify(frameFor('newOrder', { market: 'vetusdt', side: 'sell', price: '', volume: '10', ord_type: 'market' }).data.args))
      .toBe('{"market":"vetusdt","side":"sell","volume":10,"ord_type":"market"}');
    expect(frameFor('newOrder', { market: 'vetusdt', side: 'sell', price: '0.7', volume: '10', ord_type: 'market' }).data.args).toMatchObject({ price: 0.7 });
    expect(validateFields(choiceById('newOrder')!, { market: 'vetusdt', side: 'buy', price: '', volume: '10', ord_type: 'limit' }).ok).toBe(false);
    expect(frameFor('massCancel', {}).data).toMatchObject({ action: 'clear', args: {} });
    expect(frameFor('openOrders', { market: 'vetusdt', ord_type: 'limit' }).data.args).toEqual({ market: 'vetusdt', ord_type: 'limit' });
    expect(JSON.stringify(frameFor('orderDetails', { id: '23' }).data.args)).toBe('{"id":23}');
    expect(frameFor('historyOrder', { id: '23' }).identifier.handler).toBe('OrderHistoryHandler');
    expect(frameFor('historyOrders', { market: 'vetusdt', state: 'done', per: '5' }).data.args).toEqual({ market: 'vetusdt', state: 'done', per: 5 });
    expect(frameFor('timestamp', {}).data).toMatchObject({ action: 'timestamp', args: {} });
    expect(JSON.stringify(frameFor('orderBook', { market: 'vetusdt', level: '2', precision: '6' }).data.args))
      .toBe('{"market_id":"vetusdt","market":"vetusdt","level":2,"precision":6}');
    expect(JSON.stringify(frameFor('kline', { market: 'vetusdt', limit: '30', period: '5' }).data.args))
      .toBe('{"market_id":"vetusdt","market":"vetusdt","limit":30,"period":5}');
  });

  it('gives a clear message for every kind of bad field and sends nothing', () => {
    const order = choiceById('newOrder')!;
    const bad = validateFields(order, { market: 'vet usdt', side: 'long', price: '-1', volume: '1e3', ord_type: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(Object.keys(bad.errors).sort()).toEqual(['market', 'ord_type', 'price', 'side', 'volume']);
      expect(bad.errors['side']).toContain('buy, sell');
    }
    expect(validateFields(order, { market: 'vetusdt', side: 'buy', price: '0', volume: '1', ord_type: 'limit' })).toEqual({
      ok: false,
      errors: { price: 'Price must be greater than zero for a limit order (0 is for market orders only)' },
    });
    // A market order at price 0 is what ws_client.py sent: the exchange ignores a market order's price.
    expect(validateFields(order, { market: 'vetusdt', side: 'buy', price: '0', volume: '1', ord_type: 'market' })).toEqual({
      ok: true,
      values: { market: 'vetusdt', side: 'buy', price: 0, volume: 1, ord_type: 'market' },
    });
    expect(validateFields(order, { market: 'vetusdt', side: 'buy', price: '-1', volume: '0', ord_type: 'market' }).ok).toBe(false);
    // An id list with no id in it is refused like an empty line, never sent as "ids": [].
    expect(validateFields(choiceById('cancelOrders')!, { ids: ',,,' })).toEqual({ ok: false, errors: { ids: 'Order ids: ",,," holds no order id (example: 18,19,23)' } });
    expect(validateFields(choiceById('cancelOrders')!, { ids: '5, 99999999999999999999' })).toEqual({
      ok: false,
      errors: { ids: 'Order ids: 99999999999999999999 is too large to be an order id (at most 9007199254740991)' },
    });
    // A whole number too large to send exactly is called too large, not "not a whole number".
    expect(validateFields(choiceById('orderDetails')!, { id: '99999999999999999999' })).toEqual({
      ok: false,
      errors: { id: 'Order id: 99999999999999999999 is too large (at most 9007199254740991)' },
    });
    expect(validateFields(choiceById('orderDetails')!, { id: '0023' })).toEqual({ ok: true, values: { id: 23 } });
    expect(validateFields(order, { market: 'vetusdt', side: 'buy', price: '1234567890123456.5', volume: '1', ord_type: 'limit' }).ok).toBe(false);
    expect(validateFields(choiceById('cancelOrders')!, { ids: '18,abc' }).ok).toBe(false);
    expect(validateFields(choiceById('kline')!, { market: 'vetusdt', limit: '30', period: '7' }).ok).toBe(false);
    expect(validateFields(choiceById('historyOrders')!, { market: 'vetusdt', start_time: '20', end_time: '10' }).ok).toBe(false);
  });

  it('says which limit a well-formed but unsendable decimal breaks', () => {
    const priceError = (price: string): string | undefined => {
      const result = validateFields(choiceById('newOrder')!, { market: 'vetusdt', side: 'buy', price, volume: '1', ord_type: 'limit' });
      return result.ok ? undefined : result.errors['price'];
    };
    expect(priceError('0.1234567890123456')).toBe('Price: "0.1234567890123456" has 16 decimal places; at most 15 can be sent exactly');
    expect(priceError('0.000000000000000001')).toBe('Price: "0.000000000000000001" has 18 decimal places; at most 15 can be sent exactly');
    expect(priceError('12345678.123456789')).toBe('Price: "12345678.123456789" has 17 significant digits; at most 15 can be sent exactly');
    expect(priceError('1234567890123456')).toBe('Price: "1234567890123456" is too large (at most 15 digits before the point)');
    expect(priceError('007')).toBe('Price: "007" is not a plain decimal number (example: 0.75)');
    expect(priceError(`1x${'9'.repeat(100)}`)).toBe(`Price: "1x${'9'.repeat(38)}…" is not a plain decimal number (example: 0.75)`);
    expect(priceError('0.123456789012345')).toBeUndefined();
  });

  it("judges one field as Send will: a limit order's price 0 is refused as the field is left, a market order's is not", () => {
    const order = choiceById('newOrder')!;
    const price = order.fields.find((f) => f.name === 'price')!;
    const volume = order.fields.find((f) => f.name === 'volume')!;
    const typed = { market: 'vetusdt', side: 'buy', price: '0', volume: '', ord_type: 'limit' };
    expect(fieldError(order, price, typed)).toBe('Price must be greater than zero for a limit order (0 is for market orders only)');
    expect(fieldError(order, price, { ...typed, ord_type: 'market' })).toBeUndefined();
    expect(fieldError(order, price, { ...typed, price: '0.5' })).toBeUndefined();
    expect(fieldError(order, price, { ...typed, price: 'abc' })).toContain('is not a plain decimal number');
    expect(fieldError(order, volume, typed)).toBe('Volume is required (example: 1000)');
  });

  it('parses the original comma-separated prompt lines', () => {
    const order = choiceById('newOrder')!;
    expect(parsePromptLine(order, 'vetusdt, buy, 0.75, 1000, limit').raw).toEqual({ market: 'vetusdt', side: 'buy', price: '0.75', volume: '1000', ord_type: 'limit' });
    // Counted as ws_client.py counted ("ERROD: Expected 5 args but received 3"); an empty line is one value.
    expect(parsePromptLine(order, 'vetusdt, buy, 0.75').error).toBe(
      'Expected 5 values separated by commas, got 3: MARKET_ID,SIDE,PRICE,VOLUME,ORD_TYPE (example: vetusdt, buy, 0.75, 1000, limit)',
    );
    expect(parsePromptLine(order, '  ').error).toMatch(/^Expected 5 values separated by commas, got 1 \(an empty line\): /);
    // The right count with an empty value: validation names the field ("Price is required"), not "got 4".
    expect(parsePromptLine(order, 'vetusdt, buy, , 10, market').raw).toEqual({ market: 'vetusdt', side: 'buy', price: '', volume: '10', ord_type: 'market' });
    expect(parsePromptLine(choiceById('cancelOrders')!, '18,19,23').raw).toEqual({ ids: '18,19,23' });
  });
});

describe('login signer', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  it('signs GET|/ws/v1|nonce| with RSASSA-PKCS1-v1_5 SHA-256 and a millisecond nonce', () => {
    const frame = signedLoginFrame({ uid: 'ID1', apiKey: 'KID1' }, privateKey, () => 1583729664123.4, 'u-9');
    expect(frame).toMatchObject({ identifier: { handler: 'AuthHandler' }, command: 'message', data: { action: 'login', uuid: 'u-9', args: {} } });
    const header = frame.data.header!;
    expect(Object.keys(header)).toEqual(['uid', 'api_key', 'nonce', 'verb', 'path', 'signature']);
    expect(header).toMatchObject({ uid: 'ID1', api_key: 'KID1', nonce: 1583729664123, verb: 'GET', path: '/ws/v1' });
    expect(loginPayload(header.nonce)).toBe('GET|/ws/v1|1583729664123|');
    expect(verifyLogin(publicKey, header.nonce, header.signature)).toBe(true);
    expect(verifyLogin(publicKey, header.nonce + 1, header.signature)).toBe(false);
    // PKCS#1 v1.5 is deterministic: the same nonce always gives the same signature.
    expect(signLogin(privateKey, 5)).toBe(signLogin(privateKey, 5));
  });
});

describe('reply classification', () => {
  it('routes replies as the original callbacks did', () => {
    const reply = (handler: string, action: string, code: number, data: unknown) =>
      classifyFrame(JSON.stringify({ identifier: { handler }, message: { action, code, data, uuid: 'x' } }));
    const ack = reply('OrderHandler', 'create', 0, { id: 31 });
    expect(ack.kind === 'reply' && describeReply(ack.reply)).toBe('received order ack. order id: 31');
    const rejected = reply('OrderHandler', 'cancel', 2004, { ids: [5] });
    expect(rejected.kind === 'reply' && rejected.reply.outcome).toBe('cancel-rejected');
    expect(reply('ToolHandler', 'timestamp', 0, 1583764947)).toMatchObject({ kind: 'reply', reply: { outcome: 'timestamp', uuid: 'x' } });
    expect(reply('MysteryHandler', 'index', 0, {}).kind).toBe('unknown');
    expect(reply('AuthHandler', 'logout', 1001, {}).kind).toBe('unknown');
    // Every server choice of the catalogue has a route, for success and for failure.
    for (const c of CHOICES.filter((choice) => choice.handler !== undefined)) {
      expect(reply(c.handler!, c.action!, 0, {}).kind, `${c.handler}/${c.action}`).toBe('reply');
      expect(reply(c.handler!, c.action!, 1001, {}).kind, `${c.handler}/${c.action}`).toBe('reply');
    }
    expect(classifyFrame('{"type":"ping","message":1583729664}')).toMatchObject({ kind: 'ping', message: 1583729664 });
    expect(classifyFrame('{"type":"welcome","message":60}')).toMatchObject({ kind: 'welcome', heartbeatSeconds: 60 });
    expect(classifyFrame('{"type":"disconnect","reason":"unauthorized","reconnect":false}')).toMatchObject({ kind: 'disconnect', reason: 'unauthorized', reconnect: false });
    expect(classifyFrame('not json{').kind).toBe('malformed');
    expect(classifyFrame('[1,2]').kind).toBe('unknown');
  });
});

describe('time fields (#19 item 14)', () => {
  const start = choiceById('historyOrders')!.fields.find((f) => f.name === 'start_time')!;
  it('take Unix seconds or an ISO date, in local time unless a zone is named', () => {
    expect(validateFields(choiceById('historyOrders')!, { market: 'vetusdt', start_time: '1583764947' })).toMatchObject({ ok: true, values: { start_time: 1583764947 } });
    expect(parseTimeField('2026-12-06T06:24:10Z')).toBe(Date.UTC(2026, 11, 6, 6, 24, 10) / 1000);
    expect(parseTimeField('2026-12-06 06:24:10+01:00')).toBe(Date.UTC(2026, 11, 6, 5, 24, 10) / 1000);
    expect(parseTimeField('2026-12-06')).toBe(new Date(2026, 11, 6).getTime() / 1000);
    expect(parseTimeField('2026-12-06 06:24')).toBe(new Date(2026, 11, 6, 6, 24).getTime() / 1000);
    expect(parseTimeField('2026-02-31')).toBeUndefined();
    expect(parseTimeField('yesterday')).toBeUndefined();
    expect(validateField(start, 'soon').error).toMatch(/neither Unix seconds nor a date/);
  });
  it('is linear at a long input', () => {
    const t = performance.now();
    expect(parseTimeField(`2026-12-06${'0'.repeat(100_000)}`)).toBeUndefined();
    expect(performance.now() - t).toBeLessThan(1_000);
  });
});
