// The sandbox's network face: one HTTP server on 127.0.0.1 carrying the websocket endpoint /ws/v1
// (welcome, heartbeats, login, handlers, fault injection) and the REST key check GET /v1/key.
//
// No client may stop it: upgrades carrying a web page's Origin are refused (a page could otherwise open
// ws://127.0.0.1:PORT), a request target is read as text (never thrown on), every upgrade socket has an error
// listener, connections are capped, and a client that does not read its replies is dropped once its unsent data
// passes a cap (no unbounded send buffers).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { LOGIN_PATH } from '../../shared/oceanex/messages';
import { FaultRules, type SandboxFaults } from './faults';
import { handleRequest, parseInbound, type Connection, type HandlerContext, type Outcome, type Request } from './handlers';
import { checkKey, readBody } from './rest-key';

/** Unanswered pings after which the server drops a connection. */
export const MAX_UNANSWERED_PINGS = 3;
/** Simultaneous websocket connections accepted (the app uses one; tests a few). */
export const DEFAULT_MAX_CONNECTIONS = 32;
/** A client with more than this unsent (it is not reading its replies) is dropped. */
export const DEFAULT_MAX_UNSENT_BYTES = 4 * 1024 * 1024;

export interface ServerOptions {
  readonly port: number;
  readonly pingIntervalSeconds: number;
  readonly context: HandlerContext;
  readonly maxConnections?: number;
  readonly maxUnsentBytes?: number;
  /** Answers requests instead of the exchange (a replayed session, ./replay.ts). */
  readonly answer?: (conn: Connection, request: Request) => Outcome;
  /** Called after a request that may have changed balances or orders, before its reply is sent (saving). */
  readonly afterChange?: () => void;
}

/** Requests that change what an account holds: the state is saved before they are answered. */
const CHANGES = new Set(['OrderHandler/create', 'OrderHandler/cancel', 'OrderHandler/clear']);

/**
 * The path of an origin-form request target ("/ws/v1?x" → "/ws/v1"), or undefined for anything else ("//",
 * "*", "http://host/…"). Read as text: a URL parser refuses some targets by throwing, and a throw here would
 * once end the whole process.
 */
