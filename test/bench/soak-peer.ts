// The soak bench's server, in its own process so that its memory is not counted with the client's: answers
// every request frame with a tickers-sized reply (about 1.2 kB) carrying the request's uuid, and pings every
// 50 ms. It prints its websocket URL on stdout when ready.

import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const TICKERS = JSON.stringify(
  Object.fromEntries(
    ['vetusdt', 'btcusdt', 'ethusdt', 'oceusdt', 'vetbtc', 'ethbtc', 'ocebtc', 'vthousdt'].map((m) => [
      m,
      { at: 1_700_000_000, name: m.toUpperCase(), base_unit: m.slice(0, 3), quote_unit: m.slice(3), low: '0.024', high: '0.026', last: '0.025', open: '0.0249', volume: '123456.0', sell: '0.02506', buy: '0.02494' },
    ]),
  ),
);

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('listening', () => console.log(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws/v1`));
wss.on('connection', (socket) => {
  socket.send(JSON.stringify({ type: 'welcome', message: 60 }));
  const ping = setInterval(() => socket.send(`{"type":"ping","message":${Math.floor(Date.now() / 1000)}}`), 50);
  socket.on('close', () => clearInterval(ping));
  socket.on('message', (data) => {
    const text = String(data);
    const at = text.indexOf('"uuid":"');
    if (at === -1) return;
    const uuid = text.slice(at + 8, text.indexOf('"', at + 8));
    socket.send(`{"identifier":{"handler":"TickerHandler"},"message":{"action":"index","code":0,"uuid":"${uuid}","data":${TICKERS}}}`);
  });
});
