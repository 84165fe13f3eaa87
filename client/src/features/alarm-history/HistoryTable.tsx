import type { Alarm } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { AlarmStateBadge } from '../alarms/AlarmStateBadge';
import { PriorityBadge } from '../alarms/PriorityBadge';

/** The results, newest first; a row opens the alarm's timeline. */
export function HistoryTable({
  alarms,
  openId,
  onOpen,
  placeOf,
  formatTime,
}: {
  alarms: readonly Alarm[];
  openId: string | null;
  onOpen: (alarm: Alarm) => void;
  placeOf: (alarm: Alarm) => string;
  formatTime: (iso: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <table className="history-table" data-testid="history-table">
      <thead>
        <tr>
          <th scope="col">{t('history.column.firstAt')}</th>
          <th scope="col">{t('history.column.priority')}</th>
          <th scope="col">{t('history.column.kind')}</th>
          <th scope="col">{t('history.column.place')}</th>
          <th scope="col">{t('history.column.message')}</th>
          <th scope="col">{t('history.column.count')}</th>
          <th scope="col">{t('history.column.state')}</th>
          <th scope="col">{t('history.column.disposition')}</th>
        </tr>
      </thead>
      <tbody>
        {alarms.map((alarm) => (
          <tr
            key={alarm.id}
            className={alarm.id === openId ? 'is-open' : undefined}
            data-testid="history-row"
            data-alarm-id={alarm.id}
            tabIndex={0}
            aria-selected={alarm.id === openId}
            onClick={() => onOpen(alarm)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onOpen(alarm);
              }
            }}
          >
            <td>
              <time dateTime={alarm.firstAt}>{formatTime(alarm.firstAt)}</time>
            </td>
            <td>
              <PriorityBadge priority={alarm.priority} />
            </td>
            <td>{t(`alarmKind.${alarm.kind}`)}</td>
            <td>{placeOf(alarm)}</td>
            <td className="history-table__message">{alarm.message}</td>
            <td>{alarm.count}</td>
            <td>
              <AlarmStateBadge state={alarm.state} />
            </td>
            <td>{alarm.disposition ? t(`disposition.${alarm.disposition}`) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
