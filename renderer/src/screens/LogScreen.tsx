// Log and message inspector, as two tabs over one buffer. Always mounted (hidden when not shown) so the
// buffer keeps filling from event:log while the person works on other screens.
import { useState } from 'react';
import { useLogStore } from '../hooks/useLogStore';
import { Inspector } from '../log/Inspector';
import { LogViewer } from '../log/LogViewer';

export function LogScreen({ hidden }: { readonly hidden: boolean }) {
  const store = useLogStore();
  const [tab, setTab] = useState<'log' | 'inspector'>('log');
  return (
    <div className="screen screen-fill" data-screen="log" hidden={hidden}>
      <header className="screen-header">
        <h1>Log</h1>
        <div className="tabs" role="tablist" aria-label="Log views">
          <button type="button" role="tab" id="tab-log" aria-selected={tab === 'log'} aria-controls="panel-log" onClick={() => setTab('log')}>
            Log
          </button>
          <button type="button" role="tab" id="tab-inspector" aria-selected={tab === 'inspector'} aria-controls="panel-inspector" onClick={() => setTab('inspector')}>
            Message inspector
          </button>
        </div>
      </header>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'log' ? <LogViewer store={store} active={!hidden} /> : <Inspector store={store} active={!hidden} />}
      </div>
    </div>
  );
}
