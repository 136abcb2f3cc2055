// Log and message inspector, as two tabs over one buffer. Always mounted (hidden when not shown) so the
// buffer keeps filling from event:log while the person works on other screens.
import { useState } from 'react';
import type { ImportedSession } from '../../../shared/session-file/imported';
import { useLogStore } from '../hooks/useLogStore';
import { tabKeyHandler } from '../hooks/tabKeys';
import { Inspector } from '../log/Inspector';
import { LogViewer } from '../log/LogViewer';
import { ImportedView, SessionFileTools } from '../log/SessionFiles';

type Tab = 'log' | 'inspector' | 'imported';

export function LogScreen({ hidden }: { readonly hidden: boolean }) {
  const store = useLogStore();
  const [tab, setTab] = useState<Tab>('log');
  const [imported, setImported] = useState<ImportedSession | null>(null);
  const order: readonly Tab[] = imported ? ['log', 'inspector', 'imported'] : ['log', 'inspector'];
  const onImported = (session: ImportedSession) => {
    setImported(session);
    setTab('imported');
  };
  const closeImported = () => {
    setImported(null);
    setTab('inspector');
  };
  return (
    <div className="screen screen-fill" data-screen="log" hidden={hidden}>
      <header className="screen-header">
        <h1>Log</h1>
        <div className="tabs" role="tablist" aria-label="Log views" onKeyDown={tabKeyHandler(order, tab, setTab, 'tab-')}>
          <button type="button" role="tab" id="tab-log" aria-selected={tab === 'log'} tabIndex={tab === 'log' ? 0 : -1} aria-controls="panel-log" onClick={() => setTab('log')}>
            Log
          </button>
          <button
            type="button"
            role="tab"
            id="tab-inspector"
            aria-selected={tab === 'inspector'}
            tabIndex={tab === 'inspector' ? 0 : -1}
            aria-controls="panel-inspector"
            onClick={() => setTab('inspector')}
          >
            Message inspector
          </button>
          {imported ? (
            <button type="button" role="tab" id="tab-imported" aria-selected={tab === 'imported'} tabIndex={tab === 'imported' ? 0 : -1} aria-controls="panel-imported" onClick={() => setTab('imported')}>
              Imported: {imported.fileName}
            </button>
          ) : null}
        </div>
        <SessionFileTools store={store} onImported={onImported} />
      </header>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'log' ? <LogViewer store={store} active={!hidden} /> : null}
        {tab === 'inspector' ? <Inspector store={store} active={!hidden} /> : null}
        {tab === 'imported' && imported ? <ImportedView session={imported} active={!hidden} onClose={closeImported} /> : null}
      </div>
    </div>
  );
}
