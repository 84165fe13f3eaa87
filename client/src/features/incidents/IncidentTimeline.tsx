import { CALL_PARTIES, can, type CallParty, type Incident, type TimelineEntry } from '@vigil/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import { newCommandId } from '../../lib/ids';
import { serverNow } from '../../realtime/serverClock';
import { useCanSendCommands } from '../../realtime/useStale';
import { callMoment, localTimeOf } from './callTime';
import { ReasonDialog } from './ReasonDialog';
import { useIncidentCommand } from './useIncidentCommand';
import { useRole } from './useIncidents';
import { useTimelineText } from './useTimelineText';

export const photoUrl = (incidentId: string, photoId: string) => `/api/v1/incidents/${encodeURIComponent(incidentId)}/photos/${encodeURIComponent(photoId)}`;

/** Everything that happened, newest first: Vigil's entries, notes, calls, photos; a correction strikes through. */
export function IncidentTimeline({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const role = useRole();
  const entries = useMemo(() => [...incident.timeline].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id)), [incident.timeline]);
  const [striking, setStriking] = useState<TimelineEntry | null>(null);
  const strike = useIncidentCommand();
  const mayNote = role !== null && can(role, 'incidents.open');
  const mayStrike = role !== null && can(role, 'incidents.run');

  const handleStrike = async (reason: string) =>
    striking !== null && (await strike.send('incident.strikeEntry', { commandId: newCommandId(), incidentId: incident.id, entryId: striking.id, reason })) !== null;

  return (
    <section className="incident-timeline" aria-labelledby="timeline-title" data-testid="incident-timeline">
      <h3 id="timeline-title" className="command__panel-title">
        {t('incidents.timeline.title')}
      </h3>
      {mayNote && incident.state !== 'closed' && <TimelineForms incident={incident} />}
      {entries.length === 0 && <p className="incident-timeline__empty">{t('incidents.timeline.empty')}</p>}
      <ol className="incident-timeline__entries">
        {entries.map((entry) => (
          <TimelineLine key={entry.id} incident={incident} entry={entry} onStrike={mayStrike && !entry.stricken ? setStriking : undefined} />
        ))}
      </ol>
      {striking && (
        <ReasonDialog
          testId="strike-dialog"
          title={t('incidents.timeline.strike')}
          label={t('incidents.timeline.strikeReason')}
          confirm={t('incidents.timeline.strikeConfirm')}
          error={strike.error}
          onConfirm={handleStrike}
          onClose={() => {
            strike.clear();
            setStriking(null);
          }}
        />
      )}
    </section>
  );
}

function TimelineLine({ incident, entry, onStrike }: { incident: Incident; entry: TimelineEntry; onStrike?: (entry: TimelineEntry) => void }) {
  const { t, i18n } = useTranslation();
  const autoText = useTimelineText(incident);
  const time = (iso: string) => formatTime(iso, i18n.language);
  const words = (() => {
    switch (entry.kind) {
      case 'auto':
        return autoText(entry);
      case 'call':
        return [entry.call ? t('incidents.timeline.call', { party: t(`incidents.party.${entry.call.party}`), time: time(entry.call.at) }) : null, entry.text].filter(Boolean).join(' — ');
      case 'photo':
        return entry.text ?? t('incidents.timeline.photo');
      case 'note':
      case 'report':
        return entry.text ?? '';
    }
  })();
  return (
    <li className={`timeline-entry timeline-entry--${entry.kind}${entry.stricken ? ' timeline-entry--stricken' : ''}`} data-testid="timeline-entry" data-kind={entry.kind} data-stricken={entry.stricken !== null}>
      <time className="timeline-entry__time" dateTime={entry.at}>
        {time(entry.at)}
      </time>
      <span className="timeline-entry__by">{entry.by?.name ?? t('incidents.timeline.system')}</span>
      <span className="timeline-entry__text">
        <span className="timeline-entry__words">{words}</span>
        {entry.photoId && (
          <a href={photoUrl(incident.id, entry.photoId)} target="_blank" rel="noreferrer" className="timeline-entry__photo">
            <img src={photoUrl(incident.id, entry.photoId)} alt={t('incidents.timeline.photo')} loading="lazy" />
          </a>
        )}
        {entry.stricken && (
          <span className="timeline-entry__stricken" data-testid="stricken-reason">
            {t('incidents.timeline.stricken', { name: entry.stricken.by.name, time: time(entry.stricken.at), reason: entry.stricken.reason })}
          </span>
        )}
      </span>
      {onStrike && (
        <button type="button" className="button button--small button--quiet timeline-entry__strike" onClick={() => onStrike(entry)} data-testid="strike-entry">
          {t('incidents.timeline.strike')}
        </button>
      )}
    </li>
  );
}

