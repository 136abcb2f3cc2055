// Running choices: per-choice form text, progress and latest outcome, kept while the person moves between
// screens (the state itself is the pure reducer in runState.ts). Orders, cancels and mass cancel are confirmed
// by main in a native dialog the renderer cannot answer; the screen previews their exact args (see ChoiceScreen).
// Replies of runs started elsewhere (the application menu) arrive as event:reply and land on their screen
// through the same reducer.
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import { choiceByNumber, validateFields, type ChoiceSpec, type RawFields } from '../../../shared/oceanex/catalogue';
import { useApi } from '../api';
import { reduceRun, type RunAction, type RunStates } from './runState';

export type { ChoiceRunState } from './runState';

export interface Runner {
  readonly states: RunStates;
  setFields(choice: number, fields: Readonly<Record<string, string>>): void;
  /** Validates, then runs (main asks the person before anything irreversible). */
  request(choice: number, fields?: Readonly<Record<string, string>>): void;
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
      execute(choice, fields);
    },
    [execute, states],
  );

  return useMemo(() => ({ states, setFields, request }), [states, setFields, request]);
}
