// Session benchmark: the protocol core against a bare `ws` client on the same stream, in the same run.
//  - throughput: both clients send the same N requests (a mix of recorded sandbox replies: timestamp,
//    tickers, markets, fees, order book, k-line) to the replay server, which answers all N in one burst; the
//    bare client only JSON.parses each frame, the core parses, classifies, correlates, logs every frame at
//    info level to a real file (the app's AppLog) and resolves each request's promise. Rate = frames/s between first and last reply.
//  - round trip: sequential ToolHandler/timestamp requests against the real sandbox, bare vs core, interleaved.
// The server side runs in a child process (bench-peer.ts) so it never competes for this event loop.

import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Session as InspectorSession } from 'node:inspector/promises';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { choiceById, type ChoiceId, type FieldValues } from '../../shared/oceanex/catalogue';
import { buildRequest } from '../../shared/oceanex/messages';
import { Session } from '../../main/oceanex/session';
import type { SessionLogger } from '../../main/oceanex/session-api';
import type { ParentMessage, PeerMessage, ReplyTemplate } from './bench-peer';
import { AppLog } from '../../main/services/app-log';
import { BenchFileLogger } from './file-logger';
import { fixed, median, quantile } from './stats';

export interface SessionBenchOptions {
  readonly frames?: number; // per throughput round (default 20000)
  readonly rounds?: number; // throughput rounds per client, interleaved (default 5)
  readonly roundTrips?: number; // sequential requests per client (default 2000)
  readonly print?: (line: string) => void;
}

export interface SessionBenchResult {
  readonly frames: number;
  readonly rounds: number;
  readonly roundTrips: number;
  readonly bareMsgsPerSec: number;
  readonly coreMsgsPerSec: number;
  readonly throughputRatio: number;
  readonly bareRtt: { readonly p50: number; readonly p99: number };
  readonly coreRtt: { readonly p50: number; readonly p99: number };
  readonly rttP50OverheadMs: number;
  readonly logFile: string;
  readonly logLines: number;
}

/** The stream's mix: public requests whose recorded replies span tiny to a few kB. */
export const MIX: ReadonlyArray<{ readonly id: ChoiceId; readonly values: FieldValues }> = [
  { id: 'timestamp', values: {} },
  { id: 'tickers', values: {} },
  { id: 'markets', values: {} },
  { id: 'fees', values: {} },
  { id: 'orderBook', values: { market: 'vetusdt', level: 20, precision: 6 } },
  { id: 'kline', values: { market: 'vetusdt', limit: 30, period: 1 } },
];

function choice(id: ChoiceId) {
  const c = choiceById(id);
  if (c === undefined) throw new Error(`no choice ${id}`);
  return c;
}

// ---- the peer process ---------------------------------------------------------------------------------------

class Peer {
  private readonly child: ChildProcess;
  private readonly waiting: Array<{ type: PeerMessage['type']; resolve: (m: PeerMessage) => void }> = [];

  constructor() {
    const script = fileURLToPath(new URL('./bench-peer.ts', import.meta.url));
    this.child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (raw) => {
      const message = raw as PeerMessage;
      const i = this.waiting.findIndex((w) => w.type === message.type);
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(message);
    });
  }

  next<T extends PeerMessage['type']>(type: T): Promise<Extract<PeerMessage, { type: T }>> {
    return new Promise((resolve) => this.waiting.push({ type, resolve: resolve as (m: PeerMessage) => void }));
  }

  post(message: ParentMessage): void {
    this.child.send(message);
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.post({ type: 'stop' });
    await exited;
  }
}

// ---- bare client ---------------------------------------------------------------------------------------------