/** Add a note; log a call (who, when: now unless changed, what was said). */
function TimelineForms({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const canSend = useCanSendCommands();
  const note = useIncidentCommand();
  const call = useIncidentCommand();
  const [noteText, setNoteText] = useState('');
  const [calling, setCalling] = useState(false);
  const [party, setParty] = useState<CallParty>('fire_119');
  const [calledAt, setCalledAt] = useState('');
  const [callText, setCallText] = useState('');

  const handleNote = (event: FormEvent) => {
    event.preventDefault();
    if (noteText.trim() === '') return;
    void note.send('incident.addEntry', { commandId: newCommandId(), incidentId: incident.id, kind: 'note', text: noteText.trim() }).then((ack) => {
      if (ack) setNoteText('');
    });
  };
  const handleCall = (event: FormEvent) => {
    event.preventDefault();
    const at = callMoment(calledAt, serverNow()) ?? undefined;
    void call
      .send('incident.addEntry', { commandId: newCommandId(), incidentId: incident.id, kind: 'call', party, at, text: callText.trim() || undefined })
      .then((ack) => {
        if (!ack) return;
        setCalling(false);
        setCallText('');
      });
  };
  const openCall = () => {
    setCalledAt(localTimeOf(serverNow()));
    setCalling(true);
  };

  return (
    <div className="timeline-forms">
      <form className="timeline-forms__note" onSubmit={handleNote}>
        <input
          className="input"
          value={noteText}
          onChange={(event) => setNoteText(event.target.value)}
          placeholder={t('incidents.timeline.notePlaceholder')}
          aria-label={t('incidents.timeline.addNote')}
          maxLength={2000}
          data-testid="note-text"
        />
        <button type="submit" className="button button--small" disabled={!canSend || note.pending || noteText.trim() === ''} data-testid="add-note">
          {t('incidents.timeline.addNote')}
        </button>
        <button type="button" className="button button--small" disabled={!canSend} onClick={openCall} data-testid="log-call">
          {t('incidents.timeline.logCall')}
        </button>
      </form>
      {note.error && <p className="incident-error">{note.error}</p>}
      {calling && (
        <form className="timeline-forms__call" onSubmit={handleCall} data-testid="call-form">
          <label>
            <span>{t('incidents.timeline.party')}</span>
            <select className="select" value={party} onChange={(event) => setParty(event.target.value as CallParty)} data-testid="call-party">
              {CALL_PARTIES.map((value) => (
                <option key={value} value={value}>
                  {t(`incidents.party.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('incidents.timeline.calledAt')}</span>
            <input className="input input--small" type="time" step={1} value={calledAt} onChange={(event) => setCalledAt(event.target.value)} />
          </label>
          <input className="input" value={callText} onChange={(event) => setCallText(event.target.value)} placeholder={t('incidents.timeline.callNote')} maxLength={2000} />
          <button type="submit" className="button button--small button--primary" disabled={!canSend || call.pending}>
            {t('incidents.timeline.save')}
          </button>
          <button type="button" className="button button--small button--quiet" onClick={() => setCalling(false)}>
            {t('incidents.skip.cancel')}
          </button>
          {call.error && <p className="incident-error">{call.error}</p>}
        </form>
      )}
    </div>
  );
}
