// Order creates whose outcome is unknown (no reply: a timeout or a dropped connection). Never resent: after the
// next login they are looked up in open orders and history and settled as found-open, found-history or
// not-found. Split out of the session; it talks back only through the narrow `UnknownOrderHost`.

import { choiceById, type ChoiceSpec, type FieldValues } from '../../shared/oceanex/catalogue';
import { describeReply, type Reply } from '../../shared/oceanex/messages';
import { asOrderCreateArgs, DEFAULT_RECONCILE_SKEW_MS, findMatchingOrder, orderId, ordersOf } from './reconcile';
import type { RequestResult, SessionEvent, SessionLogger, UnknownOrder } from './session-api';

/** Reconciled orders kept in the list for the UI; unresolved ones are always kept. */
const RECONCILED_KEPT = 20;
/** Page size for the open-orders and history listings used to reconcile (the catalogue's maximum). */
const RECONCILE_PAGE = 1000;
/** Order ids acknowledged in this session, remembered so reconciliation never claims them; bounded. */
const ACKED_IDS_KEPT = 1000;

/** What the tracker needs from its session. */
export interface UnknownOrderHost {
  readonly logger: SessionLogger;
  loggedIn(): boolean;
  request(choice: ChoiceSpec, values: FieldValues): Promise<RequestResult>;
  emit(event: SessionEvent): void;
  emitError(message: string): void;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class UnknownOrderTracker {
  private list: UnknownOrder[] = [];
  private readonly ackedOrderIds = new Set<number>();
  private reconciling = false;
  private reconcileAgain = false;

  constructor(
    private readonly host: UnknownOrderHost,
    private readonly reconcileSkewMs = DEFAULT_RECONCILE_SKEW_MS,
  ) {}

  get orders(): readonly UnknownOrder[] {
    return this.list;
  }

  record(uuid: string, args: Readonly<Record<string, unknown>>, sentAt: number): void {
    const order: UnknownOrder = { uuid, args, sentAt, status: 'unknown' };
    this.list = [...this.list, order];
    this.host.logger.warn(`Order ${uuid} outcome unknown`);
    this.host.emit({ type: 'order-outcome-unknown', order });
  }

  /** An order the exchange acknowledged in this session: reconciliation never claims it for another. */
  rememberAcked(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const id = orderId(data as Record<string, unknown>);
    if (id === undefined) return;
    if (this.ackedOrderIds.size >= ACKED_IDS_KEPT) {
      const oldest = this.ackedOrderIds.values().next();
      if (oldest.done !== true) this.ackedOrderIds.delete(oldest.value);
    }
    this.ackedOrderIds.add(id);
  }

  /** A reply that arrives after its order create timed out settles the unknown order directly. */
  settleFromLateReply(uuid: string, reply: Reply): boolean {
    const order = this.list.find((o) => o.uuid === uuid && o.status === 'unknown');
    if (order === undefined || reply.handler !== 'OrderHandler' || reply.action !== 'create') return false;
    if (reply.code !== 0) {
      this.settle(order, 'not-found', undefined);
      return true;
    }
    this.rememberAcked(reply.data);
    const state = typeof reply.data === 'object' && reply.data !== null ? (reply.data as Record<string, unknown>)['state'] : undefined;
    this.settle(order, state === 'wait' ? 'found-open' : 'found-history', reply.data);
    return true;
  }

  /** Looks every unresolved order up in open orders (per market and ord_type), then in history. */
  async reconcile(): Promise<void> {
    if (this.reconciling) {
      this.reconcileAgain = true;
      return;
    }
    this.reconciling = true;
    try {
      do {
        this.reconcileAgain = false;
        const todo = this.list.filter((o) => o.status === 'unknown');
        if (todo.length === 0 || !this.host.loggedIn()) return;
        try {
          await this.reconcileBatch(todo);
        } catch (e) {
          this.host.emitError(`Could not check ${todo.length} order(s) of unknown outcome: ${errorText(e)}; will retry after the next login`);
          return;
        }
      } while (this.reconcileAgain);
    } finally {
      this.reconciling = false;
    }
  }

  private settle(order: UnknownOrder, status: UnknownOrder['status'], found: unknown): void {
    const settled: UnknownOrder = found === undefined ? { ...order, status } : { ...order, status, order: found };
    const replaced = this.list.map((o) => (o === order ? settled : o));
    const reconciled = replaced.filter((o) => o.status !== 'unknown');
    const drop = new Set(reconciled.slice(0, Math.max(0, reconciled.length - RECONCILED_KEPT)));
    this.list = replaced.filter((o) => !drop.has(o));
    this.host.logger.info(`Order ${order.uuid} reconciled: ${status}`);
    this.host.emit({ type: 'order-reconciled', order: settled });
  }

  private async reconcileBatch(todo: readonly UnknownOrder[]): Promise<void> {
    const openChoice = choiceById('openOrders');
    const historyChoice = choiceById('historyOrders');
    if (openChoice === undefined || historyChoice === undefined) throw new Error('catalogue lacks openOrders/historyOrders');
    const claimed = new Set<number>(this.ackedOrderIds);
    for (const o of this.list) {
      const id = o.status !== 'unknown' && typeof o.order === 'object' && o.order !== null ? orderId(o.order as Record<string, unknown>) : undefined;
      if (id !== undefined) claimed.add(id);
    }
    const byMarket = new Map<string, UnknownOrder[]>();
    for (const o of todo) {
      const args = asOrderCreateArgs(o.args);
      if (args === undefined) {
        this.settle(o, 'not-found', undefined);
        continue;
      }
      byMarket.set(args.market, [...(byMarket.get(args.market) ?? []), o]);
    }
    for (const [market, orders] of byMarket) {
      const ordTypes = [...new Set(orders.map((o) => asOrderCreateArgs(o.args)?.ord_type ?? 'limit'))];
      const open: Record<string, unknown>[] = [];
      for (const ordType of ordTypes) {
        const result = await this.host.request(openChoice, { market, ord_type: ordType, order_by: 'desc', per: RECONCILE_PAGE });
        if (result.reply.code !== 0) throw new Error(`open orders of ${market}: ${describeReply(result.reply)}`);
        open.push(...ordersOf(result.reply.data));
      }
      const left: UnknownOrder[] = [];
      for (const o of orders) {
        const found = findMatchingOrder(asOrderCreateArgs(o.args)!, o.sentAt, open, this.reconcileSkewMs, claimed);
        if (found === undefined) {
          left.push(o);
          continue;
        }
        const id = orderId(found);
        if (id !== undefined) claimed.add(id);
        this.settle(o, 'found-open', found);
      }
      if (left.length === 0) continue;
      const result = await this.host.request(historyChoice, { market, order_by: 'desc', per: RECONCILE_PAGE });
      if (result.reply.code !== 0) throw new Error(`order history of ${market}: ${describeReply(result.reply)}`);
      const history = ordersOf(result.reply.data);
      for (const o of left) {
        const found = findMatchingOrder(asOrderCreateArgs(o.args)!, o.sentAt, history, this.reconcileSkewMs, claimed);
        const id = found === undefined ? undefined : orderId(found);
        if (id !== undefined) claimed.add(id);
        this.settle(o, found === undefined ? 'not-found' : 'found-history', found);
      }
    }
  }
}
