// The requests waiting for their reply, by uuid, with their timeouts and failures: one timer serves them all
// because every request has the same timeout, so send order is deadline order. It is the session's Map itself
// (no wrapper on the per-frame lookup: the session gets, deletes and resolves a reply's entry directly). An order
// create that times out or is cut off is never resent: it becomes an order of unknown outcome, looked up later.

import { sentFrame } from './request-result';
import { SessionError, type RequestResult, type SessionErrorCode, type SessionEvent, type SessionLogger } from './session-api';
import type { UnknownOrderTracker } from './unknown-orders';

export type PendingKind = 'login' | 'relogin' | 'order-create' | 'other';

export interface Pending {
  readonly choice: number;
  readonly kind: PendingKind;
  /** The text written to the socket (JSON of the frame); the frame itself is not kept (see request-result.ts). */
  readonly text: string;
  /** Wall clock (options.now) at send: nonce-compatible, compared with the exchange's created_on. */
  readonly sentAt: number;
  /** Monotonic clock at send, for round-trip times; it times out at sentMono + requestTimeoutMs. */
  readonly sentMono: number;
  readonly resolve: (result: RequestResult) => void;
  readonly reject: (error: SessionError) => void;
}

export interface PendingDeps {
  readonly requestTimeoutMs: number;
  readonly logger: SessionLogger;
  readonly unknown: UnknownOrderTracker;
  readonly emit: (event: SessionEvent) => void;
  /** A login timed out: the session leaves 'authenticating' if no other login waits. */
  readonly loginTimedOut: () => void;
}

export class PendingRequests extends Map<string, Pending> {
  private deadlineTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: PendingDeps) {
    super();
  }

  /** Records a request just sent; the timer is armed if none runs (an older request's deadline comes first). */
  add(uuid: string, pending: Pending): void {
    this.set(uuid, pending);
    if (this.deadlineTimer === undefined) this.arm(this.deadlineOf(pending));
  }

  /** Stops the timer: call when the table became empty. */
  disarm(): void {
    if (this.deadlineTimer !== undefined) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
  }

  /** Rejects every pending request; order creates become outcome-unknown (reconciled after the next login). */
  failAll(code: SessionErrorCode, message: string): void {
    if (this.size === 0) return;
    const all = [...this];
    this.clear();
    this.disarm();
    for (const [uuid, p] of all) {
      if (p.kind === 'order-create') {
        this.deps.unknown.record(uuid, sentFrame(p.text).data.args, p.sentAt);
        p.reject(new SessionError('outcome-unknown', `${message}: the new order's outcome is unknown; it will be checked against open orders and history after reconnecting`, uuid));
      } else {
        p.reject(new SessionError(code, message, uuid));
      }
    }
  }

  hasLogin(): boolean {
    for (const p of this.values()) if (p.kind === 'login' || p.kind === 'relogin') return true;
    return false;
  }

  private deadlineOf(p: Pending): number {
    return p.sentMono + this.deps.requestTimeoutMs;
  }

  private arm(deadline: number): void {
    this.deadlineTimer = setTimeout(() => this.onDeadline(), Math.max(1, Math.ceil(deadline - performance.now())));
  }

  /** Times out every request past its deadline (the oldest come first), then waits for the next oldest. */
  private onDeadline(): void {
    this.deadlineTimer = undefined;
    const now = performance.now();
    for (const [uuid, p] of this) {
      const deadline = this.deadlineOf(p);
      if (deadline > now) {
        if (this.deadlineTimer === undefined) this.arm(deadline);
        return;
      }
      this.delete(uuid);
      this.expire(uuid, p);
    }
  }

  private expire(uuid: string, p: Pending): void {
    const { deps } = this;
    deps.emit({ type: 'timeout', uuid, choice: p.choice });
    const seconds = deps.requestTimeoutMs / 1000;
    if (p.kind === 'login' || p.kind === 'relogin') deps.loginTimedOut();
    if (p.kind === 'order-create') {
      // The exchange may or may not have taken it: never resend, find out from its listings.
      deps.unknown.record(uuid, sentFrame(p.text).data.args, p.sentAt);
      p.reject(new SessionError('outcome-unknown', `No reply to the new order within ${seconds} s: its outcome is unknown; checking open orders and history`, uuid));
      void deps.unknown.reconcile();
      return;
    }
    deps.logger.warn(`Request ${uuid} timed out after ${seconds} s`);
    p.reject(new SessionError('timeout', `No reply within ${seconds} s`, uuid));
  }
}
