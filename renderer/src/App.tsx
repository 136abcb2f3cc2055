// The application shell: sidebar, notices, the current screen and the status bar. (Confirmations are main's: a native dialog.)
import { useMemo } from 'react';
import { choiceByNumber } from '../../main/oceanex/catalogue';
import { NoticeBanners } from './components/NoticeBanners';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { RunnerContext } from './hooks/runnerContext';
import { useNavigation } from './hooks/useNavigation';
import { useNotices } from './hooks/useNotices';
import { useRunner } from './hooks/useRunner';
import { useSessionStatus } from './hooks/useSessionStatus';
import { LogScreen } from './screens/LogScreen';
import { ChoiceScreen } from './screens/ChoiceScreen';
import { SettingsScreen } from './screens/SettingsScreen';

export function App() {
  const status = useSessionStatus();
  const [view, navigate] = useNavigation(13);
  const runner = useRunner();
  const { notices, dismiss, add } = useNotices();
  const context = useMemo(() => ({ runner, navigate }), [runner, navigate]);
  const choice = typeof view === 'number' ? choiceByNumber(view) : undefined;
  return (
    <RunnerContext.Provider value={context}>
      <div className="app">
        <Sidebar view={view} onSelect={navigate} loggedIn={status?.loggedIn ?? false} />
        <main className="content" id="content">
          <NoticeBanners notices={notices} onDismiss={dismiss} />
          {choice ? <ChoiceScreen choice={choice} status={status} /> : null}
          {view === 'settings' ? <SettingsScreen onNotice={add} /> : null}
          {/* The log screen stays mounted so its buffer keeps filling while another screen is shown. */}
          <LogScreen hidden={view !== 'log'} />
        </main>
        <StatusBar status={status} />
      </div>
    </RunnerContext.Provider>
  );
}
