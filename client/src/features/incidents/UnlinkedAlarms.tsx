import { isOpen } from '@vigil/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PriorityBadge } from '../alarms/PriorityBadge';
import { useAlarmStore } from '../alarms/alarmStore';
import { useAlarmPlace } from '../alarms/useAlarmPlace';
import type { Alarm } from '@vigil/shared';
import { OpenIncidentButton } from './OpenIncidentButton';

/** Open alarms not yet in an incident, most urgent first: where the commander opens one from. */
export function UnlinkedAlarms() {
  const { t } = useTranslation();
  const alarms = useAlarmStore((store) => store.live.alarms);
  const incidents = useAlarmStore((store) => store.live.incidents);
  const open = useMemo(
    () =>
      [...alarms.values()]
        .filter((alarm) => isOpen(alarm.state) && !(alarm.incidentId && incidents.has(alarm.incidentId)))
        .sort((a, b) => a.priority - b.priority || b.lastAt.localeCompare(a.lastAt))
        .slice(0, 12),
    [alarms, incidents],
  );
  if (open.length === 0) return null;
  return (
    <section className="unlinked-alarms" data-testid="unlinked-alarms">
      <h3 className="incident-list__subtitle">{t('alarms.queueTitle')}</h3>
      <ul>
        {open.map((alarm) => (
          <UnlinkedAlarm key={alarm.id} alarm={alarm} />
        ))}
      </ul>
    </section>
  );
}

function UnlinkedAlarm({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const place = useAlarmPlace(alarm);
  return (
    <li className="unlinked-alarm" data-testid="unlinked-alarm" data-alarm-id={alarm.id}>
      <PriorityBadge priority={alarm.priority} />
      <span className="unlinked-alarm__text">
        {t(`alarmKind.${alarm.kind}`)} · {place.label}
      </span>
      <OpenIncidentButton alarm={alarm} />
    </li>
  );
}
