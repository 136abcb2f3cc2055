// --json: every inbound frame, as received, printed as one JSON line next to the log it is written to.

import type { SessionLogger } from '../oceanex/session-api';

/** A SessionLogger that forwards everything to `log` and hands each inbound frame, compacted, to `print`. */
export function echoInboundFrames(log: SessionLogger, print: (line: string) => void): SessionLogger {
  return {
    frame(direction, text, uuid) {
      log.frame(direction, text, uuid);
      if (direction !== 'in') return;
      let line: string;
      try {
        line = JSON.stringify(JSON.parse(text));
      } catch {
        // Not JSON: still one line, as a JSON string, so every printed line parses.
        line = JSON.stringify({ malformed: text });
      }
      print(line);
    },
    debug: (message) => log.debug(message),
    info: (message) => log.info(message),
    warn: (message) => log.warn(message),
    error: (message) => log.error(message),
  };
}
