// `npm run sandbox -- --replay session.har`: the sandbox serves a recorded session instead of its exchange, so a
// session recorded against production can be tested offline (as tardis-machine replays market feeds).
//
// Each request is answered with a recorded reply to the same handler/action: one recorded with the same args when
// there is one, else any of that handler/action; several recorded replies are served in turn, in recorded order.
// The reply carries the new request's uuid. A handler/action the recording never saw gets code 1001 saying so.
// Logins are not verified (the recording's key is not the sandbox's): the recorded login reply is served, or a
// plain success when the recording holds none. Private calls before login still get the connection dropped.

import { isRecord } from '../../shared/oceanex/messages';
import { canonicalJson } from '../../shared/oceanex/raw-frame';
import { pairFrames, type RecordedSession } from '../../shared/session-file/index';
import { loadSessionFile, SessionFileError } from '../services/session-files';
import { LOGIN_SCOPES } from './auth';
import { BAD_REQUEST } from './codes';
import { PRIVATE_HANDLERS, reply, type Connection, type Outcome, type ReplyFrame, type Request } from './handlers';

interface Recorded {
  readonly argsKey: string;
  readonly reply: Readonly<Record<string, unknown>>;
}

export class ReplayFileError extends Error {}

export class ReplayBook {
  private readonly byRoute = new Map<string, Recorded[]>();
  /** How many times each route (and route + args) was served, to take the recorded replies in turn. */
  private readonly served = new Map<string, number>();

  constructor(session: RecordedSession) {
    const partner = pairFrames(session.frames);
    session.frames.forEach((frame, i) => {
      const answer = partner[i]!;
      if (frame.direction !== 'out' || answer < 0) return;
      const request = parseObject(frame.text);
      const recordedReply = parseObject(session.frames[answer]!.text);
      if (!request || !recordedReply || !isRecord(request['identifier']) || !isRecord(request['data']) || !isRecord(recordedReply['message'])) return;
      const handler = request['identifier']['handler'];
      const action = request['data']['action'];
      if (typeof handler !== 'string' || typeof action !== 'string') return;
      const key = `${handler}/${action}`;
      const list = this.byRoute.get(key) ?? [];
      list.push({ argsKey: canonicalJson(request['data']['args'] ?? {}), reply: recordedReply });
      this.byRoute.set(key, list);
    });
  }

  /** Recorded request/reply pairs, per handler/action. */
  get routes(): ReadonlyMap<string, number> {
    return new Map([...this.byRoute].map(([key, list]) => [key, list.length]));
  }

  get size(): number {
    let n = 0;
    for (const list of this.byRoute.values()) n += list.length;
    return n;
  }

  /** The sandbox server's answer hook. */
  readonly answer = (conn: Connection, request: Request): Outcome => {
    const isLogin = request.handler === 'AuthHandler' && request.action === 'login';
    if (PRIVATE_HANDLERS.has(request.handler) && conn.uid === undefined) return { kind: 'unauthorized' };
    const route = `${request.handler}/${request.action}`;
    const candidates = this.byRoute.get(route);
    if (candidates === undefined) {
      if (isLogin) return this.login(conn, request, reply(request, 0, { scopes: LOGIN_SCOPES }));
      return { kind: 'reply', reply: reply(request, BAD_REQUEST, { message: `the replayed session has no reply to ${route}` }) };
    }
    const argsKey = canonicalJson(request.args);
    const same = candidates.filter((c) => c.argsKey === argsKey);
    const pool = same.length > 0 ? same : candidates;
    const turnKey = same.length > 0 ? `${route} ${argsKey}` : route;
    const turn = this.served.get(turnKey) ?? 0;
    this.served.set(turnKey, turn + 1);
    const recorded = pool[turn % pool.length]!.reply;
    const message = { ...(recorded['message'] as Record<string, unknown>), uuid: request.uuid };
    const frame = { ...recorded, message } as unknown as ReplyFrame;
    return isLogin ? this.login(conn, request, frame) : { kind: 'reply', reply: frame };
  };

  private login(conn: Connection, request: Request, frame: ReplyFrame): Outcome {
    const header = request.header;
    if (String(frame.message.code) === '0') conn.uid = isRecord(header) && typeof header['uid'] === 'string' ? header['uid'] : 'replay';
    return { kind: 'reply', reply: frame };
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a HAR or NDJSON session file for replay; a file that cannot serve gets a ReplayFileError in words. */
export function loadReplayFile(path: string): ReplayBook {
  let session: RecordedSession;
  try {
    session = loadSessionFile(path).session;
  } catch (error) {
    if (error instanceof SessionFileError) throw new ReplayFileError(error.message);
    throw error;
  }
  const book = new ReplayBook(session);
  if (book.size === 0) throw new ReplayFileError(`${path} holds no request with its reply (nothing to replay)`);
  return book;
}
