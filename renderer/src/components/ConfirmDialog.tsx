// Confirmation before an order-changing choice, showing exactly the args that will be sent.
import { useEffect, useRef } from 'react';
import { choiceByNumber } from '../../../main/oceanex/catalogue';
import type { PendingConfirm } from '../hooks/useRunner';

interface Props {
  readonly pending: PendingConfirm;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function ConfirmDialog({ pending, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const choice = choiceByNumber(pending.choice);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  if (!choice) return null;
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">{choice.label}?</h2>
      <p>
        This sends <span className="mono">{choice.handler}/{choice.action}</span> with these args:
      </p>
      <pre className="json" data-testid="confirm-args">{JSON.stringify(pending.args, null, 2)}</pre>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary danger" onClick={onConfirm} autoFocus>
          {choice.label}
        </button>
      </div>
    </dialog>
  );
}
