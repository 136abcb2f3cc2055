// main's confirmation gate and the words of its questions, in plain Node: one question at a time, "don't ask
// again" per profile in memory only, anything but an explicit true is a no, and exact notionals.

import { describe, expect, it } from 'vitest';
import { ConfirmationGate, type ConfirmPort, type ConfirmQuestion } from '../../main/app/confirmation';
import { cancelQuestion, endpointChangeQuestion, massCancelQuestion, newOrderQuestion, notional, removeKeyQuestion, removeProfileQuestion, type Where } from '../../main/app/questions';

const question: ConfirmQuestion = { title: 'New order', message: 'Place?', detail: '', yesLabel: 'Place order' };
const asked = async () => question;

describe('ConfirmationGate', () => {
  it('asks one question at a time, in order', async () => {
    let open = 0;
    let most = 0;
    const order: number[] = [];
    const port: ConfirmPort = {
      confirm: async () => {
        open += 1;
        most = Math.max(most, open);
        await new Promise((r) => setTimeout(r, 5));
        order.push(order.length);
        open -= 1;
        return true;
      },
    };
    const gate = new ConfirmationGate(port);
    const answers = await Promise.all(Array.from({ length: 5 }, () => gate.ask(asked, 'p', false)));
    expect(answers).toEqual([true, true, true, true, true]);
    expect(most).toBe(1);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('only an explicit true is a yes; a failing dialog or question is a no', async () => {
    expect(await new ConfirmationGate({ confirm: async () => 'yes' as unknown as boolean }).ask(asked, 'p', false)).toBe(false);
    expect(await new ConfirmationGate({ confirm: async () => Promise.reject(new Error('no window')) }).ask(asked, 'p', false)).toBe(false);
    expect(await new ConfirmationGate({ confirm: async () => true }).ask(() => Promise.reject(new Error('lookup failed')), 'p', false)).toBe(false);
  });

  it('"don\'t ask again" holds for that profile and skippable questions only, until forgotten', async () => {
    const seen: ConfirmQuestion[] = [];
    const gate = new ConfirmationGate({
      confirm: async (q) => {
        seen.push(q);
        q.dontAskAgain?.remember();
        return true;
      },
    });
    expect(await gate.ask(asked, 'a', true)).toBe(true);
    expect(seen[0]?.dontAskAgain?.label).toBe("Don't ask again for this profile until I quit");
    expect(await gate.ask(asked, 'a', true)).toBe(true);
    expect(seen).toHaveLength(1); // skipped
    await gate.ask(asked, 'b', true); // another profile is asked
    await gate.ask(asked, 'a', false); // a question that cannot be skipped is asked, without the offer
    expect(seen).toHaveLength(3);
    expect(seen[2]?.dontAskAgain).toBeUndefined();
    gate.forget('a');
    await gate.ask(asked, 'a', true);
    expect(seen).toHaveLength(4);
  });
});

describe('questions', () => {
  const where: Where = { profileName: 'Main', endpoint: { kind: 'production' }, url: 'wss://ws.oceanex.pro/ws/v1' };

  it('computes the notional exactly, in decimal', () => {
    expect(notional(0.1, 3)).toBe('0.3');
    expect(notional(0.75, 1000)).toBe('750');
    expect(notional('0.00000001', '123456789')).toBe('1.23456789');
    expect(notional(NaN, 1)).toBeUndefined();
  });

  it('names profile, endpoint and every order argument; the quote currency comes from the market name', () => {
    const q = newOrderQuestion(where, { market: 'vetusdt', marketName: 'VET/USDT', side: 'sell', price: 0.75, volume: 1000, ordType: 'limit' });
    expect(q.message).toBe('Place this sell order on Production?');
    expect(q.detail.split('\n')).toEqual([
      'Market: vetusdt (VET/USDT)',
      'Side: sell',
      'Price: 0.75',
      'Volume: 1000',
      'Order type: limit',
      'Notional: 750 USDT',
      'Profile: Main',
      'Endpoint: Production — OceanEx Production (wss://ws.oceanex.pro/ws/v1)',
    ]);
    expect(newOrderQuestion(where, { market: 'vetusdt', side: 'buy', price: 0, volume: 2, ordType: 'market' }).detail).toContain(
      'Notional: not known in advance (a market order at price 0 fills at the book)',
    );
    expect(newOrderQuestion(where, { market: 'abcxyz', side: 'buy', price: 1, volume: 2, ordType: 'market' }).detail).toContain(
      "Notional: 2 (in the market's quote currency; the market list could not be read) at the given price (a market order fills at the book)",
    );
  });

  it('an endpoint move shows the whole new URL and the custom host in the question', () => {
    const q = endpointChangeQuestion(where, { endpoint: { kind: 'custom', url: 'wss://localhost:8443/looks/like/oceanex' }, url: 'wss://localhost:8443/looks/like/oceanex' }, { fingerprint: 'AA:BB', boundTo: 'OceanEx Production (ws.oceanex.pro)' });
    expect(q.message).toBe('Let the key of profile "Main" sign for localhost:8443?');
    expect(q.detail).toContain('New endpoint URL: wss://localhost:8443/looks/like/oceanex');
  });

  it("a server's market name or a profile name cannot add, hide or reorder lines: written out, bounded, after the figures", () => {
    const forged = `VET/USDT\nNotional: 5 USDT${'\n'.repeat(24)}\u202Eevil`;
    const hostileWhere = { ...where, profileName: `Main\u2028Endpoint: Sandbox — demo account, no real funds\u202E` };
    const q = newOrderQuestion(hostileWhere, { market: 'vetusdt', marketName: forged, side: 'buy', price: 0.75, volume: 1000, ordType: 'limit' });
    const lines = q.detail.split('\n');
    expect(lines).toHaveLength(8);
    expect(lines.slice(0, 6)).toEqual([
      `Market: vetusdt (VET/USDT[U+000A]Notional: 5 USDT[U+000A][U+000A][U+000A][U+0…)`,
      'Side: buy',
      'Price: 0.75',
      'Volume: 1000',
      'Order type: limit',
      'Notional: 750 (in the market\'s quote currency; the market list could not be read)',
    ]);
    expect(lines[6]).toMatch(/^Profile: Main\[U\+2028\]Endpoint: Sandbox — demo account, no.*…$/);
    expect(lines[6]!.length).toBeLessThanOrEqual('Profile: '.length + 61);
    expect(q.detail).not.toMatch(/[\u2028\u2029\u202e]/);
    const key = { fingerprint: 'AA', boundTo: 'the built-in Sandbox' };
    for (const question of [removeKeyQuestion(hostileWhere, key), removeProfileQuestion(hostileWhere, key), cancelQuestion(hostileWhere, [1, 2]), massCancelQuestion(hostileWhere, { unknown: 'x\ny'.repeat(500) })]) {
      expect(`${question.message}\n${question.detail}`).not.toMatch(/[\u2028\u2029\u202e]/);
      expect(question.detail.split('\n').length).toBeLessThanOrEqual(5);
      expect(question.detail.length).toBeLessThan(1_500);
    }
  });
});
