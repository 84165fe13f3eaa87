import type { DomainEvent } from '@vigil/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { describeError } from '../../i18n/describeError';
import { fetchTimeline, type AlarmTimeline } from './historyApi';

type Load = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; timeline: AlarmTimeline };

interface Described {
  what: string;
  note: string | null;
}
type Describers = { [K in DomainEvent['type']]?: (event: Extract<DomainEvent, { type: K }>, t: TFunction) => Described };

/** What each event an alarm's timeline holds did to the alarm, in the screen's language, with its note if it has one. */
const DESCRIBE: Describers = {
  'alarm.raised': (_, t) => ({ what: t('history.timeline.event.raised'), note: null }),
  'alarm.repeated': (event, t) => ({ what: t('history.timeline.event.repeated', { count: event.payload.count }), note: null }),
  'alarm.acknowledged': (event, t) => ({ what: t('history.timeline.event.acknowledged', { owner: event.payload.owner.name }), note: null }),
  'alarm.held': (event, t) => ({ what: t('history.timeline.event.held'), note: event.payload.note }),
  'alarm.resumed': (_, t) => ({ what: t('history.timeline.event.resumed'), note: null }),
  'alarm.resolved': (event, t) => ({ what: t('history.timeline.event.resolved', { disposition: t(`disposition.${event.payload.disposition}`) }), note: event.payload.note }),
  'alarm.escalated': (event, t) => ({ what: t('history.timeline.event.escalated', { after: event.payload.afterSec }), note: null }),
  'incident.alarmAttached': (_, t) => ({ what: t('history.timeline.event.attached'), note: null }),
  'wall.takeoverReleased': (_, t) => ({ what: t('history.timeline.event.released'), note: null }),
};

function describeEvent(event: DomainEvent, t: TFunction): Described {
  const describe = DESCRIBE[event.type] as ((event: DomainEvent, t: TFunction) => Described) | undefined;
  return describe ? describe(event, t) : { what: t('history.timeline.event.other', { type: event.type }), note: null };
}

/** One alarm's events in the order they happened (the log's order), beside the results. */
export function AlarmTimelinePanel({ alarmId, onClose, formatTime }: { alarmId: string; onClose: () => void; formatTime: (iso: string) => string }) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    setLoad({ status: 'loading' });
    fetchTimeline(alarmId).then(
      (timeline) => current && setLoad({ status: 'ready', timeline }),
      (error: unknown) => current && setLoad({ status: 'failed', message: describeError(error, t) }),
    );
    return () => {
      current = false;
    };
  }, [alarmId, t]);

  return (
    <aside className="history-timeline" aria-label={t('history.timeline.title')} data-testid="alarm-timeline">
      <header className="history-timeline__header">
        <h2>{t('history.timeline.title')}</h2>
        <button type="button" className="button button--quiet button--small" onClick={onClose} data-testid="close-timeline">
          {t('history.timeline.close')}
        </button>
      </header>
      {load.status === 'loading' && <p className="history__note">{t('history.timeline.loading')}</p>}
      {load.status === 'failed' && (
        <p className="history__note history__note--error" role="alert">
          {t('history.timeline.failed', { message: load.message })}
        </p>
      )}
      {load.status === 'ready' && (
        <>
          <p className="history-timeline__message">{load.timeline.alarm.message}</p>
          {load.timeline.alarm.incidentId && <p className="history__note">{t('history.timeline.incident')}</p>}
          {load.timeline.events.length === 0 && <p className="history__note">{t('history.timeline.empty')}</p>}
          <ol className="history-timeline__events">
            {load.timeline.events.map((event) => {
              const { what, note } = describeEvent(event, t);
              return (
                <li key={event.seq} className="history-timeline__event" data-testid="timeline-event" data-type={event.type}>
                  <time dateTime={event.at}>{formatTime(event.at)}</time>
                  <span className="history-timeline__what">{what}</span>
                  <span className="history-timeline__who">{event.actor.name || t('history.timeline.system')}</span>
                  {note && <span className="history-timeline__note">{t('history.timeline.note', { note })}</span>}
                </li>
              );
            })}
          </ol>
          {load.timeline.truncated && <p className="history__note">{t('history.timeline.truncated', { count: load.timeline.events.length })}</p>}
        </>
      )}
    </aside>
  );
}
