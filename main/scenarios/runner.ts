// Runs a checked scenario on a session, step by step, through the same paths as the app and the terminal client:
// choices through runChoice (field validation, login, the order hook), raw frames through the composer's rules
// (checkRawFrame: an order frame becomes choice 6/7/8, a read-only frame is sent as written). Each step's reply is
// asserted, values are saved for later steps, and every outcome is reported as it happens. Nothing here prints.

import { NOT_AUTHENTICATED } from '../../shared/constants';
import { choiceByNumber, type RawFields } from '../../shared/oceanex/catalogue';
import { describeReply, isRecord, newUuid, type RequestFrame } from '../../shared/oceanex/messages';
import { checkRawFrame, withUuid } from '../../shared/oceanex/raw-frame';
import { evaluateAssertions, type AssertionFailure } from '../../shared/scenario/assert';
import { fieldText } from '../../shared/scenario/check';
import { interpolateValue, InterpolationError, type Lookup } from '../../shared/scenario/interpolate';
import { MAX_SAVED_JSON_CHARS } from '../../shared/scenario/limits';
import type { Scenario, ScenarioStep } from '../../shared/scenario/model';
import { valueAt } from '../../shared/scenario/path';
import { latencyTable, type ScenarioResult, type StepResult } from '../../shared/scenario/result';
import { runChoice, type ChoiceHooks, type ChoiceOutcome } from '../oceanex/run-choice';
import type { RequestResult, SessionApi } from '../oceanex/session-api';
import { redactFrameText } from '../services/redact';

export type ScenarioSession = Pick<SessionApi, 'url' | 'state' | 'loggedIn' | 'login' | 'request' | 'sendFrame' | 'disconnect' | 'reconnect'>;

export type RunEvent = { readonly type: 'step-start'; readonly index: number } | { readonly type: 'step-end'; readonly result: StepResult };

export interface RunOptions {
  readonly session: ScenarioSession;
  /** Choice 1's signer (undefined: no credentials; a login step then fails). */
  readonly signer: ChoiceHooks['signer'];
  /**
   * Whether this order step (6, 7, 8, or a raw frame that creates/cancels/clears) may be sent. The terminal client
   * answers from --allow-orders, the app from the person's answer to the one question before the run.
   */
  readonly allowOrder: (step: ScenarioStep) => boolean;
  /** What `${env.NAME}` reads. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: RunEvent) => void;
  readonly file?: string;
  readonly now?: () => number;
}

/** How a step ended before its assertions: a reply, or why there is none. */
type Sent = { readonly result: RequestResult } | { readonly error: string } | { readonly done: true };

class StepStopped extends Error {}

function refusalWords(outcome: Extract<ChoiceOutcome, { kind: 'refused' }>, url: string): string {
  switch (outcome.reason) {
    case 'invalid':
      return `not sent: ${Object.values(outcome.errors).join(' ')}`;
    case 'not-connected':
      return `not sent: not connected to ${url}`;
    case 'not-authenticated':
      return `not sent: ${NOT_AUTHENTICATED} (add a step with choice: 1 before private steps)`;
    case 'no-key':
      return 'not sent: there is no login key (the terminal client: --uid, --api-key and --key-file, or a key imported into the app)';
    case 'declined':
      return 'not sent: order steps were not allowed for this run';
  }
}

/** Round trips and durations to 0.01 ms: finer digits are timer noise. */
const round = (value: number): number => Math.round(value * 100) / 100;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const saved = new Map<string, unknown>();
  const vars = new Map<string, unknown>();
  const lookup: Lookup = (ref) => {
    if (ref === 'uuid') return { value: newUuid() };
    if (ref === 'now_ms') return { value: now() };
    if (ref.startsWith('env.')) {
      const value = options.env[ref.slice(4)];
      return value === undefined ? undefined : { value };
    }
    if (saved.has(ref)) return { value: saved.get(ref) };
    if (vars.has(ref)) return { value: vars.get(ref) };
    return undefined;
  };
  const results: StepResult[] = [];
  let stopped: ScenarioResult['stopped'];
  let varsError: string | undefined;
  try {
    for (const [name, value] of Object.entries(scenario.vars)) vars.set(name, interpolateValue(value, lookup));
  } catch (error) {
    varsError = `vars: ${errorText(error)}`;
  }

  for (const step of scenario.steps) {
    if (stopped === undefined && options.signal?.aborted) stopped = 'by-request';
    if (stopped !== undefined || varsError !== undefined) {
      const skipped: StepResult = varsError !== undefined
        ? { index: step.index, name: step.name, status: 'failed', durationMs: 0, error: varsError, failures: [], checked: 0 }
        : { index: step.index, name: step.name, status: 'skipped', durationMs: 0, failures: [], checked: 0 };
      results.push(skipped);
      options.onEvent?.({ type: 'step-end', result: skipped });
      continue;
    }
    options.onEvent?.({ type: 'step-start', index: step.index });
    const result = await runStep(step, scenario, options, lookup, saved, now);
    results.push(result);
    options.onEvent?.({ type: 'step-end', result });
    if (options.signal?.aborted) stopped = 'by-request';
    else if (result.status === 'failed' && step.stopOnFailure) stopped = 'on-failure';
  }

  return {
    name: scenario.name,
    ...(options.file !== undefined ? { file: options.file } : {}),
    startedAt,
    durationMs: round(now() - startedAt),
    endpoint: options.session.url,
    steps: results,
    passed: results.every((r) => r.status === 'passed'),
    stopped,
    latency: latencyTable(results),
  };
}