export function requestPath(target: string | undefined): string | undefined {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return undefined;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * An Origin naming this very server (http(s)://host:port as in the Host header, a loopback name and our port):
 * what Python's websocket-client sends by default. A page of another origin, or one reached through DNS
 * rebinding (its Host is its own name, not a loopback one), is refused.
 */
export function isOwnLoopbackOrigin(origin: string, host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const ownHost = host.toLowerCase();
  const colon = ownHost.lastIndexOf(':');
  if (colon === -1 || ownHost.slice(colon + 1) !== String(port) || !LOOPBACK_HOSTS.has(ownHost.slice(0, colon))) return false;
  const sent = origin.toLowerCase();
  return sent === `http://${ownHost}` || sent === `https://${ownHost}`;
}

function refuseUpgrade(socket: import('node:stream').Duplex, status: string, why: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(why)}\r\n\r\n${why}`);
}

interface Client extends Connection {
  readonly socket: WebSocket;
  readonly id: number;
  unansweredPings: number;
  heartbeat: NodeJS.Timeout | undefined;
}

export class SandboxServer {
  readonly faults: SandboxFaults;
  private readonly rules = new FaultRules();
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  private readonly clients = new Set<Client>();
  private nextClientId = 1;
  private boundPort = 0;
  /** Upgrades accepted but not yet connected: they count toward the cap too. */
  private upgrading = 0;
  private readonly maxConnections: number;
  private readonly maxUnsentBytes: number;

  constructor(private readonly options: ServerOptions) {
    this.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    this.maxUnsentBytes = options.maxUnsentBytes ?? DEFAULT_MAX_UNSENT_BYTES;
    this.http = createServer((req, res) => void this.onHttp(req, res));
    this.http.on('upgrade', (req, socket, head) => {
      // From here on the socket is ours, not the HTTP server's: a reset (ECONNRESET) after a refusal would
      // otherwise be an 'error' without a listener, which ends the process.
      socket.on('error', (e) => this.log(`upgrade socket error: ${e.message}`));
      if (requestPath(req.url) !== LOGIN_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      // Browsers always send Origin on a websocket upgrade; the app and the terminal client never do. Python's
      // websocket-client (OceanEx's ws_client.py) sends its own host as Origin: same origin is not a web page.
      if (req.headers.origin !== undefined && !isOwnLoopbackOrigin(req.headers.origin, req.headers.host, this.boundPort)) {
        this.log(`refused an upgrade from a web page (Origin ${req.headers.origin.slice(0, 100)})`);
        refuseUpgrade(socket, '403 Forbidden', 'The sandbox does not accept connections from web pages.');
        return;
      }
      if (this.clients.size + this.upgrading >= this.maxConnections) {
        this.log(`refused a connection: already ${this.maxConnections} open`);
        refuseUpgrade(socket, '503 Service Unavailable', `The sandbox accepts at most ${this.maxConnections} connections.`);
        return;
      }
      this.upgrading += 1;
      let counted = true;
      const settle = (): void => {
        if (counted) this.upgrading -= 1;
        counted = false;
      };
      socket.once('close', settle);
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        settle();
        this.onConnection(ws);
      });
    });
    const rules = this.rules;
    this.faults = {
      dropOnNext: (handler, action, afterProcessing) => rules.dropOnNext(handler, action, afterProcessing),
      silence: (handler, action) => rules.silence(handler, action),
      clear: () => rules.clear(),
      disconnectAll: (reason, reconnect) => {
        for (const c of [...this.clients]) this.disconnect(c, reason, reconnect);
      },
      sendRaw: (text) => {
        for (const c of this.clients) if (c.socket.readyState === WebSocket.OPEN) c.socket.send(text);
      },
    };
  }

  private get log(): (line: string) => void {
    return this.options.context.log;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, '127.0.0.1', () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    this.boundPort = (this.http.address() as AddressInfo).port;
    return this.boundPort;
  }

  get port(): number {
    return this.boundPort;
  }

  connectionCount(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    for (const c of [...this.clients]) {
      this.stopHeartbeat(c);
      c.socket.terminate();
    }
    this.clients.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ---- websocket ------------------------------------------------------------------------------------------

  private onConnection(socket: WebSocket): void {
    const client: Client = { socket, id: this.nextClientId++, uid: undefined, unansweredPings: 0, heartbeat: undefined };
    this.clients.add(client);
    this.log(`#${client.id} connected`);
    this.send(client, { type: 'welcome', message: this.options.pingIntervalSeconds });
    client.heartbeat = setInterval(() => this.beat(client), this.options.pingIntervalSeconds * 1000);
    socket.on('message', (data, isBinary) => this.onMessage(client, data, isBinary));
    socket.on('close', () => {
      this.stopHeartbeat(client);
      this.clients.delete(client);
      this.log(`#${client.id} closed`);
    });
    socket.on('error', (e) => this.log(`#${client.id} socket error: ${e.message}`));
  }

  private beat(client: Client): void {
    if (client.unansweredPings >= MAX_UNANSWERED_PINGS) {
      this.log(`#${client.id} missed ${MAX_UNANSWERED_PINGS} pings, dropping`);
      this.disconnect(client, 'heartbeat timeout', true);
      return;
    }
    client.unansweredPings += 1;
    this.send(client, { type: 'ping', message: Math.floor(this.options.context.exchange.now() / 1000) });
  }

  private stopHeartbeat(client: Client): void {
    if (client.heartbeat) clearInterval(client.heartbeat);
    client.heartbeat = undefined;
  }

  private disconnect(client: Client, reason: string, reconnect: boolean): void {
    this.stopHeartbeat(client);
    this.send(client, { type: 'disconnect', reason, reconnect });
    client.socket.close(1000, reason.slice(0, 100));
  }

  private send(client: Client, frame: unknown): void {
    if (client.socket.readyState !== WebSocket.OPEN) return;
    client.socket.send(JSON.stringify(frame));
    if (client.socket.bufferedAmount > this.maxUnsentBytes) {
      this.log(`#${client.id} is not reading its replies (${client.socket.bufferedAmount} bytes unsent): dropping`);
      this.stopHeartbeat(client);
      client.socket.terminate();
    }
  }

  private onMessage(client: Client, data: RawData, isBinary: boolean): void {
    if (client.socket.readyState !== WebSocket.OPEN) return; // dropped: ignore what it had queued
    const text = isBinary ? '' : data.toString();
    const inbound = isBinary ? ({ kind: 'ignored', reason: 'binary frame' } as const) : parseInbound(text);
    if (inbound.kind === 'pong') {
      client.unansweredPings = 0;
      return;
    }
    if (inbound.kind === 'ignored') {
      this.log(`#${client.id} ignored frame (${inbound.reason}): ${text.slice(0, 200)}`);
      return;
    }
    const { request } = inbound;
    const plan = this.rules.planFor(request.handler, request.action);
    if (plan === 'drop-before') {
      this.log(`#${client.id} fault: dropping on ${request.handler}/${request.action} before processing`);
      client.socket.terminate();
      return;
    }
    const outcome = this.options.answer ? this.options.answer(client, request) : handleRequest(this.options.context, client, request);
    if (outcome.kind === 'unauthorized') {
      this.log(`#${client.id} private call ${request.handler}/${request.action} before login: disconnecting`);
      this.disconnect(client, 'unauthorized', false);
      return;
    }
    if (outcome.reply.message.code === 0 && CHANGES.has(`${request.handler}/${request.action}`)) this.options.afterChange?.();
    if (plan === 'drop-after') {
      this.log(`#${client.id} fault: dropping after processing ${request.handler}/${request.action}`);
      client.socket.terminate();
      return;
    }
    // Handler, action and code only: args may carry a login signature.
    this.log(`#${client.id} ${request.handler}/${request.action} → code ${outcome.reply.message.code}${plan === 'silence' ? ' (silenced)' : ''}`);
    if (plan === 'silence') return;
    this.send(client, outcome.reply);
  }

  // ---- http -----------------------------------------------------------------------------------------------

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = requestPath(req.url);
    const answer = (status: number, body: unknown): void => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (path === undefined) {
        answer(400, { code: 1001, message: 'the request target must be a path starting with /' });
      } else if (path === '/v1/key' && req.method === 'GET') {
        const result = checkKey(this.options.context.keys, req, await readBody(req));
        this.log(`GET /v1/key → ${result.status} code ${result.body.code}`);
        answer(result.status, result.body);
      } else {
        answer(404, { code: 1001, message: `no such endpoint: ${req.method ?? ''} ${path.slice(0, 200)}` });
      }
    } catch (e) {
      answer(400, { code: 1001, message: (e as Error).message });
    }
  }
}
