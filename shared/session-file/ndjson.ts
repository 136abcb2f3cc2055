// NDJSON: one frame per line, oldest first, each line complete on its own: when and in which direction, the
// endpoint, the uuid, the line of its partner (request ↔ reply) with the round trip, and the frame's exact text.

import { pairFrames, type RecordedSession } from './session';

export interface NdjsonFrameLine {
  readonly seq: number; // 1-based line number
  readonly time: string; // ISO 8601, UTC
  readonly epochMs: number;
  readonly direction: 'out' | 'in';
  readonly url: string;
  readonly uuid?: string;
  /** The seq of the request this reply answers, or of the reply this request got. */
  readonly pairedWith?: number;
  readonly rttMs?: number;
  readonly data: string;
}

export function toNdjson(session: RecordedSession): string {
  const partner = pairFrames(session.frames);
  const lines = session.frames.map((frame, i) => {
    const other = partner[i]!;
    const line: NdjsonFrameLine = {
      seq: i + 1,
      time: new Date(frame.time).toISOString(),
      epochMs: frame.time,
      direction: frame.direction,
      url: session.connections[frame.connection]?.url ?? '',
      ...(frame.uuid !== undefined ? { uuid: frame.uuid } : {}),
      ...(other >= 0 ? { pairedWith: other + 1, rttMs: Math.abs(session.frames[other]!.time - frame.time) } : {}),
      data: frame.text,
    };
    return JSON.stringify(line);
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
