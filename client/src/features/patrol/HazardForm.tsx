import { MAX_HAZARD_PHOTOS } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { newCommandId } from '../../lib/ids';
import { compressPhoto } from '../guard-dispatch/compressPhoto';
import { addHazardPhoto, reportHazard } from './patrolApi';

/** 隐患上报: a note and photos (made smaller on the phone), at the guard's checkpoint or position. */
export function HazardForm({ siteId, tourId, deviceId, position, floor, onDone }: { siteId: string; tourId: string | null; deviceId: string | null; position: [number, number] | null; floor: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'sent' } | { kind: 'failed'; detail: string }>({ kind: 'idle' });

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'sending' });
    const commandId = newCommandId();
    void (async () => {
      const hazard = await reportHazard({ commandId, siteId, note, deviceId, tourId, position: deviceId ? null : position, floor });
      for (const [index, file] of files.entries()) {
        const { blob } = await compressPhoto(file);
        await addHazardPhoto(hazard.id, `${commandId}-p${index}`, blob);
      }
    })().then(
      () => {
        setState({ kind: 'sent' });
        setNote('');
        setFiles([]);
        onDone();
      },
      (error: unknown) => setState({ kind: 'failed', detail: describeError(error, t) }),
    );
  };

  return (
    <form className="hazard-form" onSubmit={handleSubmit} data-testid="hazard-form">
      <label>
        {t('patrol.hazard.note')}
        <textarea value={note} maxLength={1000} required onChange={(event) => setNote(event.target.value)} data-testid="hazard-note" />
      </label>
      <label>
        {t('patrol.hazard.photos', { count: MAX_HAZARD_PHOTOS })}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          multiple
          onChange={(event) => setFiles([...(event.target.files ?? [])].slice(0, MAX_HAZARD_PHOTOS))}
          data-testid="hazard-photos"
        />
      </label>
      <button type="submit" disabled={state.kind === 'sending' || note.trim().length === 0}>
        {state.kind === 'sending' ? t('patrol.hazard.submitting') : t('patrol.hazard.submit')}
      </button>
      {state.kind === 'sent' && <p className="patrol-card__notice" role="status">{t('patrol.hazard.sent')}</p>}
      {state.kind === 'failed' && (
        <p className="patrol-card__notice patrol-card__notice--bad" role="alert">
          {t('patrol.hazard.failed', { detail: state.detail })}
        </p>
      )}
    </form>
  );
}