async function runStep(step: ScenarioStep, scenario: Scenario, options: RunOptions, lookup: Lookup, saved: Map<string, unknown>, now: () => number): Promise<StepResult> {
  const started = now();
  const base = { index: step.index, name: step.name };
  let sent: Sent;
  try {
    sent = await withLimits(send(step, options, lookup), step.timeoutMs ?? scenario.timeoutMs, options.signal);
  } catch (error) {
    sent = { error: error instanceof InterpolationError ? `not sent: ${error.message}` : errorText(error) };
  }
  if ('error' in sent) return { ...base, status: 'failed', durationMs: round(now() - started), error: sent.error, failures: [], checked: 0 };
  if ('done' in sent) {
    const { failures, checked } = evaluateAssertions(step.expect, undefined, now() - started, lookup);
    return { ...base, status: failures.length > 0 ? 'failed' : 'passed', durationMs: round(now() - started), failures, checked };
  }
  const { result } = sent;
  const reply = JSON.parse(result.replyText) as unknown; // the frame exactly as received: the session parsed this text already
  const { failures, checked } = evaluateAssertions(step.expect, reply, result.rttMs, lookup);
  failures.push(...saveValues(step, reply, saved));
  return {
    ...base,
    status: failures.length > 0 ? 'failed' : 'passed',
    durationMs: round(now() - started),
    rttMs: round(result.rttMs),
    handler: result.frame.identifier.handler,
    action: result.frame.data.action,
    uuid: result.uuid,
    summary: describeReply(result.reply),
    failures,
    checked,
    sent: JSON.parse(redactFrameText(JSON.stringify(result.frame))) as unknown,
    reply,
  };
}

function saveValues(step: ScenarioStep, reply: unknown, saved: Map<string, unknown>): AssertionFailure[] {
  const failures: AssertionFailure[] = [];
  for (const [name, path] of Object.entries(step.save)) {
    const { found, value } = valueAt(reply, path.segments);
    const size = found ? (JSON.stringify(value) ?? '').length : 0;
    if (!found) failures.push({ assertion: `save ${name} from ${path.text}`, expected: 'a value', actual: '(missing)' });
    else if (size > MAX_SAVED_JSON_CHARS) failures.push({ assertion: `save ${name} from ${path.text}`, expected: `at most ${MAX_SAVED_JSON_CHARS} characters of JSON`, actual: `${size} characters` });
    else saved.set(name, value);
  }
  return failures;
}

/** Sends the step's request and waits for its reply. Throws InterpolationError when a `${…}` has no value. */
async function send(step: ScenarioStep, options: RunOptions, lookup: Lookup): Promise<Sent> {
  const { session } = options;
  const hooks: ChoiceHooks = { signer: options.signer, confirm: async () => options.allowOrder(step) };
  if (step.action.kind === 'choice') {
    const choice = choiceByNumber(step.action.choice)!;
    if (choice.kind === 'disconnect') {
      await session.disconnect();
      return { done: true };
    }
    if (choice.kind === 'reconnect') {
      await session.reconnect();
      return { done: true };
    }
    const raw: Record<string, string> = {};
    for (const [name, value] of Object.entries(step.action.fields)) {
      const resolved = interpolateValue(value, lookup);
      const text = fieldText(resolved);
      if (text === undefined) throw new InterpolationError(`fields.${name} became ${JSON.stringify(resolved)?.slice(0, 80)}, which is not text, a number or a list of them`);
      raw[name] = text;
    }
    return fromOutcome(await runChoice(session, choice, raw, hooks), session.url);
  }

  const written = interpolateValue(step.action.frame, lookup) as Record<string, unknown>;
  const data = isRecord(written['data']) ? written['data'] : {};
  // A frame written without uuid or args gets a fresh uuid and {} — what a person leaving them out means.
  const frame = { ...written, data: { ...data, uuid: data['uuid'] ?? newUuid(), args: data['args'] ?? {} } };
  const check = checkRawFrame(JSON.stringify(frame));
  if (!check.ok) return { error: `not sent: ${check.error}` };
  const plan = check.plan;
  if (plan.kind === 'order') return fromOutcome(await runChoice(session, choiceByNumber(plan.choice)!, plan.fields as RawFields, hooks), session.url);
  if (plan.private && !session.loggedIn) return { error: `not sent: ${NOT_AUTHENTICATED} (add a step with choice: 1 before private steps)` };
  const toSend: RequestFrame = plan.uuid === undefined ? withUuid(plan.frame, newUuid()) : plan.frame;
  try {
    return { result: await session.sendFrame(toSend, plan.choice) };
  } catch (error) {
    return { error: errorText(error) };
  }
}

function fromOutcome(outcome: ChoiceOutcome, url: string): Sent {
  switch (outcome.kind) {
    case 'sent':
      return { result: outcome.result };
    case 'failed':
      return { error: errorText(outcome.error) };
    case 'refused':
      return { error: refusalWords(outcome, url) };
  }
}

/** Waits for the step, at most `timeoutMs` (the session's own request timeout applies too) and until stopped. */
function withLimits(work: Promise<Sent>, timeoutMs: number | undefined, signal: AbortSignal | undefined): Promise<Sent> {
  if (timeoutMs === undefined && signal === undefined) return work;
  return new Promise<Sent>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(new StepStopped('stopped (Stop was pressed while the step waited for its reply)'));
    };
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        finish();
        resolve({ error: `no reply within ${timeoutMs} ms (timeout)` });
      }, timeoutMs);
    }
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

