import { priorityBand, type Alarm } from '@vigil/shared';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRelative, formatTime } from '../../i18n/format';
import { useNow } from '../../lib/useNow';
import { OpenIncidentButton } from '../incidents/OpenIncidentButton';
import { AlarmActions } from './AlarmActions';
import { AlarmStateBadge } from './AlarmStateBadge';
import { useAlarmText } from './alarmText';
import { PriorityBadge } from './PriorityBadge';
import { useAlarmPlace } from './useAlarmPlace';

interface AlarmRowProps {
  alarm: Alarm;
  selected: boolean;
  canHandle: boolean;
  /** The floor the map shows: an alarm elsewhere says which floor it is on. */
  mapFloor: number;
  onFocus: (alarmId: string) => void;
  /** Ticked for a batch command; the tick is offered only to those who may handle alarms. */
  checked: boolean;
  onCheck: (alarmId: string, range: boolean) => void;
  /** In a virtualized list (a storm's members): where the row sits, and how the list measures it. */
  virtual?: { index: number; start: number; measure: (element: HTMLLIElement | null) => void };
}

/**
 * "2 minutes ago", re-rendered on its own as the clock moves: the row around it only when the
 * alarm changes (in a fast replay the clock moves many times a second).
 */
function RelativeTime({ at }: { at: string }) {
  const { i18n } = useTranslation();
  const now = useNow(5_000);
  return <span className="alarm-row__ago">{formatRelative(at, now, i18n.language)}</span>;
}

/** One open alarm: priority, kind, place, message, times, repeats, state, owner, and its actions. */
export const AlarmRow = memo(function AlarmRow({ alarm, selected, canHandle, mapFloor, onFocus, checked, onCheck, virtual }: AlarmRowProps) {
  const { t, i18n } = useTranslation();
  const place = useAlarmPlace(alarm);
  const textOf = useAlarmText();
  const rowRef = useRef<HTMLLIElement>(null);
  const band = priorityBand(alarm.priority);

  useEffect(() => {
    if (selected) rowRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);

  return (
    <li
      ref={(element) => {
        rowRef.current = element;
        virtual?.measure(element);
      }}
      data-index={virtual?.index}
      style={virtual ? { position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${virtual.start}px)` } : undefined}
      className={`alarm-row band-${band} alarm-row--${alarm.state}${selected ? ' alarm-row--selected' : ''}`}
      data-testid="alarm-row"
      data-alarm-id={alarm.id}
      data-state={alarm.state}
      data-priority={alarm.priority}
      data-checked={checked}
    >
      {canHandle && (
        <label className="alarm-row__check" title={t('wallOps.batch.hint')}>
          <input
            type="checkbox"
            data-testid="alarm-check"
            aria-label={t('wallOps.batch.check')}
            checked={checked}
            onChange={(event) => onCheck(alarm.id, 'shiftKey' in event.nativeEvent && event.nativeEvent.shiftKey === true)}
          />
        </label>
      )}
      <button type="button" className="alarm-row__focus" onClick={() => onFocus(alarm.id)} aria-pressed={selected}>
        <span className="alarm-row__head">
          <PriorityBadge priority={alarm.priority} />
          <span className="alarm-row__kind" data-testid="alarm-kind">
            {t(`alarmKind.${alarm.kind}`)}
          </span>
          {alarm.count > 1 && (
            <span className="alarm-row__repeat" data-testid="alarm-count" title={t('alarms.repeatTitle', { count: alarm.count })}>
              {t('alarms.repeat', { count: alarm.count })}
            </span>
          )}
          <AlarmStateBadge state={alarm.state} />
        </span>
        <span className="alarm-row__place">
          {place.label}
          {place.floor !== null && place.floor !== mapFloor && place.floorName && (
            <span className="alarm-row__floor">{t('alarms.otherFloor', { floor: place.floorName })}</span>
          )}
          {place.position === null && <span className="alarm-row__floor">{t('alarms.notOnMap')}</span>}
        </span>
        <span className="alarm-row__message" data-testid="alarm-message">{textOf(alarm)}</span>
        <span className="alarm-row__meta">
          <time dateTime={alarm.firstAt}>{formatTime(alarm.firstAt, i18n.language)}</time>
          <RelativeTime at={alarm.lastAt} />
          {alarm.owner && alarm.state !== 'new' && (
            <span className="alarm-row__owner" data-testid="alarm-owner">
              {t('alarms.owner', { name: alarm.owner.name })}
            </span>
          )}
        </span>
      </button>
      {canHandle && <AlarmActions alarm={alarm} />}
      {canHandle && <OpenIncidentButton alarm={alarm} />}
    </li>
  );
});
