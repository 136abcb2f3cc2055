// SessionOptions with every default filled in and every number checked (a bad value falls back to the default).

import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../shared/constants';
import { resolveBackoff } from './backoff';
import { SILENT_LOGGER } from './connection';
import { DEFAULT_MAX_PAYLOAD_BYTES } from './frame-limits';
import type { BackoffOptions, SessionLogger, SessionOptions } from './session-api';

/** Heartbeat interval assumed until (or unless) the welcome frame announces one (SessionOptions can change it). */
const DEFAULT_HEARTBEAT_SECONDS = 60;
/** At most one heartbeat event per this many ms reaches listeners (the app forwards each one over IPC). */
const DEFAULT_HEARTBEAT_EVENT_GAP_MS = 250;
/** The back-off starts over only after a connection was healthy (logged in or answered) this long… */
const DEFAULT_HEALTHY_AFTER_MS = 30_000;

export interface ResolvedSessionOptions {
  readonly requestTimeoutMs: number;
  readonly autoReconnect: boolean;
  readonly backoff: BackoffOptions;
  readonly logger: SessionLogger;
  readonly now: () => number;
  /** Assumed until a welcome frame announces the server's interval. */
  readonly defaultHeartbeatSeconds: number;
  readonly maxPayloadBytes: number;
  readonly connectTimeoutMs: number;
  readonly retryFirstConnect: boolean;
  readonly healthyAfterMs: number;
  readonly heartbeatEventGapMs: number;
}

export function resolveSessionOptions(options: SessionOptions): ResolvedSessionOptions {
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return {
    requestTimeoutMs,
    autoReconnect: options.autoReconnect ?? true,
    backoff: resolveBackoff(options.backoff),
    logger: options.logger ?? SILENT_LOGGER,
    now: options.now ?? Date.now,
    defaultHeartbeatSeconds: validHeartbeat(options.heartbeatSeconds) ?? DEFAULT_HEARTBEAT_SECONDS,
    maxPayloadBytes: positiveOr(options.maxPayloadBytes, DEFAULT_MAX_PAYLOAD_BYTES),
    connectTimeoutMs: positiveOr(options.connectTimeoutMs, requestTimeoutMs),
    retryFirstConnect: options.retryFirstConnect ?? false,
    healthyAfterMs: Math.max(0, options.healthyAfterMs ?? DEFAULT_HEALTHY_AFTER_MS),
    heartbeatEventGapMs: Math.max(0, options.heartbeatEventGapMs ?? DEFAULT_HEARTBEAT_EVENT_GAP_MS),
  };
}

/** The welcome's interval in seconds if it is usable (a positive number of at most a day), else undefined. */
export function validHeartbeat(seconds: number | undefined): number | undefined {
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 && seconds <= 86_400 ? seconds : undefined;
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
