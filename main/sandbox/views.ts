// Spec-shaped JSON for orders, trades, markets, fees and accounts (oceanex-ws-api.md, "Response payloads").

import type { Exchange, Order, Trade } from './exchange';
import { marketName, type Market } from './markets';
import { div, formatAmount, ZERO } from './money';

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function orderView(exchange: Exchange, o: Order): Record<string, unknown> {
  const market = exchange.market(o.market) as Market;
  const name = marketName(market);
  return {
    id: o.id,
    market: o.market,
    market_name: name,
    market_display_name: name,
    side: o.side,
    ord_type: o.ordType,
    // Market orders have no limit price; "0.0" keeps the field a decimal string like every other order.
    price: formatAmount(o.price ?? ZERO),
    volume: formatAmount(o.volume),
    remaining_volume: formatAmount(o.remaining),
    executed_volume: formatAmount(o.executed),
    avg_price: formatAmount(o.executed > 0n ? div(o.funds, o.executed) : ZERO),
    state: o.state,
    trades_count: o.tradeIds.length,
    created_at: isoSeconds(o.createdAt),
    created_on: Math.floor(o.createdAt / 1000),
  };
}

/** A trade as seen from `order` (side = that order's side). */
export function tradeView(exchange: Exchange, t: Trade, order: Order): Record<string, unknown> {
  const market = exchange.market(t.market) as Market;
  return {
    id: t.id,
    order_id: order.id,
    market: t.market,
    side: order.side,
    price: formatAmount(t.price),
    volume: formatAmount(t.volume),
    funds: formatAmount(t.funds),
    fee: formatAmount(order.side === 'bid' ? market.bidFee : market.askFee),
    ask_fee: formatAmount(t.askFee),
    ask_fee_currency_id: market.quote,
    bid_fee: formatAmount(t.bidFee),
    bid_fee_currency_id: market.base,
    created_at: isoSeconds(t.createdAt),
    created_on: Math.floor(t.createdAt / 1000),
  };
}

export function orderWithTradesView(exchange: Exchange, o: Order): Record<string, unknown> {
  return { ...orderView(exchange, o), trades: exchange.tradesOf(o).map((t) => tradeView(exchange, t, o)) };
}

export function marketView(m: Market): Record<string, unknown> {
  const name = marketName(m);
  return {
    id: m.id,
    name,
    display_name: name,
    group: m.quote.toUpperCase(),
    enabled: true,
    price_precision: m.pricePrecision,
    amount_precision: m.amountPrecision,
    ask_precision: m.amountPrecision,
    bid_precision: m.pricePrecision,
    usd_precision: m.pricePrecision,
    minimum_trading_amount: formatAmount(m.minimumTradingAmount),
  };
}

export function feeView(m: Market): Record<string, unknown> {
  return {
    market_id: m.id,
    ask_fee: { type: 'relative', value: formatAmount(m.askFee) },
    bid_fee: { type: 'relative', value: formatAmount(m.bidFee) },
  };
}

export function accountView(exchange: Exchange, uid: string): Record<string, unknown> {
  const balances = exchange.balances(uid);
  return {
    accounts: Object.entries(balances).map(([currency, b]) => ({
      currency,
      balance: b.balance,
      locked: b.locked,
      type: 'coin',
      deposit: 'enabled',
      exchange: 'enabled',
      withdraw: 'enabled',
      btc_equivalent_balance: '0.0',
      is_combination_address: false,
      markets: exchange.markets
        .filter((m) => m.base === currency || m.quote === currency)
        .map((m) => ({ base_unit: m.base, quote_unit: m.quote, display_name: marketName(m) })),
    })),
  };
}
