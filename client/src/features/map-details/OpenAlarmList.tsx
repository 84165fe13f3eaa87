import type { Alarm } from '@vigil/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PriorityBadge } from '../alarms/PriorityBadge';
import { StormLine } from '../alarms/StormLine';
import { foldPart } from '../alarms/stormFold';
import { useQueue } from '../alarms/useQueue';
import { OpenIncidentButton } from '../incidents/OpenIncidentButton';

/** A place's open alarms, a storm among them as one line (as the queue folds it). */
export function OpenAlarmList({ alarms }: { alarms: readonly Alarm[] }) {
  const { t } = useTranslation();
  const { items } = useQueue();
  const shown = useMemo(() => foldPart(items, alarms), [items, alarms]);
  return (
    <section className="details-panel__alarms">
      <h3>{t('details.openAlarms')}</h3>
      {alarms.length === 0 ? (
        <p>{t('details.noOpenAlarms')}</p>
      ) : (
        <ul>
          {shown.map((item) =>
            item.type === 'storm' ? (
              <li key={item.part.storm.key}>
                <StormLine part={item.part} />
              </li>
            ) : (
              <li key={item.alarm.id}>
                <PriorityBadge priority={item.alarm.priority} /> {t(`alarmKind.${item.alarm.kind}`)} <OpenIncidentButton alarm={item.alarm} />
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
