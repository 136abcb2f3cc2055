// Log and message inspector, as two tabs over one buffer. Always mounted (hidden when not shown) so the
// buffer keeps filling from event:log while the person works on other screens.
import { useRef, useState, type KeyboardEvent } from 'react';
import { useLogStore } from '../hooks/useLogStore';
import { Inspector } from '../log/Inspector';
import { LogViewer } from '../log/LogViewer';

export function LogScreen({ hidden }: { readonly hidden: boolean }) {
  const store = useLogStore();
  const [tab, setTab] = useState<'log' | 'inspector'>('log');
  const tabs = useRef<HTMLDivElement>(null);
  // The tab list is one tab stop; arrows, Home and End move between the tabs and select (WAI-ARIA tabs pattern).
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const order = ['log', 'inspector'] as const;
    const at = order.indexOf(tab);
    const next = e.key === 'ArrowRight' ? (at + 1) % order.length : e.key === 'ArrowLeft' ? (at + order.length - 1) % order.length : e.key === 'Home' ? 0 : e.key === 'End' ? order.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(order[next]!);
    tabs.current?.querySelector<HTMLElement>(`#tab-${order[next]!}`)?.focus();
  };
  return (
    <div className="screen screen-fill" data-screen="log" hidden={hidden}>
      <header className="screen-header">
        <h1>Log</h1>
        <div className="tabs" role="tablist" aria-label="Log views" ref={tabs} onKeyDown={onTabKey}>
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
        </div>
      </header>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'log' ? <LogViewer store={store} active={!hidden} /> : <Inspector store={store} active={!hidden} />}
      </div>
    </div>
  );
}
