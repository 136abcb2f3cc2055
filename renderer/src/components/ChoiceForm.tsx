// A choice's form, generated from its catalogue fields: labels, the original prompt's example as placeholder,
// validation as the person leaves a field and again before sending (main validates a third time).
import { useState, type FocusEvent, type FormEvent } from 'react';
import { fieldError, notNeeded, parseTimeField, type ChoiceSpec, type FieldSpec } from '../../../shared/oceanex/catalogue';
import { formatDateTime } from '../format';

interface Props {
  readonly choice: ChoiceSpec;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, string>>;
  readonly running: boolean;
  readonly onChange: (values: Readonly<Record<string, string>>) => void;
  readonly onSubmit: () => void;
  /** The submit button's words and look when the screen knows better than "Send" ("Buy VET…" in green). */
  readonly submit?: { readonly label: string; readonly className: string };
  /** Fills the examples itself (e.g. near the market's price) instead of the catalogue's. */
  readonly onFillExamples?: () => void;
}

/** Under a time field: what the typed text means, the other way round (a date for seconds, seconds for a date). */
function timeMeaning(f: FieldSpec, text: string | undefined): string | undefined {
  const t = (text ?? '').trim();
  if (f.kind !== 'time' || t === '') return undefined;
  const seconds = parseTimeField(t);
  if (seconds === undefined) return undefined;
  return /^\d+$/.test(t) ? `= ${formatDateTime(seconds * 1000)}` : `= ${seconds} (Unix seconds)`;
}

const SEND_LABEL: Readonly<Record<string, string>> = { login: 'Authenticate', disconnect: 'Disconnect', reconnect: 'Reconnect' };

export function ChoiceForm({ choice, values, errors, running, onChange, onSubmit, submit: submitLook, onFillExamples }: Props) {
  // Errors found on blur; the runner's errors (from Send) are dropped by the runner once the field is edited.
  const [blurErrors, setBlurErrors] = useState<Record<string, string | undefined>>({});
  const errorFor = (f: FieldSpec) => errors[f.name] ?? blurErrors[f.name];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (running) return;
    setBlurErrors({});
    onSubmit();
  };
  const change = (f: FieldSpec, v: string) => {
    const next: Record<string, string> = { ...values, [f.name]: v };
    // A field this change makes unnecessary (a market order's price) is emptied, so nothing unseen is sent.
    for (const other of choice.fields) if (other.notNeededWhen?.field === f.name && notNeeded(other, next)) next[other.name] = '';
    onChange(next);
    // Clear a shown error as soon as the text becomes valid, but do not nag while typing.
    if (blurErrors[f.name] && !fieldError(choice, f, next)) setBlurErrors((m) => ({ ...m, [f.name]: undefined }));
  };
  // The same rules as Send (a limit order's price 0 too), so the message shows as the person leaves the field.
  const blur = (f: FieldSpec) => setBlurErrors((m) => ({ ...m, [f.name]: fieldError(choice, f, values) }));

  return (
    <form className="choice-form" onSubmit={submit} noValidate aria-label={`${choice.label} form`}>
      {choice.fields.length > 0 ? (
        <div className="fields">
          {choice.fields.map((f) => {
            const id = `f-${choice.number}-${f.name}`;
            const unneeded = notNeeded(f, values);
            const meaning = timeMeaning(f, values[f.name]);
            const error = unneeded ? undefined : errorFor(f);
            const common = {
              id,
              name: f.name,
              value: values[f.name] ?? '',
              disabled: unneeded || undefined,
              'aria-invalid': error ? true : undefined,
              'aria-describedby': error ? `${id}-err` : f.help || unneeded || meaning ? `${id}-help` : undefined,
              // Leaving a field for this form's Send shows no blur error: Send validates everything anyway, and an
              // error appearing between press and release would move Send away and swallow the click.
              onBlur: (e: FocusEvent<HTMLInputElement | HTMLSelectElement>) => {
                const next = e.relatedTarget;
                if (next instanceof HTMLButtonElement && next.type === 'submit' && next.form === e.currentTarget.form) return;
                blur(f);
              },
            } as const;
            return (
              <div key={f.name} className={`field field-${f.kind}`}>
                <label htmlFor={id}>
                  {f.label}
                  {f.required && !unneeded ? <span className="req" aria-hidden="true"> *</span> : null}
                </label>
                {f.kind === 'enum' ? (
                  <select {...common} onChange={(e) => change(f, e.target.value)}>
                    {!f.required || !values[f.name] ? <option value="">{f.required ? 'choose…' : '—'}</option> : null}
                    {(f.options ?? []).map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    {...common}
                    type="text"
                    inputMode={f.kind === 'decimal' ? 'decimal' : f.kind === 'integer' ? 'numeric' : 'text'}
                    placeholder={unneeded ? '' : `e.g. ${f.example}`}
                    autoComplete="off"
                    spellCheck={false}
                    onChange={(e) => change(f, e.target.value)}
                  />
                )}
                {/* A line is always reserved under the field, so an error appearing on blur never moves Send away
                    from the pointer that is about to click it. */}
                {error ? (
                  <span id={`${id}-err`} className="field-note field-error" role="alert">
                    {error}
                  </span>
                ) : (
                  <span id={f.help || unneeded || meaning ? `${id}-help` : undefined} className={`field-note field-help${meaning ? ' mono' : ''}`} data-testid={meaning ? `f-${choice.number}-${f.name}-meaning` : undefined}>
                    {unneeded ? `Not needed: ${f.notNeededWhen?.value} orders fill at the book’s prices` : (meaning ?? f.help ?? '')}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      ) : null}
      <div className="form-actions">
        {/* aria-disabled, not disabled: a disabled button drops keyboard focus to the page body while waiting. */}
        <button type="submit" className={submitLook?.className ?? (choice.destructive ? 'primary danger' : 'primary')} aria-disabled={running || undefined} data-testid="send">
          {running ? 'Waiting…' : (submitLook?.label ?? SEND_LABEL[choice.kind] ?? (choice.destructive ? `${choice.label}…` : 'Send'))}
        </button>
        {choice.fields.length > 0 ? (
          <button type="button" onClick={() => (onFillExamples ? onFillExamples() : onChange(Object.fromEntries(choice.fields.map((f) => [f.name, f.example]))))} disabled={running}>
            Fill examples
          </button>
        ) : null}
        {choice.prompt ? <span className="prompt-hint mono" title="The original terminal prompt">{choice.prompt}</span> : null}
      </div>
    </form>
  );
}
