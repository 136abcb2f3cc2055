// HAR 1.2 with Chrome's websocket extension: one entry per connection (the GET upgraded with 101), its frames in
// `_webSocketMessages` as {type: "send"|"receive", time: epoch seconds, opcode: 1, data: text}, as Chrome's
// DevTools exports them, so DevTools, HAR viewers and our own import open the file.

import type { RecordedSession, SessionFrame } from './session';

export interface HarCreator {
  readonly name: string;
  readonly version: string;
}

export interface HarWebSocketMessage {
  readonly type: 'send' | 'receive';
  readonly time: number; // epoch seconds, fractional
  readonly opcode: number;
  readonly data: string;
}

const nameValues: never[] = [];

export function toHar(session: RecordedSession, creator: HarCreator): string {
  const byConnection = session.connections.map((): SessionFrame[] => []);
  for (const frame of session.frames) byConnection[frame.connection]?.push(frame);
  const entries = session.connections.map((connection, i) => {
    const frames = byConnection[i]!;
    const last = frames.length > 0 ? frames[frames.length - 1]!.time : connection.startedAt;
    return {
      startedDateTime: new Date(connection.startedAt).toISOString(),
      time: Math.max(0, last - connection.startedAt),
      request: {
        method: 'GET',
        url: connection.url,
        httpVersion: 'HTTP/1.1',
        cookies: nameValues,
        headers: nameValues,
        queryString: nameValues,
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status: 101,
        statusText: 'Switching Protocols',
        httpVersion: 'HTTP/1.1',
        cookies: nameValues,
        headers: nameValues,
        content: { size: 0, mimeType: 'x-unknown' },
        redirectURL: '',
        headersSize: -1,
        bodySize: 0,
      },
      cache: {},
      timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 },
      _resourceType: 'websocket',
      _webSocketMessages: frames.map(
        (f): HarWebSocketMessage => ({ type: f.direction === 'out' ? 'send' : 'receive', time: f.time / 1000, opcode: 1, data: f.text }),
      ),
    };
  });
  return `${JSON.stringify({ log: { version: '1.2', creator: { name: creator.name, version: creator.version }, pages: [], entries } }, null, 2)}\n`;
}
