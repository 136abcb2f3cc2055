// Child of app-log-crash.test.ts: logs frames, lets one batch be written by the timer, logs more, and is killed
// (SIGKILL, no flush, no exit handlers) before the next batch is due.
//   node --import tsx app-log-crash-child.ts <log file> <frames before> <frames after>

import { AppLog } from '../../main/services/app-log';

const [file, before, after] = process.argv.slice(2);
const log = new AppLog({ file: file!, level: 'info', batchIntervalMs: 100 });
const frame = (i: number) => `{"identifier":{"handler":"TickerHandler"},"message":{"action":"index","code":0,"data":{"n":${i}},"uuid":"u-${i}"}}`;
for (let i = 0; i < Number(before); i += 1) log.frame('in', frame(i), `u-${i}`);
setTimeout(() => {
  // The timer's batch has been written (100 ms); these are queued for the next one, due in 100 ms.
  for (let i = Number(before); i < Number(before) + Number(after); i += 1) log.frame('in', frame(i), `u-${i}`);
  process.kill(process.pid, 'SIGKILL');
}, 300);
