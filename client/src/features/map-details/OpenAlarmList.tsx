import type { Alarm } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { PriorityBadge } from '../alarms/PriorityBadge';
import { OpenIncidentButton } from '../incidents/OpenIncidentButton';

export function OpenAlarmList({ alarms }: { alarms: readonly Alarm[] }) {
  const { t } = useTranslation();
  return (
    <section className="details-panel__alarms">
      <h3>{t('details.openAlarms')}</h3>
      {alarms.length === 0 ? (
        <p>{t('details.noOpenAlarms')}</p>
      ) : (
        <ul>
          {alarms.map((alarm) => (
            <li key={alarm.id}>
              <PriorityBadge priority={alarm.priority} /> {t(`alarmKind.${alarm.kind}`)} <OpenIncidentButton alarm={alarm} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
