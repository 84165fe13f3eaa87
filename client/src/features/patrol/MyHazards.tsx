import { MAX_HAZARD_NOTE_CHARS, type Hazard, type Site } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { formatTime } from '../../i18n/format';
import { newCommandId } from '../../lib/ids';
import { useAlarmStore } from '../alarms/alarmStore';
import { HazardPhotos, useHazardPlace } from './HazardPhotos';
import { rectifyHazard } from './patrolApi';

/**
 * 我的整改: the hazards given to this guard's login to fix. Each is marked rectified from here
 * with what was done; it then waits for the commander's verification and goes once verified.
 */
export function MyHazards({ userId, site }: { userId: string; site: Site | undefined }) {
  const { t } = useTranslation();
  const hazards = useAlarmStore((store) => store.live.hazards);
  const mine = [...hazards.values()]
    .filter((hazard) => hazard.assignee?.id === userId && (hazard.state === 'assigned' || hazard.state === 'rectified'))
    .sort((a, b) => (a.state === b.state ? (a.assignedAt ?? '').localeCompare(b.assignedAt ?? '') : a.state === 'assigned' ? -1 : 1));
  if (mine.length === 0) return null;
  return (
    <section className="my-hazards" data-testid="my-hazards" aria-labelledby="my-hazards-title">
      <h3 id="my-hazards-title" className="my-hazards__title">
        {t('patrol.hazard.mine', { count: mine.filter((hazard) => hazard.state === 'assigned').length })}
      </h3>
      <ul className="my-hazards__list">
        {mine.map((hazard) => (
          <MyHazard key={hazard.id} hazard={hazard} site={site} />
        ))}
      </ul>
    </section>
  );
}

function MyHazard({ hazard, site }: { hazard: Hazard; site: Site | undefined }) {
  const { t, i18n } = useTranslation();
  const placeOf = useHazardPlace(site);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' } | { kind: 'failed'; detail: string }>({ kind: 'idle' });

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'sending' });
    rectifyHazard(hazard.id, newCommandId(), note.trim()).then(
      () => {
        setState({ kind: 'idle' });
        setOpen(false);
      },
      (error: unknown) => setState({ kind: 'failed', detail: describeError(error, t) }),
    );
  };

  return (
    <li className="my-hazard" data-testid="my-hazard" data-hazard={hazard.id} data-state={hazard.state}>
      <p className="my-hazard__note">{hazard.note}</p>
      <p className="my-hazard__meta">
        {placeOf(hazard)} · {t('patrol.hazard.reportedBy', { name: hazard.reportedBy.name, time: formatTime(hazard.reportedAt, i18n.language) })}
      </p>
      <HazardPhotos hazard={hazard} className="my-hazard__photos" />
      {hazard.state === 'rectified' && (
        <p className="patrol-card__notice" role="status" data-testid="my-hazard-waiting">
          {t('patrol.hazard.waitingVerify', { note: hazard.rectifyNote ?? '' })}
        </p>
      )}
      {hazard.state === 'assigned' && !open && (
        <div className="patrol-card__actions">
          <button type="button" className="primary" onClick={() => setOpen(true)} data-testid="my-hazard-rectify">
            {t('patrol.hazard.rectified')}
          </button>
        </div>
      )}
      {hazard.state === 'assigned' && open && (
        <form className="hazard-form" onSubmit={handleSubmit}>
          <label>
            {t('patrol.hazard.whatWasDone')}
            <textarea value={note} maxLength={MAX_HAZARD_NOTE_CHARS} required onChange={(event) => setNote(event.target.value)} data-testid="my-hazard-note" />
          </label>
          <div className="patrol-card__actions">
            <button type="submit" className="primary" disabled={state.kind === 'sending' || note.trim().length === 0} data-testid="my-hazard-send">
              {state.kind === 'sending' ? t('patrol.hazard.submitting') : t('patrol.hazard.submit')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('patrol.hazard.cancel')}
            </button>
          </div>
          {state.kind === 'failed' && (
            <p className="patrol-card__notice patrol-card__notice--bad" role="alert">
              {t('patrol.hazard.rectifyFailed', { detail: state.detail })}
            </p>
          )}
        </form>
      )}
    </li>
  );
}
