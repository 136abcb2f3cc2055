// One screen per choice: header, generated form, progress while waiting, the local refusal or the reply.
// After each finished run, keyboard focus moves to what it produced: the result, the refusal or the first
// invalid field, so a keyboard or screen-reader user lands where the answer is.
import { useEffect, useRef } from 'react';
import { buildArgs, GROUP_LABELS, validateFields, type ChoiceSpec } from '../../../shared/oceanex/catalogue';
import type { SessionStatus } from '../../../shared/ipc/contract';
import { ChoiceForm } from '../components/ChoiceForm';
import { useRunnerContext } from '../hooks/runnerContext';
import { fieldsOf } from '../hooks/useRunner';
import { useNow } from '../hooks/useNow';
import { ReplyView } from '../results/ReplyView';
import { acceleratorLabel } from '../shortcuts';
import { CopyAsCode } from '../tools/CopyAsCode';
import { WatchPanel } from '../tools/WatchPanel';
import { ORDER_LOOKUP } from '../words';

const ABOUT: Readonly<Record<string, string>> = {
  authenticate: 'Signs a login with the imported key (in the main process) and sends it. Needed once per connection for private choices.',
  disconnect: 'Closes the connection on purpose. No automatic reconnect until you reconnect.',
  reconnect: 'Closes the connection if open and connects again; logs in again if you were logged in.',
  massCancel: 'Cancels every open order of this account, in every market.',
};

function Waiting({ since, asks }: { readonly since: number; readonly asks: boolean }) {
  const now = useNow(100);
  return (
    // The live region says "Waiting" once; the ticking seconds are for the eye only.
    <div className="progress" data-testid="progress">
      <span className="spinner" aria-hidden="true" /> <span role="status">{asks ? 'Waiting for your answer in the app’s dialog, then the reply…' : 'Waiting for the reply…'}</span>{' '}
      <span className="mono" aria-hidden="true">
        {((now - since) / 1000).toFixed(1)} s
      </span>
    </div>
  );
}

/** The exact args an order, cancel or mass cancel will carry; main shows the person its own question before sending. */
function ArgsPreview({ choice, fields }: { readonly choice: ChoiceSpec; readonly fields: Readonly<Record<string, string>> }) {
  const checked = validateFields(choice, fields);
  return (
    <div className="args-preview" data-testid="args-preview">
      <span className="muted">
        Sends <span className="mono">{choice.handler}/{choice.action}</span> with these args; you confirm in a dialog of the app before anything is sent:
      </span>
      <pre className="json" data-testid="preview-args">
        {checked.ok ? JSON.stringify(buildArgs(choice, checked.values), null, 2) : 'complete the form to see the args'}
      </pre>
    </div>
  );
}

export function ChoiceScreen({ choice, status }: { readonly choice: ChoiceSpec; readonly status: SessionStatus | null }) {
  const { runner } = useRunnerContext();
  const state = runner.states.get(choice.number);
  const needsLogin = choice.private && !status?.loggedIn;
  // An order whose outcome was unknown when this screen last ran: once main reconciles it, say what was found.
  const lookedUp =
    state?.error && state.startedAt !== undefined ? status?.unknownOrders.find((o) => o.sentAt >= state.startedAt! && o.status !== 'unknown') : undefined;
  const reconciled = lookedUp ? ORDER_LOOKUP[lookedUp.status] : undefined;
  const root = useRef<HTMLDivElement>(null);
  const seenRuns = useRef(state?.runCount ?? 0);
  const runCount = state?.runCount ?? 0;
  useEffect(() => {
    // Only a run that finished while this screen is shown moves focus; arriving on the screen does not.
    if (runCount === seenRuns.current) return;
    seenRuns.current = runCount;
    const target = root.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-focus-target]');
    target?.focus();
  }, [runCount]);
  return (
    <div className="screen" data-screen={choice.id} ref={root}>
      <header className="screen-header">
        <h1>
          <span className="choice-number">{choice.number}</span> {choice.label}
        </h1>
        <span className="muted">{GROUP_LABELS[choice.group]}</span>
        {choice.handler ? (
          <span className="mono muted">
            {choice.handler}/{choice.action}
          </span>
        ) : null}
        {choice.private ? <span className="chip">private</span> : null}
        <kbd>{acceleratorLabel(choice.shortcut)}</kbd>
      </header>
      {ABOUT[choice.id] ? <p className="about">{ABOUT[choice.id]}</p> : null}
      {needsLogin ? (
        <p className="hint" role="note">
          This choice needs a logged-in connection: authenticate first ({acceleratorLabel('CmdOrCtrl+Shift+L')}). It is refused locally until then.
        </p>
      ) : null}
      <ChoiceForm
        // A fresh form (and its blur errors) per choice.
        key={choice.number}
        choice={choice}
        values={fieldsOf(runner.states, choice)}
        errors={state?.fieldErrors ?? {}}
        running={state?.running ?? false}
        onChange={(v) => runner.setFields(choice.number, v)}
        onSubmit={() => runner.request(choice.number)}
      />
      {choice.destructive ? <ArgsPreview choice={choice} fields={fieldsOf(runner.states, choice)} /> : null}
      {choice.kind === 'login' || choice.kind === 'request' ? <CopyAsCode source={{ kind: 'choice', choice: choice.number, fields: fieldsOf(runner.states, choice) }} /> : null}
      {state?.running && state.startedAt !== undefined ? <Waiting since={state.startedAt} asks={choice.destructive} /> : null}
      {!state?.running && state?.error ? (
        <div className="error-box" role="alert" data-testid="local-error" tabIndex={-1} data-focus-target>
          <strong>Not completed.</strong> {state.error}
        </div>
      ) : null}
      {state?.outcome && !state.running ? <ReplyView outcome={state.outcome} receivedAt={state.finishedAt ?? 0} /> : null}
      <WatchPanel choice={choice} />
      {reconciled ? (
        <p className="hint" role="status" data-testid="reconciled">
          Since then the order was looked up after reconnecting: {reconciled}. See the status bar for details.
        </p>
      ) : null}
    </div>
  );
}
