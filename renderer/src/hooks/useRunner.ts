// Running choices: per-choice form text, progress and latest outcome, kept while the person moves between
// screens. Orders, cancels and mass cancel are confirmed by main in a native dialog the renderer cannot answer;
// the screen previews their exact args (see ChoiceScreen).
import { useCallback, useMemo, useState } from 'react';
import { choiceByNumber, validateFields, type ChoiceSpec, type RawFields } from '../../../main/oceanex/catalogue';
import type { RunOutcome } from '../../../preload/contract';
import { useApi } from '../api';

export interface ChoiceRunState {
  readonly fields: Readonly<Record<string, string>>;
  readonly running: boolean;
  readonly startedAt?: number;
  readonly outcome?: RunOutcome;
  /** Local refusal (not connected, not logged in, invalid…): nothing reached the server. */
  readonly error?: string;
  readonly fieldErrors?: Readonly<Record<string, string>>;
  readonly finishedAt?: number;
}

export interface Runner {
  readonly states: ReadonlyMap<number, ChoiceRunState>;
  setFields(choice: number, fields: Readonly<Record<string, string>>): void;
  /** Validates, then runs (main asks the person before anything irreversible). */
  request(choice: number, fields?: Readonly<Record<string, string>>): void;
}

const EMPTY: ChoiceRunState = { fields: {}, running: false };

/** A fresh form: required pick-lists start at the original prompt's example (buy, limit, 5 min). */
export function defaultFields(spec: ChoiceSpec): Readonly<Record<string, string>> {
  return Object.fromEntries(spec.fields.filter((f) => f.kind === 'enum' && f.required).map((f) => [f.name, f.example]));
}

/** The form text of a choice: what the person typed, or the defaults before they typed anything. */
function defaultsFor(choice: number): Readonly<Record<string, string>> {
  const spec = choiceByNumber(choice);
  return spec ? defaultFields(spec) : {};
}

export function fieldsOf(states: ReadonlyMap<number, ChoiceRunState>, spec: ChoiceSpec): Readonly<Record<string, string>> {
  return states.get(spec.number)?.fields ?? defaultFields(spec);
}

export function useRunner(): Runner {
  const api = useApi();
  const [states, setStates] = useState<ReadonlyMap<number, ChoiceRunState>>(new Map());

  const patch = useCallback((choice: number, change: (s: ChoiceRunState) => ChoiceRunState) => {
    setStates((m) => new Map(m).set(choice, change(m.get(choice) ?? { ...EMPTY, fields: defaultsFor(choice) })));
  }, []);

  const execute = useCallback(
    (choice: number, fields: RawFields) => {
      patch(choice, (s) => ({ ...s, running: true, startedAt: Date.now(), error: undefined, fieldErrors: undefined }));
      void api.run(choice, fields).then((r) => {
        patch(choice, (s) =>
          r.ok
            ? { ...s, running: false, outcome: r.value, finishedAt: Date.now() }
            : { ...s, running: false, outcome: undefined, error: r.error, fieldErrors: r.fieldErrors, finishedAt: Date.now() },
        );
      });
    },
    [api, patch],
  );

  const setFields = useCallback((choice: number, fields: Readonly<Record<string, string>>) => patch(choice, (s) => ({ ...s, fields })), [patch]);

  const request = useCallback(
    (choice: number, given?: Readonly<Record<string, string>>) => {
      const spec = choiceByNumber(choice);
      if (!spec) return;
      const fields = given ?? fieldsOf(states, spec);
      if (given) patch(choice, (s) => ({ ...s, fields: given }));
      const checked = validateFields(spec, fields);
      if (!checked.ok) {
        patch(choice, (s) => ({ ...s, fieldErrors: checked.errors, error: undefined }));
        return;
      }
      patch(choice, (s) => (s.fieldErrors ? { ...s, fieldErrors: undefined } : s));
      execute(choice, fields);
    },
    [execute, patch, states],
  );

  return useMemo(() => ({ states, setFields, request }), [states, setFields, request]);
}
