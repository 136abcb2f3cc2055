// Scenario text → a runnable Scenario, or every reason it cannot run, each at its line and column: YAML/JSON and
// the limits (./source.ts), the shipped JSON Schema (scenario.schema.json, via Ajv), then what a schema cannot say —
// the catalogue's field names and values, variables defined before use, regular expressions, embedded schemas,
// raw frames that must name their handler and action plainly. Nothing here touches a socket.

import Ajv, { type ErrorObject } from 'ajv';
import { choiceByNumber, validateField, type ChoiceSpec } from '../oceanex/catalogue';
import { BUILTIN_NAMES, referencesIn } from './interpolate';
import { MAX_DIAGNOSTICS, MAX_PATTERN_CHARS } from './limits';
import { compileLinear, linearRegExpEngine } from './linear-regex';
import type { Assertion, Check, JsonType, OrderStepSummary, Scenario, ScenarioPath, ScenarioStep, StepAction } from './model';
import { parsePath } from './path';
import schemaJson from './scenario.schema.json';
import { parseScenarioSource, type Diagnostic, type ParsedSource, type PathKey } from './source';

export type { Diagnostic } from './source';

export interface CheckOptions {
  /** Environment variables `${env.NAME}` may read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Said after "environment variable X is not set" (the app explains which names it passes on). */
  readonly envHint?: string;
}

export type CheckResult = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const fileValidator = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true, code: { regExp: linearRegExpEngine } }).compile(schemaJson);

/** Order-changing OrderHandler actions and their choice; read-only ones; everything else is refused. */
const ORDER_ACTIONS: Readonly<Record<string, number>> = { create: 6, cancel: 7, clear: 8 };
const READ_ORDER_ACTIONS = new Set(['index', 'show']);

/** `steps[2].expect[0]` — how a person finds the place in the file besides its line. */
export function describePath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out === '' ? 'the file' : out;
}

