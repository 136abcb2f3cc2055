// Lets result views start other choices (row actions: details, cancel) and switch screens.
import { createContext, useContext } from 'react';
import type { View } from '../shortcuts';
import type { Runner } from './useRunner';

export interface RunnerContextValue {
  readonly runner: Runner;
  readonly navigate: (view: View) => void;
}

export const RunnerContext = createContext<RunnerContextValue | null>(null);

export function useRunnerContext(): RunnerContextValue {
  const value = useContext(RunnerContext);
  if (!value) throw new Error('useRunnerContext outside RunnerContext');
  return value;
}
