// The raw frame composer: write any request frame (or start from the exact frame one of the 17 choices sends),
// check it as you type, send it through the session, and see each reply paired with its frame by uuid.
// Main decides what a frame may become (order frames go through their choice's confirmation; logins never).
import { useMemo, useState } from 'react';
import { CHOICES, choiceByNumber } from '../../../shared/oceanex/catalogue';
import { checkRawFrame, MAX_RAW_FRAME_BYTES, templateFor, utf8Length } from '../../../shared/oceanex/raw-frame';
import type { RawOutcome } from '../../../shared/ipc/contract';
import { useApi } from '../api';
import { RawJson } from '../components/RawJson';
import { formatTime } from '../format';
import { CopyAsCode } from './CopyAsCode';
import '../styles/tools.css';

interface Exchange {
  readonly key: number;
  readonly at: number;
  readonly text: string;
  readonly outcome?: RawOutcome;
  readonly error?: string;
}

const FIRST_TEMPLATE = 13;
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

function initialText(): string {
  return pretty(templateFor(choiceByNumber(FIRST_TEMPLATE)!).frame);
}

/** What main will do with the text, in words, before it is sent. */
function preview(text: string): { ok: boolean; message: string } {
  const check = checkRawFrame(text);
  if (!check.ok) return { ok: false, message: check.error };
  const plan = check.plan;
  if (plan.kind === 'order') {
    const c = choiceByNumber(plan.choice)!;
    return { ok: true, message: `Changes orders: sent as choice ${c.number} (${c.label}) after main asks you to confirm, with a fresh uuid.` };
  }
  const c = plan.choice > 0 ? choiceByNumber(plan.choice) : undefined;
  const same = c ? ` — the same request as choice ${c.number} (${c.label})` : ' — not one of the 17 choices';
  return { ok: true, message: `Read-only: sent as written${same}.${plan.private ? ' Needs a logged-in connection.' : ''}` };
}

export function ComposerScreen() {
  const api = useApi();
  const [text, setText] = useState(initialText);
  const [template, setTemplate] = useState(String(FIRST_TEMPLATE));
  const [sending, setSending] = useState(false);
  const [exchanges, setExchanges] = useState<readonly Exchange[]>([]);
  const [editError, setEditError] = useState<string | null>(null);
  const check = useMemo(() => preview(text), [text]);
  const bytes = useMemo(() => utf8Length(text), [text]);

  const pickTemplate = (value: string) => {
    setTemplate(value);
    const t = templateFor(choiceByNumber(Number(value))!);
    if (t.frame) setText(pretty(t.frame));
  };
  const editJson = (change: (frame: Record<string, unknown>) => void) => {
    try {
      const frame = JSON.parse(text) as Record<string, unknown>;
      change(frame);
      setText(pretty(frame));
      setEditError(null);
    } catch {
      setEditError('Fix the JSON first: the frame could not be parsed.');
    }
  };
  const newUuid = () =>
    editJson((frame) => {
      const data = (typeof frame['data'] === 'object' && frame['data'] !== null ? frame['data'] : (frame['data'] = {})) as Record<string, unknown>;
      data['uuid'] = crypto.randomUUID();
    });
  const send = async () => {
    setSending(true);
    const r = await api.sendRaw(text);
    setSending(false);
    const entry: Exchange = r.ok ? { key: Date.now(), at: Date.now(), text, outcome: r.value } : { key: Date.now(), at: Date.now(), text, error: r.error };
    setExchanges((list) => [entry, ...list].slice(0, 50));
  };
  const selected = templateFor(choiceByNumber(Number(template))!);

  return (
    <div className="screen" data-screen="composer">
      <header className="screen-header">
        <h1>Raw frame composer</h1>
        <span className="muted">Send any request frame; replies are paired by uuid</span>
      </header>
      <p className="about">
        Order frames (OrderHandler create, cancel, clear) are sent as choices 6, 7 and 8 and confirmed in main. Logins are never sent raw: main signs them (choice 1).
      </p>
      <div className="composer">
        <div className="composer-editor">
          <div className="composer-tools">
            <label>
              Template{' '}
              <select value={template} onChange={(e) => pickTemplate(e.target.value)} aria-label="Template">
                {CHOICES.map((c) => {
                  const t = templateFor(c, 'x');
                  return (
                    <option key={c.number} value={c.number} disabled={!t.frame}>
                      {c.number} {c.label}
                      {t.frame ? '' : ' (no frame)'}
                    </option>
                  );
                })}
              </select>
            </label>
            <button type="button" onClick={newUuid} data-testid="new-uuid">
              New uuid
            </button>
            <button type="button" onClick={() => editJson(() => undefined)}>
              Format
            </button>
            <span className={`muted ${bytes > MAX_RAW_FRAME_BYTES ? 'bad' : ''}`}>
              {bytes} / {MAX_RAW_FRAME_BYTES} bytes
            </span>
          </div>
          {selected.note ? <p className="hint">{selected.note}</p> : null}
          <textarea
            className="composer-text mono"
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            aria-label="Frame JSON"
            aria-invalid={!check.ok}
            rows={14}
            data-testid="frame-text"
          />
          <div className={`composer-check ${check.ok ? 'ok' : 'bad'}`} role="status" data-testid="frame-check">
            {check.message}
          </div>
          {editError ? <div className="field-error">{editError}</div> : null}
          <div className="form-actions">
            <button type="button" className="primary" disabled={!check.ok || sending} onClick={() => void send()} data-testid="send-raw">
              {sending ? 'Waiting for the reply…' : 'Send'}
            </button>
          </div>
          <CopyAsCode source={{ kind: 'frame', text }} />
        </div>
        <div className="composer-exchanges" aria-label="Sent frames and replies">
          {exchanges.length === 0 ? <p className="muted">Frames you send appear here with their replies.</p> : null}
          {exchanges.map((x) => (
            <ExchangeView key={x.key} exchange={x} />
          ))}
        </div>
      </div>
    </div>
  );
}

function ExchangeView({ exchange }: { readonly exchange: Exchange }) {
  const o = exchange.outcome;
  const failed = !o || (o.reply !== undefined && o.reply.code !== 0);
  return (
    <article className={`exchange ${failed ? 'failed' : ''}`} data-testid="exchange">
      <div className="summary">
        <span className="summary-text">{o ? o.summary : `Not sent: ${exchange.error ?? ''}`}</span>
        <span className="summary-meta mono">
          {formatTime(exchange.at)}
          {o?.rttMs !== undefined ? ` · ${o.rttMs.toFixed(0)} ms` : ''}
          {o?.reply ? ` · code ${o.reply.code}` : ''}
        </span>
      </div>
      {o?.uuid ? (
        <div className="mono muted" data-testid="exchange-uuid">
          uuid {o.uuid}
          {o.reply?.uuid === o.uuid ? ' ✓ paired' : ''}
        </div>
      ) : null}
      {o?.note ? <p className="hint">{o.note}</p> : null}
      {o ? (
        <div className="pair">
          <div>
            <h3 className="subhead">Sent</h3>
            <pre className="json">{pretty(o.sent)}</pre>
          </div>
          <div>
            <h3 className="subhead">Reply</h3>
            <pre className="json" data-testid="exchange-reply">{pretty(o.reply)}</pre>
          </div>
        </div>
      ) : (
        <RawJson value={exchange.text} label="Frame" />
      )}
    </article>
  );
}
