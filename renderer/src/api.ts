// The renderer's only door to main: the preload exposes `window.oceanex` (createApi over Electron IPC in the app,
// over a test transport in the browser tests). Nothing else in the renderer talks to the outside world.
import { createContext, useContext } from 'react';
import type { OceanexApi } from '../../preload/api';

declare global {
  interface Window {
    oceanex?: OceanexApi;
  }
}

export function findApi(): OceanexApi | undefined {
  return window.oceanex;
}

export const ApiContext = createContext<OceanexApi | null>(null);

export function useApi(): OceanexApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}
