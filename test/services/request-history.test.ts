// RequestHistory on real files: persistence across instances, per profile, newest first with filters, the bound,
// a corrupt file kept aside with a notice, redaction of anything secret-looking, and export as JSON lines.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_DIR, RequestHistory, type NewHistoryEntry } from '../../main/services/request-history';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oceanex-history-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ticker = (n: number): NewHistoryEntry => ({
  source: 'choice',
  choice: 13,
  handler: 'ToolHandler',
  action: 'timestamp',
  args: { n },
  fields: {},
  code: 0,
  rttMs: 1.5,
  summary: `received timestamp: ${n}`,
});

describe('RequestHistory', () => {
  it('keeps requests per profile across restarts, newest first', () => {
    const dir = tempDir();
    const a = new RequestHistory({ dir });
    a.add('sandbox', ticker(1));
    a.add('sandbox', { ...ticker(2), source: 'raw', frame: '{"x":1}' });
    a.add('other', ticker(3));
    a.flush();
    const b = new RequestHistory({ dir });
    expect(b.list('sandbox').map((e) => e.args)).toEqual([{ n: 2 }, { n: 1 }]);
    expect(b.list('other').map((e) => e.args)).toEqual([{ n: 3 }]);
    expect(b.list('sandbox', { source: 'raw' })).toHaveLength(1);
    expect(readFileSync(join(dir, HISTORY_DIR, 'sandbox.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('writes by itself shortly after a change, in the background, and coalesces a burst into one file', async () => {
    const dir = tempDir();
    const h = new RequestHistory({ dir, flushDelayMs: 20 });
    for (let n = 1; n <= 50; n += 1) h.add('p', ticker(n));
    const file = join(dir, HISTORY_DIR, 'p.jsonl');
    expect(existsSync(file)).toBe(false);
    for (const deadline = Date.now() + 5_000; !existsSync(file) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
    await h.settled();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(50);
    expect(readdirSync(join(dir, HISTORY_DIR))).toEqual(['p.jsonl']); // no temp file left behind
    h.add('p', ticker(51));
    h.flush(); // a quit right after: written at once
    await h.settled();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(51);
  });

  it('filters by outcome and searches handler, args, summary and errors', () => {
    const h = new RequestHistory({ dir: tempDir() });
    h.add('p', ticker(1));
    h.add('p', { ...ticker(2), code: 2004, summary: 'OrderHandler/show failed. code: 2004' });
    h.add('p', { source: 'choice', choice: 5, handler: 'AccountHandler', action: 'index', args: {}, error: 'Not connected to ws://127.0.0.1:1/ws/v1.' });
    expect(h.list('p', { outcome: 'ok' })).toHaveLength(1);
    expect(h.list('p', { outcome: 'failed' })).toHaveLength(2);
    expect(h.list('p', { text: 'accounthandler' })).toHaveLength(1);
    expect(h.list('p', { text: 'NOT CONNECTED' })).toHaveLength(1);
    expect(h.list('p', { text: '"n":2' })).toHaveLength(1);
    expect(h.list('p', { limit: 2 }).map((e) => e.choice)).toEqual([5, 13]);
  });

  it('is bounded: only the newest entries are kept, in memory and on disk', () => {
    const dir = tempDir();
    const h = new RequestHistory({ dir, max: 5 });
    for (let n = 1; n <= 8; n += 1) h.add('p', ticker(n));
    h.flush();
    expect(h.list('p').map((e) => (e.args as { n: number }).n)).toEqual([8, 7, 6, 5, 4]);
    const again = new RequestHistory({ dir, max: 5 });
    expect(again.list('p')).toHaveLength(5);
    expect(readFileSync(join(dir, HISTORY_DIR, 'p.jsonl'), 'utf8').trim().split('\n')).toHaveLength(5);
  });

  it('keeps a corrupt file aside with a notice, and the readable requests', () => {
    const dir = tempDir();
    const h = new RequestHistory({ dir });
    h.add('p', ticker(1));
    h.add('p', ticker(2));
    h.flush();
    const file = join(dir, HISTORY_DIR, 'p.jsonl');
    const original = `${readFileSync(file, 'utf8')}{"half a line\n{"id":"x"}\n`;
    writeFileSync(file, original);
    const reopened = new RequestHistory({ dir });
    const { notice } = reopened.open('p');
    expect(notice).toMatch(/2 line\(s\) of the request history .* could not be read\. The file was kept as .*corrupt-.*; the 2 readable request\(s\) were kept\./);
    const aside = readdirSync(join(dir, HISTORY_DIR)).filter((f) => f.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, HISTORY_DIR, aside[0]!), 'utf8')).toBe(original);
    expect(reopened.list('p')).toHaveLength(2);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('never stores anything that looks like a signature, token or key', () => {
    const dir = tempDir();
    const h = new RequestHistory({ dir });
    const stored = h.add('p', {
      source: 'raw',
      choice: 0,
      handler: 'X',
      action: 'y',
      args: { signature: 'c2lnbmF0dXJl', user_jwt: 'eyJhbGciOiJSUzI1NiJ9.eyJ1aWQiOiJJRDEifQ.sig' },
      frame: '{"data":{"args":{"signature":"c2lnbmF0dXJl"}}}',
    });
    h.flush();
    const text = readFileSync(join(dir, HISTORY_DIR, 'p.jsonl'), 'utf8');
    expect(text).not.toContain('c2lnbmF0dXJl');
    expect(text).not.toContain('eyJ1aWQiOiJJRDEifQ');
    expect(stored.args).toEqual({ signature: '[REDACTED]', user_jwt: '[REDACTED]' });
  });

  it('exports the profile as JSON lines, oldest first', () => {
    const dir = tempDir();
    const h = new RequestHistory({ dir });
    h.add('p', ticker(1));
    h.add('p', ticker(2));
    mkdirSync(join(dir, 'out'));
    const path = join(dir, 'out', 'export.jsonl');
    expect(h.exportTo('p', path)).toBe(2);
    expect(existsSync(path)).toBe(true);
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { args: { n: number } });
    expect(lines.map((l) => l.args.n)).toEqual([1, 2]);
  });

  it('refuses a profile id that is not a plain name (it becomes a file name)', () => {
    const h = new RequestHistory({ dir: tempDir() });
    expect(() => h.add('../escape', ticker(1))).toThrow(/Not a profile id/);
  });
});
