import { useEffect, useRef, useState, type FormEvent, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface ReasonDialogProps {
  title: string;
  label: string;
  placeholder?: string;
  confirm: string;
  /** Resolves true when the command went through (the dialog closes), false to keep it open. */
  onConfirm: (text: string) => Promise<boolean>;
  onClose: () => void;
  error: string | null;
  children?: ReactNode;
  testId: string;
}

/** A modal that asks for a text before it acts: a skip's reason, a strike's reason, a closing summary. */
export function ReasonDialog({ title, label, placeholder, confirm, onConfirm, onClose, error, children, testId }: ReasonDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  const handleCancel = (event: SyntheticEvent) => {
    event.preventDefault();
    onClose();
  };
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    setBusy(true);
    void onConfirm(text.trim()).then((done) => {
      setBusy(false);
      if (done) onClose();
    });
  };

  return (
    <dialog ref={dialogRef} className="incident-dialog" data-testid={testId} onCancel={handleCancel}>
      <form onSubmit={handleSubmit}>
        <h2 className="incident-dialog__title">{title}</h2>
        {children}
        <label className="incident-dialog__field">
          <span>{label}</span>
          <textarea
            className="input incident-dialog__text"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder={placeholder}
            required
            rows={3}
            data-testid={`${testId}-text`}
          />
        </label>
        {error && (
          <p className="incident-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('incidents.skip.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy || text.trim() === ''} data-testid={`${testId}-confirm`}>
            {confirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}