/** A plain ws client: sends prepared texts, JSON.parses what arrives. Nothing else. */
class BareClient {
  private onText: (text: string) => void = () => {};

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.onText(data.toString('utf8')));
  }

  /** Connects and waits for the welcome frame. */
  static async open(url: string): Promise<BareClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const client = new BareClient(ws);
    await new Promise<void>((resolve, reject) => {
      client.onText = () => resolve();
      ws.once('error', reject);
    });
    return client;
  }

  send(text: string): void {
    this.ws.send(text);
  }

  /** Resolves with the times after parsing the first and the n-th frame from now on. */
  receive(n: number): Promise<{ first: number; last: number }> {
    return new Promise((resolve) => {
      let count = 0;
      let first = 0;
      this.onText = (text) => {
        JSON.parse(text);
        count += 1;
        if (count === 1) first = performance.now();
        if (count === n) resolve({ first, last: performance.now() });
      };
    });
  }

  /** The next frame's text (parsed once, like every frame). */
  nextText(): Promise<string> {
    return new Promise((resolve) => {
      this.onText = (t) => {
        JSON.parse(t);
        resolve(t);
      };
    });
  }

  async roundTrip(text: string): Promise<number> {
    const t0 = performance.now();
    const reply = this.nextText();
    this.ws.send(text);
    await reply;
    return performance.now() - t0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

function bareRequestText(id: ChoiceId, values: FieldValues): string {
  return JSON.stringify(buildRequest(choice(id), values, randomUUID()));
}

async function openCore(url: string, logger: SessionLogger): Promise<Session> {
  const session = new Session({ url, logger, requestTimeoutMs: 120_000, autoReconnect: false });
  const welcome = new Promise<void>((resolve) => {
    const off = session.on((e) => {
      if (e.type === 'welcome') {
        off();
        resolve();
      }
    });
  });
  await session.connect();
  await welcome;
  return session;
}

// ---- phases --------------------------------------------------------------------------------------------------

async function recordTemplates(sandboxUrl: string): Promise<ReplyTemplate[]> {
  const client = await BareClient.open(sandboxUrl);
  const templates: ReplyTemplate[] = [];
  for (const { id, values } of MIX) {
    const c = choice(id);
    const uuid = randomUUID();
    const reply = client.nextText();
    client.send(JSON.stringify(buildRequest(c, values, uuid)));
    const text = await reply;
    if (!text.includes(uuid)) throw new Error(`recorded reply for ${id} lacks its uuid: ${text.slice(0, 200)}`);
    templates.push({ key: `${c.handler}/${c.action}`, text, uuid });
  }
  await client.close();
  return templates;
}

/** One timed round: the message rate, and this process's CPU time (all threads) per reply in the window. */
interface Round {
  readonly rate: number;
  readonly cpuUs: number;
  /** Of cpuUs, the part spent in the kernel (system calls: socket reads, file writes). */
  readonly systemUs: number;
  /** Garbage-collection pauses of the main thread in the window, per reply (helper threads not included). */
  readonly gcUs: number;
}

/** Every garbage collection's pause on the main thread, as perf_hooks reports them (a few per round). */
const gcPauses: Array<{ start: number; duration: number }> = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, duration: e.duration });
}).observe({ entryTypes: ['gc'] });

/** Microseconds of GC pause per reply between `from` and `to` (performance.now() times). */
async function gcMicros(from: number, to: number, n: number): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve)); // the observer is told after the fact
  const inWindow = gcPauses.filter((g) => g.start >= from && g.start <= to);
  gcPauses.length = 0;
  return (inWindow.reduce((sum, g) => sum + g.duration, 0) * 1000) / n;
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

function systemMicros(): number {
  return process.cpuUsage().system;
}

