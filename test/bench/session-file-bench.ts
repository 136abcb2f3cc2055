// `npm run bench -- session-file`: exporting and importing sessions at the import cap (200 000 frames), against
// the baseline of a plain JSON.parse of the same bytes in the same process, and heap growth while refusing a
// million-frame file. Printed figures, never asserted.

import { parseSessionFile, toHar, toNdjson, type RecordedSession, type SessionFrame } from '../../shared/session-file/index';
import { MAX_SESSION_FRAMES } from '../../shared/session-file/limits';

function sampleSession(frames: number): RecordedSession {
  const list: SessionFrame[] = [];
  const t0 = Date.UTC(2026, 11, 6);
  for (let i = 0; i < frames; i += 2) {
    const uuid = `0d4d3358-1b29-470a-b125-${String(i).padStart(12, '0')}`;
    list.push({ time: t0 + i * 10, direction: 'out', connection: 0, uuid, text: JSON.stringify({ identifier: { handler: 'OrderBookHandler' }, command: 'message', data: { action: 'index', uuid, args: { market_id: 'vetusdt', market: 'vetusdt', level: 2, precision: 6 } } }) });
    list.push({ time: t0 + i * 10 + 7, direction: 'in', connection: 0, uuid, text: JSON.stringify({ identifier: { handler: 'OrderBookHandler' }, message: { action: 'index', code: 0, data: { asks: [['0.0251', '1200.0'], ['0.0252', '900.0']], bids: [['0.0249', '1000.0'], ['0.0248', '500.0']] }, uuid } }) });
  }
  return { connections: [{ url: 'wss://ws.oceanex.pro/ws/v1', startedAt: t0 }], frames: list };
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

function best<T>(runs: number, run: () => T): { value: T; ms: number } {
  let result = timed(run);
  for (let i = 1; i < runs; i++) {
    const next = timed(run);
    if (next.ms < result.ms) result = next;
  }
  return result;
}

export async function runSessionFileBench(): Promise<void> {
  const session = sampleSession(MAX_SESSION_FRAMES);
  const har = best(3, () => toHar(session, { name: 'bench', version: '0' }));
  const ndjson = best(3, () => toNdjson(session));
  const mb = (text: string) => (text.length / 1024 / 1024).toFixed(1);
  console.log(`export ${MAX_SESSION_FRAMES} frames: HAR ${mb(har.value)} MB in ${har.ms.toFixed(0)} ms, NDJSON ${mb(ndjson.value)} MB in ${ndjson.ms.toFixed(0)} ms`);
  // Import at the size cap's scale: 100 000 frames of this kind are about 38 MB as HAR and 45 MB as NDJSON.
  const half = sampleSession(MAX_SESSION_FRAMES / 2);
  for (const [name, text] of [['HAR', toHar(half, { name: 'bench', version: '0' })], ['NDJSON', toNdjson(half)]] as const) {
    const baseline = best(3, () => (name === 'HAR' ? JSON.parse(text) : text.split('\n').map((l) => (l ? JSON.parse(l) : null))));
    const parsed = best(3, () => parseSessionFile(text));
    if (!parsed.value.ok) throw new Error(parsed.value.error);
    console.log(`import ${name} ${mb(text)} MB, ${half.frames.length} frames: ${parsed.ms.toFixed(0)} ms (${(text.length / 1024 / 1024 / (parsed.ms / 1000)).toFixed(0)} MB/s); JSON.parse alone ${baseline.ms.toFixed(0)} ms; ratio ${(parsed.ms / baseline.ms).toFixed(2)}`);
  }
  const million = Buffer.from('{"direction":"in","epochMs":1,"data":"{}"}\n'.repeat(1_000_000), 'latin1').toString('latin1');
  const before = process.memoryUsage().heapUsed;
  const refused = timed(() => parseSessionFile(million));
  console.log(`refusing 1 000 000 NDJSON lines (${mb(million)} MB): ${refused.ms.toFixed(0)} ms, heap change ${((process.memoryUsage().heapUsed - before) / 1024 / 1024).toFixed(1)} MB (negative: a collection ran): ${refused.value.ok ? 'accepted?!' : refused.value.error}`);
}

if (process.argv[1]?.endsWith('session-file-bench.ts')) void runSessionFileBench();
