// The 17 choices in their catalogue groups, plus Settings and Log; each entry shows its keyboard shortcut.
import { CHOICES, GROUP_LABELS, type ChoiceGroup } from '../../../shared/oceanex/catalogue';
import { acceleratorLabel, EXTRA_SHORTCUTS, type View } from '../shortcuts';

const VIEW_LABELS = { composer: 'Raw frame composer', history: 'Request history', scenarios: 'Scenarios', settings: 'Settings', log: 'Log & inspector' } as const;

const GROUP_ORDER: readonly ChoiceGroup[] = ['session', 'market', 'account'];

// Order within a group follows how people use them, not the original menu numbers.
const ORDER: Readonly<Record<string, number>> = { authenticate: 0, disconnect: 1, reconnect: 2, timestamp: 0, markets: 1, tickers: 2, fees: 3, orderBook: 4, kline: 5 };

interface Props {
  readonly view: View;
  readonly onSelect: (view: View) => void;
  readonly loggedIn: boolean;
}

export function Sidebar({ view, onSelect, loggedIn }: Props) {
  const extra = (v: View) => EXTRA_SHORTCUTS.find((s) => s.view === v)?.accelerator ?? '';
  return (
    <nav className="sidebar" aria-label="Choices">
      {GROUP_ORDER.map((group) => (
        <section key={group} aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`} className="sidebar-group">{GROUP_LABELS[group]}</h2>
          <ul>
            {CHOICES.filter((c) => c.group === group)
              .slice()
              .sort((a, b) => (ORDER[a.id] ?? a.number) - (ORDER[b.id] ?? b.number))
              .map((c) => (
                <li key={c.number}>
                  <button
                    type="button"
                    className={view === c.number ? 'nav-item active' : 'nav-item'}
                    aria-current={view === c.number ? 'page' : undefined}
                    aria-keyshortcuts={c.shortcut.replace('CmdOrCtrl', 'Control')}
                    onClick={() => onSelect(c.number)}
                    data-choice={c.number}
                    title={`${c.number} ${c.label}`}
                  >
                    <span className="nav-number">{c.number}</span>
                    <span className="nav-label">{c.label}</span>
                    {c.private && !loggedIn ? <span className="nav-lock" title="Requires login" aria-label="requires login">●</span> : null}
                    <kbd className="nav-kbd">{acceleratorLabel(c.shortcut)}</kbd>
                  </button>
                </li>
              ))}
          </ul>
        </section>
      ))}
      <section aria-label="Application">
        <h2 className="sidebar-group">Application</h2>
        <ul>
          {(['composer', 'history', 'scenarios', 'settings', 'log'] as const).map((v) => (
            <li key={v}>
              <button
                type="button"
                className={view === v ? 'nav-item active' : 'nav-item'}
                aria-current={view === v ? 'page' : undefined}
                onClick={() => onSelect(v)}
                data-view={v}
              >
                <span className="nav-number" />
                <span className="nav-label">{VIEW_LABELS[v]}</span>
                <kbd className="nav-kbd">{acceleratorLabel(extra(v))}</kbd>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </nav>
  );
}
