// The app's Scenarios screen in main: checks the editor's text, reads and writes the scenario files main's dialogs
// picked (the handlers ask the dialogs; the renderer never names a path), runs a scenario on the active profile's
// session — order steps only after one native question listing them all — streams each step's outcome, stops a
// run, exports the last result.
// The run itself is the terminal client's (main/scenarios/runner.ts): same checks, same paths to the wire.

import { basename } from 'node:path';
import { checkScenario, type CheckResult } from '../../shared/scenario/check';
import { junitXml } from '../../shared/scenario/junit';
import { outlineOf, type OpenedScenario, type ScenarioCheckResult, type ScenarioEvent } from '../../shared/scenario/outline';
import type { ScenarioResult, StepResult } from '../../shared/scenario/result';
import type { LoginSigner } from '../oceanex/session-api';
import { readScenarioText } from '../scenarios/load';
import { runScenario, type ScenarioSession } from '../scenarios/runner';
import { writeFileAtomic } from '../services/atomic-file';
import type { AppContext } from './app-context';
import type { ConfirmQuestion } from './confirmation';
import { UserFacingError } from './errors';
import type { Where } from './questions';
import { scenarioOrdersQuestion } from './scenario-question';
import type { SessionService } from './session-service';

/** Only these environment variables reach `${env.NAME}` in the app (see ScenarioService.env). */
export const APP_ENV_PREFIX = 'SCENARIO_';
/** A reply or frame larger than this (as JSON) is shown on the screen as a note; exports keep it whole. */
export const MAX_FRAME_TO_SCREEN_CHARS = 256 * 1024;

export interface ScenarioHost {
  /** The active profile's session. */
  session(): ScenarioSession;
  /** Connects the active profile if it is not connected (a failure leaves the steps to fail as "not connected"). */
  ensureConnected(): Promise<void>;
  /** Choice 1's signer for that session: the key bound to the session's endpoint, or a throw that refuses. */
  signer(session: ScenarioSession): LoginSigner | Promise<LoginSigner>;
  where(): Where;
  /** main's native question (the confirmation gate). */
  ask(question: ConfirmQuestion): Promise<boolean>;
  emit(event: ScenarioEvent): void;
  readonly log: { info(message: string): void; warn(message: string): void };
  /** Defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The step as the screen gets it: frames too large to draw are replaced by a note. */
function forScreen(step: StepResult): StepResult {
  const fits = (value: unknown): boolean => value === undefined || (JSON.stringify(value) ?? '').length <= MAX_FRAME_TO_SCREEN_CHARS;
  if (fits(step.reply) && fits(step.sent)) return step;
  const note = `(larger than ${MAX_FRAME_TO_SCREEN_CHARS / 1024} KiB: see the JSON export)`;
  return { ...step, ...(fits(step.reply) ? {} : { reply: note }), ...(fits(step.sent) ? {} : { sent: note }) };
}

export class ScenarioService {
  private running: AbortController | undefined;
  private lastResult: ScenarioResult | undefined;
  /** The file the editor's text came from or was last saved to: "Save" writes there without asking. */
  private currentPath: string | undefined;

  constructor(private readonly host: ScenarioHost) {}

  /** The app's service: the active profile's session and key, main's one confirmation gate, event:scenario. */
  static forApp(ctx: AppContext, sessions: SessionService): ScenarioService {
    return new ScenarioService({
      session: () => sessions.current,
      ensureConnected: async () => void (await sessions.connect()),
      signer: (session) => sessions.signerForActiveProfile(session as typeof sessions.current),
      where: () => ctx.where(ctx.activeProfile()),
      // Never skippable: "don't ask again" for single orders does not cover a whole scenario.
      ask: (question) => ctx.gate.ask(async () => question, ctx.activeProfile().id, false),
      emit: (event) => ctx.emit('event:scenario', event),
      log: ctx.log,
    });
  }

  /** `${env.NAME}` in the app reads only SCENARIO_* variables: the page must not be able to send the app's environment to a server. */
  private env(): Record<string, string | undefined> {
    const all = this.host.env ?? process.env;
    return Object.fromEntries(Object.entries(all).filter(([name]) => name.startsWith(APP_ENV_PREFIX)));
  }

