// Scenarios: write or open a scenario file, see it checked against the schema as you type, run it on the active
// profile and watch each step turn green or red with its round trip; stop it; export the result. Main reads and
// writes the files (its dialogs), runs the steps and asks once before any order step: this screen only shows.
import { useEffect, useRef, useState } from 'react';
import type { ScenarioCheckResult } from '../../../shared/scenario/outline';
import { describeDuration, tally } from '../../../shared/scenario/result';
import { useApi } from '../api';
import { LatencyTable, StepTable } from './ResultTables';
import { RttChart } from './RttChart';
import { STARTER_SCENARIO } from './starter';
import { useScenarioRun } from './useScenarioRun';
import '../styles/scenarios.css';
import { plural } from '../numbers';

const CHECK_DELAY_MS = 250;
/** A large file takes main a noticeable moment to check (about 0.2 s at 1000 steps): check it less eagerly. */
const LARGE_TEXT_CHARS = 50_000;
const LARGE_CHECK_DELAY_MS = 1_000;

type Message = { readonly kind: 'ok' | 'bad'; readonly text: string } | null;

/** Where the value or key starting at `start` ends: its closing quote, or the next , } ] or line end. */
function tokenEnd(text: string, start: number): number {
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, start + 1);
    return close < 0 ? start + 1 : close + 1;
  }
  let end = start;
  while (end < text.length && !',}]\n'.includes(text[end]!)) end++;
  return Math.max(start + 1, end);
}

