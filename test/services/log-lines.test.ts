import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LogFile } from '../../main/services/log-file';
import { FrameLines } from '../../main/services/log-lines';
import { escapeControls } from '../../main/services/log-text';
import { SentSecrets } from '../../main/services/sent-secrets';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Texts a hostile server could send, between ordinary ones, enough for several 64 kB pieces and 1 MB buffers. */
function texts(): string[] {
  const odd = ['a\nforged line', 'tab\there', 'esc \u001b[2K', 'del \u007f', 'c1 \u0085 \u009b', 'ls \u2028 ps \u2029', 'nbsp \u00a0 € 😀', 'cr\r', ''];
  const out: string[] = [];
  for (let i = 0; i < 6000; i += 1) {
    out.push(`{"n":${i},"data":"${'x'.repeat(i % 300)}"}`);
    if (i % 97 === 0) out.push(odd[(i / 97) % odd.length]!);
    if (i % 1500 === 0) out.push('y'.repeat(200_000)); // a large (capped-size) frame
  }
  return out;
}

describe('FrameLines: the frame lines written to the file', () => {
  for (const simd of [true, false]) {
    it(`writes each text as one escaped line, in order (${simd ? 'SIMD scan' : 'native searches, without SIMD'})`, () => {
      dir = mkdtempSync(join(tmpdir(), 'oceanex-lines-'));
      const file = new LogFile(join(dir, 'ws_client.log'), 1024 * 1024 * 1024);
      const lines = new FrameLines(file, new SentSecrets(), () => undefined, simd);
      const all = texts();
      all.forEach((text, i) => {
        const bytes = Buffer.from(`..${text}`); // stored UTF-8, not at the start of its buffer
        lines.add(i % 2 ? '<< ' : '>> ', text, i + 1, bytes, 2, bytes.length - 2);
      });
      lines.flush();
      file.close();
      const expected = all.map((text, i) => `${i % 2 ? '<< ' : '>> '}${escapeControls(text)}\n`).join('');
      const written = readFileSync(join(dir, 'ws_client.log'), 'utf8');
      expect(written.length).toBe(expected.length);
      expect(written === expected).toBe(true);
    });
  }
});
