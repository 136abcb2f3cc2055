// The process that test/bench/log-instructions.ts runs under callgrind: an in-process replay of recorded sandbox
// replies through the session's inbound hot path (Buffer → string → classifyFrame) and the app's AppLog at info
// level, without sockets, so that the instructions it executes are the same from run to run.
//   node log-replay.cjs <templates.json> <frames per round> <rounds> <applog|none>
// Each round handles that many replies and flushes the log; each parsed reply is kept by an array that is already
// old, as the session bench's pending request promises keep theirs (so the garbage collector copies them).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyFrame } from '../../shared/oceanex/messages';
import { AppLog } from '../../main/services/app-log';

interface Template {
  readonly text: string;
  readonly uuid: string;
}

function main(): void {
  const [templatesFile, framesArg, roundsArg, variant] = process.argv.slice(2);
  const perRound = Number(framesArg);
  const templates = JSON.parse(readFileSync(templatesFile!, 'utf8')) as Template[];
  const rounds = Number(roundsArg);
  // Each frame's bytes with its own uuid, made before the measured part like a socket's read buffer.
  const frames = Array.from({ length: perRound }, (_, i) => {
    const t = templates[i % templates.length]!;
    const uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    return { bytes: Buffer.from(t.text.replace(t.uuid, uuid), 'utf8'), uuid };
  });
  const dir = mkdtempSync(join(tmpdir(), 'oceanex-log-replay-'));
  const log = variant === 'applog' ? new AppLog({ file: join(dir, 'ws_client.log'), level: 'info' }) : undefined;
  let batches = 0;
  log?.onBatch((b) => (batches += b.length));
  const kept: unknown[] = new Array<unknown>(perRound).fill(null);
  for (let r = 0; r < rounds; r += 1) {
    for (let i = 0; i < perRound; i += 1) {
      const frame = frames[i]!;
      const text = frame.bytes.toString('utf8');
      const inbound = classifyFrame(text);
      kept[i] = inbound;
      log?.frame('in', text, frame.uuid, frame.bytes); // as the session passes a received frame's bytes
    }
    void log?.flush();
    kept.fill(null);
  }
  void log?.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`replayed ${rounds * perRound} frames (${variant}); ${batches} entries delivered`);
}

main();