  private checkText(text: string): CheckResult {
    return checkScenario(text, { env: this.env(), envHint: `the app passes on only variables whose names start with ${APP_ENV_PREFIX}` });
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  check(text: string): ScenarioCheckResult {
    const checked = this.checkText(text);
    return checked.ok ? { diagnostics: [], outline: outlineOf(checked.scenario) } : { diagnostics: checked.diagnostics };
  }

  /** Reads the file main's open dialog picked; it becomes the file "Save" writes to. */
  async open(path: string): Promise<OpenedScenario> {
    const read = await readScenarioText(path);
    if ('error' in read) throw new UserFacingError(read.error);
    this.currentPath = path;
    return { path, name: basename(path), text: read.text };
  }

  /** The file "Save" writes to without asking (opened or saved last); undefined: ask where. */
  get savePath(): string | undefined {
    return this.currentPath;
  }

  /** The name the save dialog proposes. */
  get saveName(): string {
    return this.currentPath ? basename(this.currentPath) : 'scenario.yaml';
  }

  /** Writes the editor's text to `path` (the current file, or one main's save dialog picked). */
  save(text: string, path: string): string {
    try {
      writeFileAtomic(path, text, 0o644);
    } catch (error) {
      throw new UserFacingError(`The scenario could not be saved to ${path}: ${(error as Error).message}`);
    }
    this.currentPath = path;
    this.host.log.info(`Scenario saved to ${path}`);
    return path;
  }

  /** Runs the editor's text. Resolves when the run ends (each step is also announced as it finishes). */
  async run(text: string): Promise<ScenarioResult> {
    if (this.running) throw new UserFacingError('A scenario is already running: stop it or wait for it to finish.');
    const checked = this.checkText(text);
    if (!checked.ok) {
      const first = checked.diagnostics[0]!;
      throw new UserFacingError(`The scenario cannot run: line ${first.line}, column ${first.column}: ${first.message}${checked.diagnostics.length > 1 ? ` (and ${checked.diagnostics.length - 1} more problems)` : ''}`);
    }
    const scenario = checked.scenario;
    const outline = outlineOf(scenario);
    const controller = new AbortController();
    this.running = controller;
    try {
      const session = this.host.session();
      if (outline.orderSteps.length > 0) {
        const where = this.host.where();
        const yes = await this.host.ask(scenarioOrdersQuestion(where, scenario.name, outline.orderSteps));
        if (!yes) throw new UserFacingError('Nothing was run: the order steps were not confirmed.');
        // The yes was for the endpoint the question named: a profile switch while it was open runs nothing.
        if (this.host.session() !== session || this.host.where().url !== where.url) {
          throw new UserFacingError('Nothing was run: the profile or its endpoint changed while the question was open.');
        }
      }
      try {
        await this.host.ensureConnected();
      } catch (error) {
        this.host.log.warn(`Scenario "${scenario.name}": could not connect (${(error as Error).message}); its steps will fail as not connected`);
      }
      this.host.emit({ type: 'started', outline, endpoint: session.url });
      this.host.log.info(`Scenario "${scenario.name}" started on ${session.url}`);
      const result = await runScenario(scenario, {
        session,
        signer: () => this.host.signer(session),
        // Every order step was listed in the one question and the person said yes to all of them.
        allowOrder: (step) => step.orderChoice !== undefined,
        env: this.env(),
        signal: controller.signal,
        onEvent: (event) => this.host.emit(event.type === 'step-end' ? { type: 'step-end', result: forScreen(event.result) } : event),
      });
      this.lastResult = result;
      this.host.log.info(`Scenario "${scenario.name}" ${result.passed ? 'passed' : result.stopped === 'by-request' ? 'was stopped' : 'failed'}`);
      const shown = { ...result, steps: result.steps.map(forScreen) };
      this.host.emit({ type: 'finished', result: shown });
      return shown;
    } finally {
      this.running = undefined;
    }
  }

  /** Stops the running scenario after (or while waiting for) its current step. False when nothing runs. */
  stop(): boolean {
    if (!this.running) return false;
    this.running.abort();
    return true;
  }

  private lastResultOrRefuse(): ScenarioResult {
    if (!this.lastResult) throw new UserFacingError('There is no scenario result to export yet: run a scenario first.');
    return this.lastResult;
  }

  /** The file name the export dialog proposes; refuses when nothing has run yet (before any dialog opens). */
  exportName(format: 'junit' | 'json'): string {
    const safeName = this.lastResultOrRefuse().name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'scenario';
    return `${safeName}.${format === 'junit' ? 'junit.xml' : 'json'}`;
  }

  /** Writes the last run's result as JUnit XML or JSON to the path main's save dialog picked. */
  exportResult(format: 'junit' | 'json', path: string): string {
    const result = this.lastResultOrRefuse();
    writeFileAtomic(path, format === 'junit' ? junitXml([result]) : `${JSON.stringify(result, null, 2)}\n`, 0o644);
    return path;
  }
}
