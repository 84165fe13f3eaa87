import { MAX_HAZARD_NOTE_CHARS, isOpenHazard, type GuardLive, type Hazard, type Site } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { formatTime } from '../../i18n/format';
import { newCommandId } from '../../lib/ids';
import { useAlarmStore } from '../alarms/alarmStore';
import { HazardPhotos, useHazardPlace } from './HazardPhotos';
import { assignHazard, rectifyHazard, verifyHazard } from './patrolApi';

/**
 * The open hazards of a site on the console, newest first. A commander walks each one on:
 * open → assigned (to a guard of the site with a login) → rectified (with a note) → verified.
 */
export function HazardList({ site, mayHandle }: { site: Site; mayHandle: boolean }) {
  const { t } = useTranslation();
  const hazards = useAlarmStore((store) => store.live.hazards);
  const guards = useAlarmStore((store) => store.live.guards);
  const [error, setError] = useState<string | null>(null);
  const open = [...hazards.values()].filter((hazard) => hazard.siteId === site.id && isOpenHazard(hazard)).sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
  if (open.length === 0) return null;
  const people = [...guards.values()].filter((guard) => guard.siteId === site.id && guard.userId).sort((a, b) => a.callsign.localeCompare(b.callsign));
  const run = (command: Promise<unknown>) =>
    command.then(
      () => {
        setError(null);
        return true;
      },
      (reason: unknown) => {
        setError(describeError(reason, t));
        return false;
      },
    );
  return (
    <ul className="hazard-list" data-testid="hazard-list">
      {open.slice(0, 10).map((hazard) => (
        <HazardRow key={hazard.id} hazard={hazard} site={site} people={people} mayHandle={mayHandle} run={run} />
      ))}
      {error && (
        <li className="hazard-list__error" role="alert">
          {error}
        </li>
      )}
    </ul>
  );
}

type Run = (command: Promise<unknown>) => Promise<boolean>;

function HazardRow({ hazard, site, people, mayHandle, run }: { hazard: Hazard; site: Site; people: GuardLive[]; mayHandle: boolean; run: Run }) {
  const { t, i18n } = useTranslation();
  const placeOf = useHazardPlace(site);
  return (
    <li className="hazard-item" data-testid="hazard-item" data-state={hazard.state} data-hazard={hazard.id}>
      <div className="hazard-item__head">
        <span className={`hazard-state hazard-state--${hazard.state}`}>{t(`patrol.hazard.states.${hazard.state}`)}</span>
        <span className="hazard-item__note">{hazard.note}</span>
      </div>
      <div className="hazard-item__meta">
        {placeOf(hazard)} · {hazard.reportedBy.name} {formatTime(hazard.reportedAt, i18n.language)}
        <HazardPhotos hazard={hazard} className="hazard-item__photos" />
      </div>
      {hazard.assignee && (
        <div className="hazard-item__meta" data-testid="hazard-assignee">
          {t('patrol.hazard.assignedTo', { name: hazard.assignee.name })}
          {hazard.assignedAt ? ` · ${formatTime(hazard.assignedAt, i18n.language)}` : ''}
        </div>
      )}
      {hazard.state === 'rectified' && (
        <div className="hazard-item__rectified" data-testid="hazard-rectify-note">
          {t('patrol.hazard.rectifiedNote', { note: hazard.rectifyNote ?? '' })}
          {hazard.rectifiedAt ? ` · ${formatTime(hazard.rectifiedAt, i18n.language)}` : ''}
        </div>
      )}
      {mayHandle && hazard.state === 'open' && <AssignControl hazard={hazard} people={people} run={run} />}
      {mayHandle && hazard.state === 'assigned' && <RectifyControl hazard={hazard} run={run} />}
      {mayHandle && hazard.state === 'rectified' && (
        <div className="hazard-item__actions">
          <button type="button" className="button button--small button--primary" onClick={() => void run(verifyHazard(hazard.id, newCommandId()))} data-testid="hazard-verify">
            {t('patrol.hazard.verify')}
          </button>
        </div>
      )}
    </li>
  );
}

/** Open: choose a guard of the site who has a login, and give the hazard to them. */
function AssignControl({ hazard, people, run }: { hazard: Hazard; people: GuardLive[]; run: Run }) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState('');
  const [sending, setSending] = useState(false);
  if (people.length === 0) return <div className="hazard-item__meta">{t('patrol.hazard.nobodyToAssign')}</div>;
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!userId) return;
    setSending(true);
    void run(assignHazard(hazard.id, newCommandId(), userId)).then(() => setSending(false));
  };
  return (
    <form className="hazard-item__actions" onSubmit={handleSubmit}>
      <select className="select select--small" value={userId} onChange={(event) => setUserId(event.target.value)} aria-label={t('patrol.hazard.assignTo')} data-testid="hazard-assignee-select">
        <option value="">{t('patrol.hazard.chooseGuard')}</option>
        {people.map((guard) => (
          <option key={guard.id} value={guard.userId ?? ''}>
            {guard.callsign} · {guard.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small button--primary" disabled={!userId || sending} data-testid="hazard-assign">
        {t('patrol.hazard.assign')}
      </button>
    </form>
  );
}

/** Assigned: a commander may record the rectification (by radio, say), with a short note. */
function RectifyControl({ hazard, run }: { hazard: Hazard; run: Run }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  if (!open)
    return (
      <div className="hazard-item__actions">
        <button type="button" className="button button--small" onClick={() => setOpen(true)} data-testid="hazard-rectify-open">
          {t('patrol.hazard.markRectified')}
        </button>
      </div>
    );
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    void run(rectifyHazard(hazard.id, newCommandId(), note.trim())).then((done) => {
      setSending(false);
      if (done) setOpen(false);
    });
  };
  return (
    <form className="hazard-item__actions" onSubmit={handleSubmit}>
      <input
        className="input input--small hazard-item__input"
        value={note}
        maxLength={MAX_HAZARD_NOTE_CHARS}
        required
        placeholder={t('patrol.hazard.rectifyNote')}
        aria-label={t('patrol.hazard.rectifyNote')}
        onChange={(event) => setNote(event.target.value)}
        data-testid="hazard-rectify-input"
      />
      <button type="submit" className="button button--small button--primary" disabled={sending || note.trim().length === 0} data-testid="hazard-rectify-save">
        {t('patrol.hazard.save')}
      </button>
      <button type="button" className="button button--small button--quiet" onClick={() => setOpen(false)}>
        {t('patrol.hazard.cancel')}
      </button>
    </form>
  );
}
