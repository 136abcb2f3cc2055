// The state of the scenario run as main announces it (event:scenario): the outline, each step's result as it
// ends, which step is running, and the final result. Main runs the scenario; this only listens.
import { useEffect, useState } from 'react';
import type { ScenarioOutline } from '../../../shared/scenario/outline';
import type { ScenarioResult, StepResult } from '../../../shared/scenario/result';
import { useApi } from '../api';

export interface RunView {
  readonly outline: ScenarioOutline | undefined;
  readonly endpoint: string | undefined;
  readonly results: ReadonlyMap<number, StepResult>;
  readonly current: number | undefined;
  readonly finished: ScenarioResult | undefined;
  readonly running: boolean;
}

const EMPTY: RunView = { outline: undefined, endpoint: undefined, results: new Map(), current: undefined, finished: undefined, running: false };

export function useScenarioRun(): RunView {
  const api = useApi();
  const [view, setView] = useState<RunView>(EMPTY);
  useEffect(
    () =>
      api.onScenario((event) => {
        setView((v) => {
          switch (event.type) {
            case 'started':
              return { ...EMPTY, outline: event.outline, endpoint: event.endpoint, running: true };
            case 'step-start':
              return { ...v, current: event.index };
            case 'step-end': {
              const results = new Map(v.results);
              results.set(event.result.index, event.result);
              return { ...v, results, current: v.current === event.result.index ? undefined : v.current };
            }
            case 'finished':
              return { ...v, finished: event.result, current: undefined, running: false, results: new Map(event.result.steps.map((s) => [s.index, s])) };
          }
        });
      }),
    [api],
  );
  return view;
}
