import { priorityBand, type Takeover } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import { AlarmStateBadge } from '../alarms/AlarmStateBadge';
import { PriorityBadge } from '../alarms/PriorityBadge';
import { useAlarmPlace } from '../alarms/useAlarmPlace';

/** The alarm that took the monitor over (报警联动): what, where, since when, how often, and its cameras. */
export function TakeoverBanner({ takeover }: { takeover: Takeover }) {
  const { t, i18n } = useTranslation();
  const { alarm, view } = takeover;
  const place = useAlarmPlace(alarm);
  const cameras = view.tiles.filter((tile) => tile.kind === 'camera').length;
  return (
    <section
      className={`takeover-banner band-${priorityBand(alarm.priority)}`}
      data-testid="takeover-banner"
      data-alarm-id={alarm.id}
      role="alert"
      aria-label={t('monitor.takeover.title')}
    >
      <span className="takeover-banner__title">{t('monitor.takeover.title')}</span>
      <PriorityBadge priority={alarm.priority} />
      <span className="takeover-banner__kind" data-testid="takeover-kind">
        {t(`alarmKind.${alarm.kind}`)}
      </span>
      <span className="takeover-banner__place" data-testid="takeover-place">
        {place.label}
      </span>
      <time className="takeover-banner__time" dateTime={alarm.firstAt}>
        {t('monitor.takeover.since', { time: formatTime(alarm.firstAt, i18n.language) })}
      </time>
      {alarm.count > 1 && <span className="takeover-banner__count">{t('monitor.takeover.count', { count: alarm.count })}</span>}
      <AlarmStateBadge state={alarm.state} />
      <span className="takeover-banner__cameras">
        {cameras > 0 ? t('monitor.takeover.cameras', { count: cameras }) : t('monitor.takeover.noCameras')}
      </span>
    </section>
  );
}
