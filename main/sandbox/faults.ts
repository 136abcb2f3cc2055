// Fault injection for client tests: drop the socket on a given request, swallow replies, mass disconnect.

export interface SandboxFaults {
  /** The next request matching handler/action: close the socket abruptly (no reply). afterProcessing=true processes it first (e.g. the order IS created) then drops. */
  dropOnNext(handler: string, action: string, afterProcessing: boolean): void;
  /** Requests matching handler/action are processed but never answered (for client timeout tests), until cleared. */
  silence(handler: string, action: string): void;
  clear(): void;
  /** Send {"type":"disconnect","reason":reason,"reconnect":reconnect} to every connection and close them. */
  disconnectAll(reason: string, reconnect: boolean): void;
  /** Send this raw text to every connection (garbage-frame tests). */
  sendRaw(text: string): void;
}

/** What the server should do with one request, decided before it is processed. */
export type FaultPlan = 'none' | 'drop-before' | 'drop-after' | 'silence';

export class FaultRules {
  private drops: Array<{ key: string; afterProcessing: boolean }> = [];
  private silenced = new Set<string>();

  dropOnNext(handler: string, action: string, afterProcessing: boolean): void {
    this.drops.push({ key: `${handler}/${action}`, afterProcessing });
  }

  silence(handler: string, action: string): void {
    this.silenced.add(`${handler}/${action}`);
  }

  clear(): void {
    this.drops = [];
    this.silenced.clear();
  }

  /** Consumes a matching one-shot drop, if any. */
  planFor(handler: string, action: string): FaultPlan {
    const key = `${handler}/${action}`;
    const i = this.drops.findIndex((d) => d.key === key);
    if (i >= 0) {
      const [drop] = this.drops.splice(i, 1);
      return drop?.afterProcessing ? 'drop-after' : 'drop-before';
    }
    return this.silenced.has(key) ? 'silence' : 'none';
  }
}
