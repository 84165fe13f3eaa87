import type { Alarm } from '@vigil/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PriorityBadge } from '../alarms/PriorityBadge';
import { useAlarmStore } from '../alarms/alarmStore';
import { StormLine } from '../alarms/StormLine';
import { foldPart } from '../alarms/stormFold';
import { useAlarmPlace } from '../alarms/useAlarmPlace';
import { useQueue } from '../alarms/useQueue';
import { OpenIncidentButton } from './OpenIncidentButton';

/** How many lines the commander's list shows (a storm is one line). */
const SHOWN = 12;

/** Open alarms not yet in an incident, most urgent first, a storm as one line: where the commander opens one from. */
export function UnlinkedAlarms() {
  const { t } = useTranslation();
  const { open, items } = useQueue();
  const incidents = useAlarmStore((store) => store.live.incidents);
  const shown = useMemo(
    () =>
      foldPart(
        items,
        open.filter((alarm) => !(alarm.incidentId && incidents.has(alarm.incidentId))),
      ).slice(0, SHOWN),
    [open, items, incidents],
  );
  if (shown.length === 0) return null;
  return (
    <section className="unlinked-alarms" data-testid="unlinked-alarms">
      <h3 className="incident-list__subtitle">{t('alarms.queueTitle')}</h3>
      <ul>
        {shown.map((item) =>
          item.type === 'storm' ? (
            <li key={item.part.storm.key} className="unlinked-alarm" data-testid="unlinked-storm">
              <StormLine part={item.part} />
            </li>
          ) : (
            <UnlinkedAlarm key={item.alarm.id} alarm={item.alarm} />
          ),
        )}
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
