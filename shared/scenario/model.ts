// A checked scenario, ready to run: what the runner executes and what the confirmation lists. Produced only by
// checkScenario (./check.ts), so every step here is known to be runnable apart from values that arrive at run time.

import type { PathSegment } from './path';
import type { LinearRegex } from './linear-regex';

export interface ScenarioPath {
  readonly text: string;
  readonly segments: readonly PathSegment[];
}

export type JsonType = 'number' | 'string' | 'boolean' | 'object' | 'array' | 'null';

export type Check =
  | { readonly op: 'equals'; readonly value: unknown }
  | { readonly op: 'matches'; readonly pattern: string; readonly regex: LinearRegex }
  | { readonly op: 'type'; readonly type: JsonType }
  | { readonly op: 'exists'; readonly value: boolean }
  | { readonly op: 'below' | 'above'; readonly value: unknown }
  | { readonly op: 'schema'; readonly validate: (value: unknown) => string | undefined };

export type Assertion =
  | { readonly kind: 'path'; readonly path: ScenarioPath; readonly checks: readonly Check[] }
  | { readonly kind: 'rtt'; readonly below: unknown; readonly above: unknown };

/** An order step as the person wrote it (values may still hold `${…}`), for the one question before a run. */
export interface OrderStepSummary {
  readonly step: number;
  readonly name: string;
  /** 6 new order, 7 cancel, 8 mass cancel. */
  readonly choice: number;
  readonly via: 'choice' | 'raw frame';
  /** Field name → value as written (text). */
  readonly fields: Readonly<Record<string, string>>;
}

export type StepAction =
  | { readonly kind: 'choice'; readonly choice: number; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly kind: 'send'; readonly frame: Readonly<Record<string, unknown>>; readonly handler: string; readonly action: string };

export interface ScenarioStep {
  /** 0-based position in the file. */
  readonly index: number;
  readonly name: string;
  readonly line: number;
  readonly action: StepAction;
  /** 6, 7 or 8 when the step creates, cancels or clears orders (as a choice or a raw frame). */
  readonly orderChoice: number | undefined;
  readonly expect: readonly Assertion[];
  readonly save: Readonly<Record<string, ScenarioPath>>;
  readonly stopOnFailure: boolean;
  readonly timeoutMs: number | undefined;
}

export interface Scenario {
  readonly name: string;
  readonly description: string | undefined;
  /** Variables as written; resolved in order when the run starts. */
  readonly vars: Readonly<Record<string, unknown>>;
  readonly timeoutMs: number | undefined;
  readonly steps: readonly ScenarioStep[];
}