function instancePathKeys(pointer: string): PathKey[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function schemaDiagnostics(errors: readonly ErrorObject[], source: ParsedSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // oneOf's own branch errors (a missing choice or send) say less than the summary written for the oneOf itself.
    if (e.schemaPath.includes('/oneOf/')) continue;
    const path = instancePathKeys(e.instancePath);
    const where = describePath(path);
    let message: string;
    let at = source.position(path);
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String(e.params['additionalProperty']);
        const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
        message = `unknown key "${key}" in ${where}${allowed.length > 0 ? ` (known keys: ${allowed.join(', ')})` : ''}`;
        at = source.position([...path, key], true);
        break;
      }
      case 'required':
        message = `${where} needs the key "${String(e.params['missingProperty'])}"`;
        break;
      case 'oneOf':
        message = `${where} needs either "choice" (1–17) or "send" (a raw frame), not both`;
        break;
      case 'enum':
        message = `${where} must be one of: ${((e.params['allowedValues'] as unknown[]) ?? []).join(', ')}`;
        break;
      case 'maxItems':
      case 'maxProperties': {
        const count = Array.isArray(e.data) ? e.data.length : Object.keys((e.data as object | null) ?? {}).length;
        message = `${where} has ${count} ${e.keyword === 'maxItems' ? 'items' : 'entries'}; at most ${String(e.params['limit'])} are allowed`;
        break;
      }
      case 'const':
        message = `${where} must be ${JSON.stringify(e.params['allowedValue'])}`;
        break;
      case 'pattern':
        message = where.startsWith('vars') || where.includes('.save')
          ? `${where}: a name is letters, digits and _, starting with a letter or _`
          : `${where} ${e.message ?? 'is not valid'}`;
        break;
      default:
        message = `${where} ${e.message ?? 'is not valid'}`;
    }
    const key = `${at.line}:${at.column}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...at, message });
  }
  return out;
}

/** Checks scenario text. Never throws; the diagnostics are sorted by position. */
export function checkScenario(text: string, options: CheckOptions): CheckResult {
  const parsed = parseScenarioSource(text);
  if (!parsed.ok) return parsed;
  const source = parsed.source;
  if (!fileValidator(source.value)) return fail(schemaDiagnostics(fileValidator.errors ?? [], source));
  return new Checker(source, options).run();
}

function fail(diagnostics: Diagnostic[]): CheckResult {
  const sorted = [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column).slice(0, MAX_DIAGNOSTICS);
  return { ok: false, diagnostics: sorted };
}

type Raw = Record<string, unknown>;

class Checker {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly defined = new Set<string>();
  private schemaAjv: Ajv | undefined;

  constructor(
    private readonly source: ParsedSource,
    private readonly options: CheckOptions,
  ) {}

  private report(path: readonly PathKey[], message: string, key = false): void {
    this.diagnostics.push({ ...this.source.position(path, key), message });
  }

  run(): CheckResult {
    const file = this.source.value as Raw;
    const vars = (file['vars'] ?? {}) as Raw;
    for (const [name, value] of Object.entries(vars)) {
      if (BUILTIN_NAMES.has(name)) this.report(['vars', name], `"${name}" is a built-in name (uuid, now_ms, env); pick another`, true);
      this.checkRefs(['vars', name], value);
      this.defined.add(name);
    }
    const steps = (file['steps'] as Raw[]).map((raw, index) => this.step(raw, index));
    if (this.diagnostics.length > 0) return fail(this.diagnostics);
    return {
      ok: true,
      scenario: {
        name: file['name'] as string,
        description: typeof file['description'] === 'string' ? file['description'] : undefined,
        vars,
        timeoutMs: file['timeout_ms'] as number | undefined,
        steps: steps as ScenarioStep[],
      },
    };
  }

  /** Every `${…}` in `value` must be well formed and defined by now. */
  private checkRefs(path: readonly PathKey[], value: unknown): void {
    const { refs, error } = referencesIn(value);
    if (error !== undefined) this.report(path, `${describePath(path)}: ${error}`);
    for (const ref of refs) {
      if (ref === 'uuid' || ref === 'now_ms' || this.defined.has(ref)) continue;
      if (ref.startsWith('env.')) {
        const name = ref.slice(4);
        if (this.options.env[name] === undefined) this.report(path, `\${${ref}}: the environment variable ${name} is not set${this.options.envHint ? ` (${this.options.envHint})` : ''}`);
        continue;
      }
      this.report(path, `\${${ref}} is not defined here: define it under vars, or save it in an earlier step`);
    }
  }

  private step(raw: Raw, index: number): ScenarioStep | undefined {
    const at: PathKey[] = ['steps', index];
    const action = raw['choice'] !== undefined ? this.choiceAction(raw, at) : this.sendAction(raw, at);
    const noReply = action?.kind === 'choice' && (action.choice === 16 || action.choice === 17);
    const expect = ((raw['expect'] ?? []) as Raw[]).map((a, i) => this.assertion(a, [...at, 'expect', i], noReply));
    const saves: Array<[string, ScenarioPath]> = [];
    for (const [name, text] of Object.entries((raw['save'] ?? {}) as Record<string, string>)) {
      if (BUILTIN_NAMES.has(name)) this.report([...at, 'save', name], `"${name}" is a built-in name (uuid, now_ms, env); pick another`, true);
      if (noReply) this.report([...at, 'save'], `choice ${(action as { choice: number }).choice} sends no frame and gets no reply: nothing to save`, true);
      const path = this.path(text, [...at, 'save', name]);
      if (path) saves.push([name, path]);
    }
    // fromEntries makes own properties even of names like __proto__ (an assignment would set the prototype).
    const save: Record<string, ScenarioPath> = Object.fromEntries(saves);
    // Saved names become usable from the next step on.
    for (const name of Object.keys(save)) this.defined.add(name);
    if (action === undefined) return undefined;
    return {
      index,
      name: raw['name'] as string,
      line: this.source.position(at).line,
      action,
      orderChoice: orderChoiceOf(action),
      expect: expect.filter((a): a is Assertion => a !== undefined),
      save,
      stopOnFailure: raw['stop_on_failure'] === true,
      timeoutMs: raw['timeout_ms'] as number | undefined,
    };
  }

  private choiceAction(raw: Raw, at: PathKey[]): StepAction | undefined {
    const choice = choiceByNumber(raw['choice'] as number) as ChoiceSpec;
    const fields = (raw['fields'] ?? {}) as Raw;
    const names = choice.fields.map((f) => f.name);
    let ok = true;
    for (const [name, value] of Object.entries(fields)) {
      const spec = choice.fields.find((f) => f.name === name);
      if (spec === undefined) {
        ok = false;
        this.report([...at, 'fields', name], names.length === 0
          ? `choice ${choice.number} (${choice.label}) takes no fields`
          : `unknown field "${name}" for choice ${choice.number} (${choice.label}); its fields are: ${names.join(', ')}`, true);
        continue;
      }
      this.checkRefs([...at, 'fields', name], value);
      const text = fieldText(value);
      if (text === undefined) {
        ok = false;
        this.report([...at, 'fields', name], `fields.${name}: a value is text, a number or a list of them`);
      } else if (!text.includes('${')) {
        const { error } = validateField(spec, text);
        if (error !== undefined) {
          ok = false;
          this.report([...at, 'fields', name], error);
        }
      }
    }
    for (const spec of choice.fields) {
      if (spec.required && fields[spec.name] === undefined) {
        ok = false;
        this.report(at, `choice ${choice.number} (${choice.label}) needs the field "${spec.name}" (example: ${spec.example})`);
      }
    }
    return ok ? { kind: 'choice', choice: choice.number, fields } : undefined;
  }

  private sendAction(raw: Raw, at: PathKey[]): StepAction | undefined {
    const frame = raw['send'] as Raw;
    const handler = (frame['identifier'] as Raw)['handler'] as string;
    const data = frame['data'] as Raw;
    const action = data['action'] as string;
    const here = [...at, 'send'];
    if (handler.includes('${') || action.includes('${')) {
      this.report(here, 'identifier.handler and data.action are written out, not ${…}: they decide whether the step changes orders');
      return undefined;
    }
    if (handler === 'AuthHandler') {
      this.report(here, 'a login frame is never sent raw (it is signed in the main process): use a step with choice: 1');
      return undefined;
    }
    if (handler === 'OrderHandler' && ORDER_ACTIONS[action] === undefined && !READ_ORDER_ACTIONS.has(action)) {
      this.report(here, `OrderHandler/${action} is not a known action (create, cancel, clear change orders; index and show read)`);
      return undefined;
    }
    if (data['header'] !== undefined) {
      this.report([...here, 'data', 'header'], 'data.header belongs to the login frame only');
      return undefined;
    }
    this.checkRefs(here, frame);
    return { kind: 'send', frame, handler, action };
  }

  private path(text: string, at: PathKey[]): ScenarioPath | undefined {
    const parsed = parsePath(text);
    if (!parsed.ok) {
      this.report(at, parsed.error);
      return undefined;
    }
    return { text, segments: parsed.segments };
  }

  private assertion(raw: Raw, at: PathKey[], noReply: boolean): Assertion | undefined {
    const ops = Object.keys(raw).filter((k) => k !== 'path' && k !== 'rtt_ms');
    if (raw['rtt_ms'] !== undefined) {
      if (raw['path'] !== undefined || ops.length > 0) {
        this.report(at, 'rtt_ms stands alone: write { rtt_ms: { below: 500 } } as its own assertion');
        return undefined;
      }
      const rtt = raw['rtt_ms'] as Raw;
      for (const bound of ['below', 'above'] as const) if (rtt[bound] !== undefined) this.numeric(rtt[bound], [...at, 'rtt_ms', bound]);
      return { kind: 'rtt', below: rtt['below'], above: rtt['above'] };
    }
    if (noReply) {
      this.report(at, 'choices 16 and 17 send no frame and get no reply: only rtt_ms can be asserted');
      return undefined;
    }
    if (ops.length === 0) {
      this.report(at, 'an assertion needs a check: equals, matches, type, exists, below, above, schema or rtt_ms');
      return undefined;
    }
    const pathText = raw['path'] as string | undefined;
    if (pathText === undefined && !(ops.length === 1 && ops[0] === 'schema')) {
      this.report(at, `"${ops.join('", "')}" needs a path, e.g. path: "$.message.code"`);
      return undefined;
    }
    const path = this.path(pathText ?? '$', [...at, 'path']);
    const checks: Check[] = [];
    for (const op of ops) {
      const value = raw[op];
      const here = [...at, op];
      switch (op) {
        case 'equals':
          this.checkRefs(here, value);
          checks.push({ op, value });
          break;
        case 'matches': {
          const pattern = value as string;
          if (pattern.length > MAX_PATTERN_CHARS) break;
          const compiled = compileLinear(pattern);
          if (!compiled.ok) this.report(here, compiled.error);
          else checks.push({ op, pattern, regex: compiled.regex });
          break;
        }
        case 'type':
          checks.push({ op, type: value as JsonType });
          break;
        case 'exists':
          checks.push({ op, value: value as boolean });
          break;
        case 'below':
        case 'above':
          this.numeric(value, here);
          checks.push({ op, value });
          break;
        case 'schema': {
          const validate = this.compileSchema(value, here);
          if (validate) checks.push({ op, validate });
          break;
        }
      }
    }
    return path ? { kind: 'path', path, checks } : undefined;
  }

  /** A bound is a number, a numeric string, or `${name}` (checked when the step runs). */
  private numeric(value: unknown, at: PathKey[]): void {
    if (typeof value === 'string' && value.includes('${')) {
      this.checkRefs(at, value);
      return;
    }
    if (toNumber(value) === undefined) this.report(at, `${describePath(at)} must be a number or a numeric string, got ${JSON.stringify(value)}`);
  }

  private compileSchema(schema: unknown, at: PathKey[]): ((value: unknown) => string | undefined) | undefined {
    // One Ajv per check: Ajv caches every schema it compiled, and the app checks the editor's text on every pause.
    this.schemaAjv ??= new Ajv({ allErrors: false, strict: false, validateFormats: false, code: { regExp: linearRegExpEngine } });
    const ajv = this.schemaAjv;
    try {
      const validate = ajv.compile(schema as object);
      return (value) => (validate(value) ? undefined : ajv.errorsText(validate.errors, { dataVar: '$' }));
    } catch (error) {
      this.report(at, `the schema is not a valid JSON Schema (draft-07): ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
  }
}

/** The text a person would type for a field value: numbers as written, lists joined with commas. */
export function fieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) return value.join(',');
  return undefined;
}

/** A number from a JSON number or a numeric string; undefined otherwise. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 64) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function orderChoiceOf(action: StepAction): number | undefined {
  if (action.kind === 'choice') return action.choice >= 6 && action.choice <= 8 ? action.choice : undefined;
  return action.handler === 'OrderHandler' ? ORDER_ACTIONS[action.action] : undefined;
}

/** Every step that creates, cancels or clears orders, with its values as written (for the question and the CLI). */
export function orderSteps(scenario: Scenario): OrderStepSummary[] {
  const out: OrderStepSummary[] = [];
  for (const step of scenario.steps) {
    if (step.orderChoice === undefined) continue;
    const source = step.action.kind === 'choice' ? step.action.fields : (((step.action.frame['data'] as Raw | undefined)?.['args'] ?? {}) as Raw);
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(source)) fields[name] = fieldText(value) ?? JSON.stringify(value);
    out.push({ step: step.index, name: step.name, choice: step.orderChoice, via: step.action.kind === 'choice' ? 'choice' : 'raw frame', fields });
  }
  return out;
}
