// What the app's Scenarios screen learns about a scenario before and while it runs: an outline of its steps (from
// the check) and the run's events. Plain data carried over IPC; no functions, no compiled checks.

import { choiceByNumber } from '../oceanex/catalogue';
import { orderSteps } from './check';
import type { OrderStepSummary, Scenario } from './model';
import type { Diagnostic } from './source';
import type { ScenarioResult, StepResult } from './result';

export interface StepOutline {
  readonly index: number;
  readonly name: string;
  readonly line: number;
  /** "13 · Get Timestamp" or "raw · OrderHandler/create". */
  readonly what: string;
  /** Creates, cancels or clears orders (asked about once before the run). */
  readonly order: boolean;
  readonly checks: number;
}

export interface ScenarioOutline {
  readonly name: string;
  readonly steps: readonly StepOutline[];
  readonly orderSteps: readonly OrderStepSummary[];
}

/** scenario:check's answer: the problems (empty when the file can run) and, when it can, its outline. */
export interface ScenarioCheckResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly outline?: ScenarioOutline;
}

/** A scenario file opened through main's dialog. */
export interface OpenedScenario {
  readonly path: string;
  readonly name: string;
  readonly text: string;
}

export type ScenarioEvent =
  | { readonly type: 'started'; readonly outline: ScenarioOutline; readonly endpoint: string }
  | { readonly type: 'step-start'; readonly index: number }
  | { readonly type: 'step-end'; readonly result: StepResult }
  | { readonly type: 'finished'; readonly result: ScenarioResult };

export function outlineOf(scenario: Scenario): ScenarioOutline {
  return {
    name: scenario.name,
    steps: scenario.steps.map((step) => {
      const checks = step.expect.reduce((n, a) => n + (a.kind === 'rtt' ? (a.below !== undefined ? 1 : 0) + (a.above !== undefined ? 1 : 0) : a.checks.length), 0);
      const what = step.action.kind === 'choice'
        ? `${step.action.choice} · ${choiceByNumber(step.action.choice)?.label ?? ''}`
        : `raw · ${step.action.handler}/${step.action.action}`;
      return { index: step.index, name: step.name, line: step.line, what, order: step.orderChoice !== undefined, checks };
    }),
    orderSteps: orderSteps(scenario),
  };
}
