// Entry: mounts the app when the preload provided `window.oceanex`, otherwise explains why nothing works.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiContext, findApi } from './api';
import './styles/app.css';
import './styles/trader.css';

const root = createRoot(document.getElementById('root')!);
const api = findApi();
root.render(
  <StrictMode>
    {api ? (
      <ApiContext.Provider value={api}>
        <App />
      </ApiContext.Provider>
    ) : (
      <p className="fatal" role="alert">The OceanEx bridge is missing: this page must run inside the OceanEx WS Client.</p>
    )}
  </StrictMode>,
);
