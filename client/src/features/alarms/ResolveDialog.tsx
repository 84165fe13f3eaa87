import { DISPOSITIONS, type Disposition } from '@vigil/shared';
import { useEffect, useRef, useState, type FormEvent, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface ResolveDialogProps {
  /** The heading; "Resolve alarm" unless given (a batch says how many). */
  title?: string;
  onConfirm: (disposition: Disposition, note: string) => void;
  onClose: () => void;
}

/**
 * A modal that asks what the alarm turned out to be, and a note for the record. Every disposition
 * is offered, 演练 (drill) too: a fire drill trips real detectors on the live wall.
 */
export function ResolveDialog({ title, onConfirm, onClose }: ResolveDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [disposition, setDisposition] = useState<Disposition | null>(null);
  const [note, setNote] = useState('');

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  // Escape cancels. Listening to `close` instead would also fire when React unmounts the dialog.
  const handleCancel = (event: SyntheticEvent) => {
    event.preventDefault();
    onClose();
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (disposition) onConfirm(disposition, note.trim());
  };

  return (
    <dialog ref={dialogRef} className="resolve-dialog" data-testid="resolve-dialog" onCancel={handleCancel}>
      <form onSubmit={handleSubmit}>
        <h2 className="resolve-dialog__title">{title ?? t('alarms.resolveDialog.title')}</h2>
        <fieldset className="resolve-dialog__dispositions">
          <legend>{t('alarms.resolveDialog.disposition')}</legend>
          {DISPOSITIONS.map((value) => (
            <label key={value} className="disposition-option" data-testid={`disposition-${value}`}>
              <input
                type="radio"
                name="disposition"
                value={value}
                checked={disposition === value}
                onChange={() => setDisposition(value)}
              />
              <span>{t(`disposition.${value}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="resolve-dialog__note">
          <span>{t('alarms.resolveDialog.note')}</span>
          <textarea
            data-testid="resolve-note"
            rows={3}
            maxLength={1000}
            value={note}
            placeholder={t('alarms.resolveDialog.notePlaceholder')}
            onChange={(event) => setNote(event.target.value)}
          />
        </label>
        <div className="resolve-dialog__buttons">
          <button type="button" className="button button--quiet" data-testid="resolve-cancel" onClick={onClose}>
            {t('alarms.resolveDialog.cancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="resolve-confirm" disabled={!disposition}>
            {t('alarms.resolveDialog.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