export function ScenariosScreen({ hidden }: { readonly hidden: boolean }) {
  const api = useApi();
  const [text, setText] = useState(STARTER_SCENARIO);
  const [fileName, setFileName] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [check, setCheck] = useState<ScenarioCheckResult | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [confirmDiscard, setConfirmDiscard] = useState<'open' | 'new' | null>(null);
  const editor = useRef<HTMLTextAreaElement>(null);
  const run = useScenarioRun();

  // Live validation: main checks the text (schema, catalogue, variables) a moment after typing stops.
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void api.checkScenario(text).then((r) => {
        if (current) setCheck(r.ok ? r.value : { diagnostics: [{ line: 1, column: 1, message: r.error }] });
      });
    }, text.length > LARGE_TEXT_CHARS ? LARGE_CHECK_DELAY_MS : CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, text]);

  const say = (kind: 'ok' | 'bad', text: string) => setMessage({ kind, text });
  const edit = (value: string) => {
    setText(value);
    setDirty(true);
  };
  /** Unsaved edits are kept unless the person presses the button a second time (it then says what it discards). */
  const discardFirst = (action: 'open' | 'new'): boolean => {
    if (dirty && confirmDiscard !== action) {
      setConfirmDiscard(action);
      return false;
    }
    setConfirmDiscard(null);
    return true;
  };
  const startNew = () => {
    setMessage(null);
    if (!discardFirst('new')) return;
    setText(STARTER_SCENARIO);
    setFileName(null);
    setDirty(false);
  };
  const open = async () => {
    setMessage(null);
    if (!discardFirst('open')) return;
    const r = await api.openScenario();
    if (!r.ok) return say('bad', r.error);
    if (r.value === null) return;
    setText(r.value.text);
    setFileName(r.value.name);
    setDirty(false);
    say('ok', `Opened ${r.value.path}`);
  };
  const save = async (saveAs: boolean) => {
    setMessage(null);
    // A new scenario has no file yet: Save asks where, like Save as.
    const r = await api.saveScenario(text, saveAs || fileName === null);
    if (!r.ok) return say('bad', r.error);
    if (r.value === null) return;
    setFileName(r.value.split(/[\\/]/).pop() ?? r.value);
    setDirty(false);
    say('ok', `Saved to ${r.value}`);
  };
  const start = async () => {
    setMessage(null);
    const r = await api.runScenario(text);
    if (!r.ok) return say('bad', r.error);
    const c = tally(r.value.steps);
    const words = r.value.stopped === 'by-request' ? 'Stopped' : r.value.passed ? 'Passed' : 'Failed';
    say(r.value.passed ? 'ok' : 'bad', `${words}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped in ${describeDuration(r.value.durationMs)}.`);
  };
  const stop = async () => {
    await api.stopScenario();
  };
  const exportAs = async (format: 'junit' | 'json') => {
    setMessage(null);
    const r = await api.exportScenarioResult(format);
    if (!r.ok) return say('bad', r.error);
    if (r.value !== null) say('ok', `Exported to ${r.value}`);
  };
  const goTo = (line: number, column: number) => {
    const area = editor.current;
    if (!area) return;
    const start = text.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, column - 1);
    area.focus();
    area.setSelectionRange(start, tokenEnd(text, start));
  };

  const diagnostics = check?.diagnostics ?? [];
  const outline = run.outline ?? check?.outline;
  const orders = check?.outline?.orderSteps ?? [];
  const done = run.results.size;
  return (
    <div className="screen" data-screen="scenarios" hidden={hidden}>
      <header className="screen-header">
        <h1>Scenarios</h1>
        <span className="muted">Repeatable tests: steps, assertions, round trips</span>
      </header>
      <p className="about">
        Each step is one of the 17 choices or a raw frame; its reply is checked and values can be saved for later steps. The same files run in CI with{' '}
        <code>npm run cli -- run FILE</code>.
      </p>
      <div className="scenarios">
        <section className="scenario-editor" aria-label="Scenario file">
          <div className="composer-tools">
            <button type="button" onClick={startNew} data-testid="scenario-new">
              {confirmDiscard === 'new' ? 'Discard edits: new' : 'New'}
            </button>
            <button type="button" onClick={() => void open()} data-testid="scenario-open">
              {confirmDiscard === 'open' ? 'Discard edits and open…' : 'Open…'}
            </button>
            <button type="button" onClick={() => void save(false)} data-testid="scenario-save">
              Save
            </button>
            <button type="button" onClick={() => void save(true)}>
              Save as…
            </button>
            <span className="muted" data-testid="scenario-file">
              {fileName ?? 'New scenario'}
              {dirty ? ' (edited)' : ''}
            </span>
          </div>
          {confirmDiscard ? (
            <p className="hint">
              The editor has unsaved edits. Save them first, or press “{confirmDiscard === 'open' ? 'Discard edits and open…' : 'Discard edits: new'}” to drop them.
            </p>
          ) : null}
          <textarea
            ref={editor}
            className="composer-text mono scenario-text"
            value={text}
            onChange={(e) => edit(e.target.value)}
            spellCheck={false}
            wrap="off"
            aria-label="Scenario (YAML or JSON)"
            aria-invalid={diagnostics.length > 0}
            aria-describedby="scenario-check"
            rows={24}
            data-testid="scenario-text"
          />
          <div id="scenario-check" role="status" className={`composer-check ${diagnostics.length > 0 ? 'bad' : 'ok'}`} data-testid="scenario-check">
            {check === null
              ? 'Checking…'
              : diagnostics.length > 0
                ? `${plural(diagnostics.length, 'problem')}: the scenario cannot run yet.`
                : `Ready: ${plural(check.outline?.steps.length ?? 0, 'step')}, ${orders.length} of them ${orders.length === 1 ? 'changes' : 'change'} orders.`}
          </div>
          {diagnostics.length > 0 ? (
            <ul className="diagnostics" data-testid="scenario-diagnostics">
              {diagnostics.map((d, i) => (
                <li key={i}>
                  <button type="button" className="link" onClick={() => goTo(d.line, d.column)}>
                    Line {d.line}, column {d.column}
                  </button>
                  : {d.message}
                </li>
              ))}
            </ul>
          ) : null}
          {orders.length > 0 ? (
            <div className="hint" data-testid="scenario-orders">
              These steps create, cancel or clear orders; main asks you once before the run, listing them:
              <ul>
                {orders.map((o) => (
                  <li key={o.step}>
                    Step {o.step + 1} “{o.name}”: choice {o.choice}
                    {o.via === 'raw frame' ? ' (raw frame)' : ''} {Object.entries(o.fields).map(([k, v]) => `${k} ${v}`).join(', ')}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
        <section className="scenario-run" aria-label="Run">
          <div className="composer-tools">
            <button type="button" className="primary" disabled={run.running || diagnostics.length > 0 || check === null} onClick={() => void start()} data-testid="scenario-run">
              {run.running ? 'Running…' : 'Run'}
            </button>
            <button type="button" disabled={!run.running} onClick={() => void stop()} data-testid="scenario-stop">
              Stop
            </button>
            <button type="button" disabled={run.finished === undefined} onClick={() => void exportAs('junit')}>
              Export JUnit…
            </button>
            <button type="button" disabled={run.finished === undefined} onClick={() => void exportAs('json')}>
              Export JSON…
            </button>
          </div>
          <div role="status" className={message ? `composer-check ${message.kind}` : 'composer-check'} data-testid="scenario-message">
            {message?.text ?? (run.running && outline ? `Running on ${run.endpoint ?? ''}: ${done} of ${plural(outline.steps.length, 'step')} done.` : '')}
          </div>
          {outline ? <StepTable steps={outline.steps} results={run.outline ? run.results : new Map()} current={run.current} /> : null}
          {run.outline ? <RttChart steps={run.outline.steps} results={run.results} /> : null}
          {run.finished ? <LatencyTable rows={run.finished.latency} /> : null}
        </section>
      </div>
    </div>
  );
}
