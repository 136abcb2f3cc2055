// NDJSON: one frame per line, oldest first, each line complete on its own: when and in which direction, the
// endpoint, the uuid, the line of its partner (request ↔ reply) with the round trip, and the frame's exact text.

import { pairFrames, type RecordedSession } from './session';

export interface NdjsonFrameLine {
  readonly seq: number; // 1-based line number
  readonly time: string; // ISO 8601, UTC
  readonly epochMs: number;
  readonly direction: 'out' | 'in';
  readonly url: string;
  readonly uuid?: string | undefined;
  /** The seq of the request this reply answers, or of the reply this request got. */
  readonly pairedWith?: number | undefined;
  readonly rttMs?: number | undefined;
  readonly data: string;
}

export function toNdjson(session: RecordedSession): string {
  const partner = pairFrames(session.frames);
  const lines = session.frames.map((frame, i) => {
    const other = partner[i]!;
    // Undefined fields are left out by JSON.stringify; no spreads, so 200 000 frames stay quick.
    const line: NdjsonFrameLine = {
      seq: i + 1,
      time: new Date(frame.time).toISOString(),
      epochMs: frame.time,
      direction: frame.direction,
      url: session.connections[frame.connection]?.url ?? '',
      uuid: frame.uuid,
      pairedWith: other >= 0 ? other + 1 : undefined,
      rttMs: other >= 0 ? Math.abs(session.frames[other]!.time - frame.time) : undefined,
      data: frame.text,
    };
    return JSON.stringify(line);
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
