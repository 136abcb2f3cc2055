// The application shell: sidebar, notices, the current screen and the status bar. (Confirmations are main's: a native dialog.)
import { useMemo } from 'react';
import { choiceByNumber } from '../../shared/oceanex/catalogue';
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
import { ScenariosScreen } from './scenarios/ScenariosScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { ComposerScreen } from './tools/ComposerScreen';
import { HistoryScreen } from './tools/HistoryScreen';

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
        {/* Focuses the screen without changing the URL (main blocks navigation, even in-page). */}
        <a
          className="skip-link"
          href="#content"
          onClick={(e) => {
            e.preventDefault();
            document.getElementById('content')?.focus();
          }}
        >
          Skip to the screen
        </a>
        <Sidebar view={view} onSelect={navigate} loggedIn={status?.loggedIn ?? false} />
        <main className="content" id="content" tabIndex={-1}>
          <NoticeBanners notices={notices} onDismiss={dismiss} />
          {/* Keyed: each choice is its own screen (its focus bookkeeping starts fresh on arrival). */}
          {choice ? <ChoiceScreen key={choice.number} choice={choice} status={status} /> : null}
          {view === 'settings' ? <SettingsScreen onNotice={add} /> : null}
          {view === 'composer' ? <ComposerScreen /> : null}
          {view === 'history' ? <HistoryScreen /> : null}
          {/* The log screen stays mounted so its buffer keeps filling while another screen is shown. */}
          <LogScreen hidden={view !== 'log'} />
          {/* Stays mounted too: the editor keeps unsaved edits and a run keeps reporting while another screen is shown. */}
          <ScenariosScreen hidden={view !== 'scenarios'} />
        </main>
        <StatusBar status={status} />
      </div>
    </RunnerContext.Provider>
  );
}
