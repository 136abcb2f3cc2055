// "Copy as code": the request of a choice screen, the composer or a history entry as a standalone Python or Node
// program (the shared generator; the terminal client prints the same). Copy puts it on the clipboard; Save as… asks
// main, which generates it again from the same source and writes it where the person chose. No key material is
// ever in it: the program reads the key file named by OCEANEX_KEY_FILE when it runs.
import { useMemo, useRef, useState } from 'react';
import {
  CODE_LANGUAGES,
  codeRequestForChoice,
  codeRequestFromFrame,
  generateProgram,
  LANGUAGE_LABELS,
  needsLogin,
  programFileName,
  type CodeLanguage,
  type CodeRequestResult,
} from '../../../shared/codegen/index';
import type { CodeSaveRequest } from '../../../shared/session-file/imported';
import { useApi } from '../api';
import { copyText } from '../clipboard';
import { tabKeyHandler } from '../hooks/tabKeys';
import '../styles/tools.css';

export type CodeSource = CodeSaveRequest['source'];

function requestOf(source: CodeSource): CodeRequestResult {
  return source.kind === 'choice' ? codeRequestForChoice(source.choice, source.fields) : codeRequestFromFrame(source.text);
}

export function CodePanel({ source, onClose, id }: { readonly source: CodeSource; readonly onClose: () => void; readonly id?: string }) {
  const api = useApi();
  const [language, setLanguage] = useState<CodeLanguage>('python');
  // A message belongs to the program it was about: another language or request hides it.
  const [said, setSaid] = useState<{ ok: boolean; text: string; about: string } | null>(null);
  const key = JSON.stringify(source);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const result = useMemo(() => requestOf(source), [key]);
  const program = result.ok ? generateProgram(language, result.request) : undefined;
  const about = `${language} ${key}`;
  const message = said?.about === about ? said : null;
  const setMessage = (m: { ok: boolean; text: string }) => setSaid({ ...m, about });
  const copy = async () => {
    if (program === undefined) return;
    const copied = await copyText(program);
    setMessage(copied ? { ok: true, text: `${LANGUAGE_LABELS[language]} program copied.` } : { ok: false, text: 'The clipboard refused; select the program and copy it by hand.' });
  };
  const save = async () => {
    const r = await api.saveCode({ language, source });
    setMessage(!r.ok ? { ok: false, text: r.error } : r.value === null ? { ok: true, text: 'Not saved (cancelled).' } : { ok: true, text: `Saved to ${r.value}` });
  };
  return (
    <section className="code-panel" id={id} aria-label="Copy as code" data-testid="code-panel" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="code-bar">
        <div className="tabs" role="tablist" aria-label="Language" onKeyDown={tabKeyHandler(CODE_LANGUAGES, language, setLanguage, 'code-tab-')}>
          {CODE_LANGUAGES.map((l) => (
            <button key={l} type="button" role="tab" id={`code-tab-${l}`} aria-selected={language === l} tabIndex={language === l ? 0 : -1} aria-controls="code-program" onClick={() => setLanguage(l)}>
              {LANGUAGE_LABELS[l]}
            </button>
          ))}
        </div>
        {result.ok ? (
          <span className="muted code-env" data-testid="code-env">
            {needsLogin(result.request) ? 'Logs in first. Set OCEANEX_WS_URL, OCEANEX_UID, OCEANEX_API_KEY and OCEANEX_KEY_FILE (a path).' : 'Public request. Set OCEANEX_WS_URL.'}
          </span>
        ) : null}
        <span className="sb-spacer" />
        <button type="button" className="small" onClick={() => void copy()} disabled={program === undefined} data-testid="code-copy">
          Copy
        </button>
        <button type="button" className="small" onClick={() => void save()} disabled={program === undefined} data-testid="code-save">
          Save as…
        </button>
        <button type="button" className="small" onClick={onClose}>
          Close
        </button>
      </div>
      {result.ok ? (
        <pre className="code" id="code-program" role="tabpanel" aria-labelledby={`code-tab-${language}`} tabIndex={0} data-testid="code-program" data-file-name={programFileName(language, result.request)}>
          {program}
        </pre>
      ) : (
        <p className="error-box" role="alert" data-testid="code-error">
          No program yet: {result.error}
        </p>
      )}
      {message ? (
        <p className={`code-message ${message.ok ? 'muted' : 'bad'}`} role="status" data-testid="code-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

/** The "Copy as code" button of a screen, opening the panel below it; Esc or Close returns focus to the button. */
export function CopyAsCode({ source }: { readonly source: CodeSource }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="copy-as-code">
      <button type="button" ref={button} aria-expanded={open} aria-controls="code-panel" onClick={() => setOpen((o) => !o)} data-testid="copy-as-code">
        Copy as code
      </button>
      {open ? <CodePanel source={source} onClose={close} id="code-panel" /> : null}
    </div>
  );
}