async function bareThroughput(peer: Peer, url: string, n: number, profiler?: WindowProbe): Promise<Round> {
  const texts = Array.from({ length: n }, (_, i) => {
    const m = MIX[i % MIX.length]!;
    return bareRequestText(m.id, m.values);
  });
  peer.post({ type: 'expect', count: n });
  await peer.next('armed');
  const client = await BareClient.open(url);
  const done = client.receive(n);
  for (const t of texts) client.send(t);
  await peer.next('collected');
  await profiler?.start();
  const cpu0 = cpuMicros();
  const sys0 = systemMicros();
  const t0 = performance.now();
  peer.post({ type: 'go' });
  const { first, last } = await done;
  const cpuUs = (cpuMicros() - cpu0) / n;
  const systemUs = (systemMicros() - sys0) / n;
  const gcUs = await gcMicros(t0, performance.now(), n);
  await profiler?.stop();
  await client.close();
  return { rate: ((n - 1) * 1000) / (last - first), cpuUs, systemUs, gcUs };
}

/** A logger that can write out what it has queued (AppLog and the minimal file logger can). */
type FlushableLogger = SessionLogger & { flush?: () => void | Promise<void> };

/**
 * With BENCH_CPU_PROFILE=<dir>, the timed window of every counted round of every client is CPU-profiled into
 * <dir>/<client>-<n>.cpuprofile (open them in Chrome DevTools): only the replies' handling, not the setup.
 */
class WindowProfiler {
  private readonly inspector = new InspectorSession();
  private readonly counts = new Map<string, number>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.inspector.connect();
  }

  /** Start/stop for one client's window, saved under its name. */
  as(client: string): WindowProbe {
    return {
      start: async () => {
        await this.inspector.post('Profiler.enable');
        await this.inspector.post('Profiler.setSamplingInterval', { interval: 100 });
        await this.inspector.post('Profiler.start');
      },
      stop: async () => {
        const { profile } = await this.inspector.post('Profiler.stop');
        const n = (this.counts.get(client) ?? 0) + 1;
        this.counts.set(client, n);
        writeFileSync(join(this.dir, `${client}-${n}.cpuprofile`), JSON.stringify(profile));
      },
    };
  }

  close(): void {
    this.inspector.disconnect();
  }
}

