// "Restart to update" quits the app, which closes the websocket. That must never happen while an order's outcome
// is unknown (it is reconciled only over a live session) or while a request waits for its reply.

export interface SessionActivity {
  /** Order creates whose outcome is still unknown (not yet reconciled). */
  readonly unknownOrders: number;
  /** Requests sent and still waiting for their reply. */
  readonly inFlight: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Why a restart must wait right now, in words for the status bar; undefined when it may go ahead. */
export function restartBlocker(activity: SessionActivity): string | undefined {
  const reasons: string[] = [];
  if (activity.unknownOrders > 0) {
    reasons.push(`${plural(activity.unknownOrders, "order's outcome is", "orders' outcomes are")} still unknown`);
  }
  if (activity.inFlight > 0) reasons.push(`${plural(activity.inFlight, 'request is', 'requests are')} waiting for a reply`);
  if (reasons.length === 0) return undefined;
  return `The restart waits: ${reasons.join(' and ')}. It goes ahead once that is settled.`;
}
