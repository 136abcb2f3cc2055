// The in-page transport for the UI benchmarks: the real createApi over a transport that answers from data
// generated in the page (10k orders, 200-level book, 5k candles) and lets the benchmark push log batches.
// It is a string because Playwright's addInitScript runs it before the app's own scripts.

export function benchTransportScript(apiIife: string): string {
  return `${apiIife}
;(() => {
  // Deterministic pseudo-random numbers so every run renders the same data.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296);
  const now = Math.floor(Date.now() / 1000);

  const orders = [];
  for (let i = 0; i < 10000; i++) {
    const price = (0.02 + rnd() * 0.01).toFixed(6);
    const volume = (100 + Math.floor(rnd() * 100000)).toFixed(1);
    const done = rnd() < 0.6;
    const created = now - 10000 * 60 + i * 60;
    orders.push({
      id: 100000 + i, market: 'vetusdt', market_name: 'VET/USDT', market_display_name: 'VET/USDT',
      side: rnd() < 0.5 ? 'bid' : 'ask', ord_type: 'limit', price, volume,
      remaining_volume: done ? '0.0' : volume, executed_volume: done ? volume : '0.0', avg_price: done ? price : '0.0',
      state: done ? 'done' : 'cancel', trades_count: done ? 1 : 0,
      created_at: new Date(created * 1000).toISOString().replace('.000Z', 'Z'), created_on: created,
    });
  }
  const asks = [], bids = [];
  for (let i = 0; i < 200; i++) {
    asks.push([(0.025 + i * 0.00001).toFixed(6), (1000 + rnd() * 50000).toFixed(2)]);
    bids.push([(0.02499 - i * 0.00001).toFixed(6), (1000 + rnd() * 50000).toFixed(2)]);
  }
  const candles = [];
  let close = 0.025;
  for (let i = 0; i < 5000; i++) {
    const open = close;
    close = Math.max(0.001, open * (1 + (rnd() - 0.5) * 0.01));
    const high = Math.max(open, close) * (1 + rnd() * 0.003);
    const low = Math.min(open, close) * (1 - rnd() * 0.003);
    candles.push([now - (5000 - i) * 60, +open.toFixed(6), +high.toFixed(6), +low.toFixed(6), +close.toFixed(6), Math.floor(rnd() * 100000)]);
  }
  const replies = {
    12: { handler: 'OrderHistoryHandler', action: 'index', outcome: 'history-orders', data: { resources: orders, resources_count: orders.length }, summary: 'received history orders.' },
    14: { handler: 'OrderBookHandler', action: 'index', outcome: 'order-book', data: { asks, bids }, summary: 'received order book.' },
    15: { handler: 'KlineHandler', action: 'index', outcome: 'kline', data: candles, summary: 'received k-line.' },
  };

  const profile = { id: 'bench', name: 'Bench', endpoint: { kind: 'sandbox' }, uid: 'IDBENCH', apiKeyId: 'KIDBENCH', requestTimeoutMs: 10000, logLevel: 'info' };
  const status = { state: 'authenticated', loggedIn: true, endpoint: 'ws://127.0.0.1/bench', profileName: 'Bench', autoReconnect: true, unknownOrders: [], lastHeartbeatAt: Date.now() };
  const answers = {
    'session:status': () => status,
    'session:connect': () => status,
    'settings:get': () => ({ version: 1, activeProfileId: 'bench', profiles: [profile] }),
    'key:info': () => ({ present: false, profileId: 'bench' }),
    'log:query': () => [],
    'session:run': (choice) => {
      const r = replies[choice];
      if (!r) return { ok: false, error: 'not part of the benchmark' };
      const uuid = crypto.randomUUID();
      return { choice, uuid, sent: {}, rttMs: 1, summary: r.summary,
        reply: { handler: r.handler, action: r.action, code: 0, data: r.data, uuid, message: undefined, outcome: r.outcome } };
    },
  };

  const listeners = new Map();
  window.__benchEmit = (channel, payload) => {
    for (const l of [...(listeners.get(channel) ?? [])]) l(payload);
  };
  const transport = {
    invoke: async (channel, ...args) => {
      const answer = answers[channel];
      if (!answer) return { ok: false, error: 'not part of the benchmark' };
      const value = answer(...args);
      return value && value.ok === false ? value : { ok: true, value };
    },
    subscribe(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return () => listeners.get(channel).delete(listener);
    },
  };
  window.oceanex = OceanexPreload.createApi(transport);
})();`;
}