interface WindowProbe {
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function coreThroughput(peer: Peer, url: string, n: number, logger: FlushableLogger, profiler?: WindowProbe): Promise<Round> {
  const requests = Array.from({ length: n }, (_, i) => {
    const m = MIX[i % MIX.length]!;
    return { spec: choice(m.id), values: m.values };
  });
  peer.post({ type: 'expect', count: n });
  await peer.next('armed');
  const session = await openCore(url, logger);
  let count = 0;
  let first = 0;
  let last = 0;
  // A listener like the app's (it counts; the app batches to the UI).
  session.on((e) => {
    if (e.type !== 'reply') return;
    count += 1;
    if (count === 1) first = performance.now();
    if (count === n) last = performance.now();
  });
  // Count resolutions like a caller that handles each result and lets it go (Promise.all would keep all n).
  let resolved = 0;
  let resolvedAt = 0;
  const allResolved = new Promise<void>((resolve, reject) => {
    const onResult = (): void => {
      resolved += 1;
      if (resolved === n) {
        resolvedAt = performance.now();
        resolve();
      }
    };
    for (const r of requests) session.request(r.spec, r.values).then(onResult, reject);
  });
  // The requests' own log lines are written before the burst, so the window holds only the replies' work…
  await peer.next('collected');
  await logger.flush?.();
  await profiler?.start();
  const cpu0 = cpuMicros();
  const sys0 = systemMicros();
  const t0 = performance.now();
  peer.post({ type: 'go' });
  await allResolved;
  // …including writing the replies' log lines, which a batching logger may still hold.
  await logger.flush?.();
  const flushedAt = performance.now();
  const cpuUs = (cpuMicros() - cpu0) / n;
  const systemUs = (systemMicros() - sys0) / n;
  const gcUs = await gcMicros(t0, flushedAt, n);
  await profiler?.stop();
  if (count !== n) throw new Error(`core got ${count} of ${n} replies`);
  await session.dispose();
  return { rate: ((n - 1) * 1000) / (Math.max(last, resolvedAt, flushedAt) - first), cpuUs, systemUs, gcUs };
}

async function roundTrips(sandboxUrl: string, total: number, logger: SessionLogger): Promise<{ bare: number[]; core: number[] }> {
  const bare = await BareClient.open(sandboxUrl);
  const core = await openCore(sandboxUrl, logger);
  const timestamp = choice('timestamp');
  const coreOnce = async (): Promise<number> => {
    const t0 = performance.now();
    await core.request(timestamp, {});
    return performance.now() - t0;
  };
  const bareOnce = (): Promise<number> => bare.roundTrip(`{"identifier":{"handler":"ToolHandler"},"command":"message","data":{"action":"timestamp","uuid":"${randomUUID()}","args":{}}}`);
  for (let i = 0; i < 200; i++) {
    await bareOnce();
    await coreOnce();
  }
  const result = { bare: [] as number[], core: [] as number[] };
  const block = 100;
  for (let done = 0; done < total; done += block) {
    for (let i = 0; i < block; i++) result.bare.push(await bareOnce());
    for (let i = 0; i < block; i++) result.core.push(await coreOnce());
  }
  await bare.close();
  await core.dispose();
  return result;
}

/** Throughput figures of one client: every round, the best and median rate, and the least CPU per reply. */
interface Rates {
  readonly rounds: number[];
  readonly best: number;
  readonly median: number;
  readonly cpuUs: number;
  /** The kernel's part of the least-CPU round. */
  readonly systemUs: number;
  /** The main thread's GC pauses in the least-CPU round. */
  readonly gcUs: number;
}

function rates(rounds: readonly Round[]): Rates {
  const r = rounds.map((x) => x.rate);
  const least = rounds.reduce((a, b) => (b.cpuUs < a.cpuUs ? b : a));
  return { rounds: r, best: Math.max(...r), median: median(r), cpuUs: least.cpuUs, systemUs: least.systemUs, gcUs: least.gcUs };
}

function describeRates(r: Rates): string {
  return `best ${fixed(r.best, 0)} median ${fixed(r.median, 0)} (rounds: ${r.rounds.map((x) => fixed(x, 0)).join(', ')})`;
}

export async function runSessionBench(options: SessionBenchOptions = {}): Promise<SessionBenchResult> {
  const frames = options.frames ?? 20_000;
  const rounds = options.rounds ?? 5;
  const total = options.roundTrips ?? 2_000;
  const print = options.print ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(join(tmpdir(), 'oceanex-bench-'));
  const logFile = join(dir, 'ws_client.log');
  // The app's own logger at info level: redaction, ring buffer, batched writes to a real ws_client.log.
  const logger = new AppLog({ file: logFile, level: 'info' });
  let logLines = 0;
  logger.onBatch((batch) => (logLines += batch.length));
  // For attribution only: the same core with a minimal file logger, and with no logger at all.
  const plainLogger = new BenchFileLogger(join(dir, 'plain.log'));
  const noLogger: SessionLogger = { frame() {}, debug() {}, info() {}, warn() {}, error() {} };
  const profileDir = process.env['BENCH_CPU_PROFILE'];
  const profiler = profileDir ? new WindowProfiler(profileDir) : undefined;
  const peer = new Peer();
  try {
    const { sandboxUrl, replayUrl } = await peer.next('ready');
    const templates = await recordTemplates(sandboxUrl);
    peer.post({ type: 'templates', templates });
    const sizes = templates.map((t) => `${t.key.split('/')[0]} ${t.text.length} B`).join(', ');
    print(`session bench: ${frames} reply frames × ${rounds} interleaved rounds per client; recorded sandbox replies: ${sizes}`);

    const bareRounds: Round[] = [];
    const coreRounds: Round[] = [];
    const plainRounds: Round[] = [];
    const silentRounds: Round[] = [];
    // One warm-up round each, not counted.
    await bareThroughput(peer, replayUrl, Math.min(frames, 5_000));
    await coreThroughput(peer, replayUrl, Math.min(frames, 5_000), logger);
    for (let r = 0; r < rounds; r++) {
      bareRounds.push(await bareThroughput(peer, replayUrl, frames, profiler?.as('bare')));
      coreRounds.push(await coreThroughput(peer, replayUrl, frames, logger, profiler?.as('core')));
      plainRounds.push(await coreThroughput(peer, replayUrl, frames, plainLogger, profiler?.as('core-minimal-logger')));
      silentRounds.push(await coreThroughput(peer, replayUrl, frames, noLogger, profiler?.as('core-no-logger')));
    }
    const bare = rates(bareRounds);
    const core = rates(coreRounds);
    const plain = rates(plainRounds);
    const silent = rates(silentRounds);
    // Interference from other processes only ever slows a round down: the best round of each client is the
    // least disturbed estimate of its own cost, so the headline ratio compares bests (medians printed too).
    const throughputRatio = core.best / bare.best;

    const rtt = await roundTrips(sandboxUrl, total, logger);
    const bareRtt = { p50: quantile(rtt.bare, 0.5), p99: quantile(rtt.bare, 0.99) };
    const coreRtt = { p50: quantile(rtt.core, 0.5), p99: quantile(rtt.core, 0.99) };
    const rttP50OverheadMs = coreRtt.p50 - bareRtt.p50;
    await logger.close();
    await plainLogger.close();

    print(`bare throughput msgs/s: ${describeRates(bare)}`);
    print(`core throughput msgs/s: ${describeRates(core)}`);
    print(`  core with a minimal file logger instead of AppLog: ${describeRates(plain)}`);
    print(`  core with no logger: ${describeRates(silent)}`);
    print(`throughput ratio core/bare: ${fixed(throughputRatio, 2)}`);
    print(`  (median ratio ${fixed(core.median / bare.median, 2)}; minimal-logger ratio ${fixed(plain.best / bare.best, 2)}; no-logger ratio ${fixed(silent.best / bare.best, 2)})`);
    // CPU time is less disturbed by other processes than elapsed time (it still counts cache and core sharing).
    print(`cpu µs per reply (this process, all threads, least of the rounds): bare ${fixed(bare.cpuUs, 2)}, core ${fixed(core.cpuUs, 2)}, core with the minimal logger ${fixed(plain.cpuUs, 2)}, core with no logger ${fixed(silent.cpuUs, 2)}; cpu ratio bare/core ${fixed(bare.cpuUs / core.cpuUs, 2)}`);
    print(`  of which in the kernel (system time): bare ${fixed(bare.systemUs, 2)}, core ${fixed(core.systemUs, 2)}, core with the minimal logger ${fixed(plain.systemUs, 2)}, core with no logger ${fixed(silent.systemUs, 2)}`);
    print(`  garbage-collection pauses of the main thread, µs per reply (same rounds): bare ${fixed(bare.gcUs, 2)}, core ${fixed(core.gcUs, 2)}, core with the minimal logger ${fixed(plain.gcUs, 2)}, core with no logger ${fixed(silent.gcUs, 2)}`);
    print(`bare rtt ms (n=${rtt.bare.length}, ToolHandler/timestamp vs sandbox): p50 ${fixed(bareRtt.p50, 3)} p99 ${fixed(bareRtt.p99, 3)}`);
    print(`core rtt ms (n=${rtt.core.length}, ToolHandler/timestamp vs sandbox): p50 ${fixed(coreRtt.p50, 3)} p99 ${fixed(coreRtt.p99, 3)}`);
    print(`rtt p50 overhead ms: ${fixed(rttP50OverheadMs, 3)}`);
    print(`core log (the app's AppLog, info level): ${logLines} entries written to ${logFile}`);
    return {
      frames, rounds, roundTrips: total, bareMsgsPerSec: bare.best, coreMsgsPerSec: core.best, throughputRatio, bareRtt, coreRtt, rttP50OverheadMs,
      logFile, logLines,
    };
  } finally {
    profiler?.close();
    await peer.stop();
  }
}
