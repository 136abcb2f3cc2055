// Running choices: per-choice form text, progress and latest outcome, kept while the person moves between
// screens (the state itself is the pure reducer in runState.ts); destructive choices wait for a confirmation
// that shows the exact args to be sent. Replies of runs started elsewhere (the application menu) arrive as
// event:reply and land on their screen through the same reducer.
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { buildArgs, choiceByNumber, validateFields, type ChoiceSpec, type RawFields } from '../../../main/oceanex/catalogue';
import { useApi } from '../api';
import { reduceRun, type RunAction, type RunStates } from './runState';

export type { ChoiceRunState } from './runState';

export interface PendingConfirm {
  readonly choice: number;
  readonly fields: RawFields;
  readonly args: Record<string, unknown>;
}

export interface Runner {
  readonly states: RunStates;
  readonly pending: PendingConfirm | null;
  setFields(choice: number, fields: Readonly<Record<string, string>>): void;
  /** Validates, then runs (or asks for confirmation first when the choice is destructive). */
  request(choice: number, fields?: Readonly<Record<string, string>>): void;
  confirm(): void;
  cancelConfirm(): void;
}

/** A fresh form: required pick-lists start at the original prompt's example (buy, limit, 5 min). */
export function defaultFields(spec: ChoiceSpec): Readonly<Record<string, string>> {
  return Object.fromEntries(spec.fields.filter((f) => f.kind === 'enum' && f.required).map((f) => [f.name, f.example]));
}

/** The form text of a choice: what the person typed, or the defaults before they typed anything. */
function defaultsFor(choice: number): Readonly<Record<string, string>> {
  const spec = choiceByNumber(choice);
  return spec ? defaultFields(spec) : {};
}

export function fieldsOf(states: RunStates, spec: ChoiceSpec): Readonly<Record<string, string>> {
  return states.get(spec.number)?.fields ?? defaultFields(spec);
}

const reducer = (states: RunStates, action: RunAction): RunStates => reduceRun(states, action, defaultsFor);

export function useRunner(): Runner {
  const api = useApi();
  const [states, dispatch] = useReducer(reducer, new Map() as RunStates);
  const [pending, setPending] = useState<PendingConfirm | null>(null);

  useEffect(() => api.onReply((event) => dispatch({ type: 'reply', event, at: Date.now() })), [api]);

  const execute = useCallback(
    (choice: number, fields: RawFields) => {
      dispatch({ type: 'start', choice, at: Date.now() });
      void api.run(choice, fields).then((result) => dispatch({ type: 'result', choice, result, at: Date.now() }));
    },
    [api],
  );

  const setFields = useCallback((choice: number, fields: Readonly<Record<string, string>>) => dispatch({ type: 'fields', choice, fields }), []);

  const request = useCallback(
    (choice: number, given?: Readonly<Record<string, string>>) => {
      const spec = choiceByNumber(choice);
      if (!spec) return;
      const fields = given ?? fieldsOf(states, spec);
      if (given) dispatch({ type: 'fields', choice, fields: given });
      const checked = validateFields(spec, fields);
      if (!checked.ok) {
        dispatch({ type: 'invalid', choice, errors: checked.errors });
        return;
      }
      if (spec.destructive) setPending({ choice, fields, args: buildArgs(spec, checked.values) });
      else execute(choice, fields);
    },
    [execute, states],
  );

  const confirm = useCallback(() => {
    if (!pending) return;
    setPending(null);
    execute(pending.choice, pending.fields);
  }, [pending, execute]);

  const cancelConfirm = useCallback(() => setPending(null), []);

  return useMemo(() => ({ states, pending, setFields, request, confirm, cancelConfirm }), [states, pending, setFields, request, confirm, cancelConfirm]);
}
