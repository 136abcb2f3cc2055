// A real Node process with the guards installed, then an uncaught exception, an unhandled rejection and a secret
// in an error; it must still be running afterwards (it prints "alive" and exits 0 on its own).
import { installProcessGuards } from '../../main/electron/process-guard';

installProcessGuards(process, (message) => console.log(JSON.stringify({ report: message })));
setTimeout(() => {
  throw new Error('boom from a timer');
}, 10);
setTimeout(() => void Promise.reject(new Error('rejected with user_jwt=eyJhbGciOi.eyJ1aWQiOiJJRDEifQ.c2lnbmF0dXJlc2lnbmF0dXJl')), 20);
setTimeout(() => void Promise.reject('a plain string'), 30);
setTimeout(() => {
  console.log(JSON.stringify({ alive: true }));
  process.exit(0);
}, 200);
