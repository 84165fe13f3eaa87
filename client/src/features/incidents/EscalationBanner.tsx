import { can, type Alarm } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../lib/useNow';
import { screenNow } from '../../lib/screenClock';
import { useCanSendCommands } from '../../realtime/useStale';
import { PriorityBadge } from '../alarms/PriorityBadge';
import { useAlarmCommands } from '../alarms/useAlarmCommands';
import { useAlarmPlace } from '../alarms/useAlarmPlace';
import { OpenIncidentButton } from './OpenIncidentButton';
import { useEscalatedAlarms, useRole } from './useIncidents';
import { useEscalationTone } from './useEscalationTone';
import './incidents.css';

/** Escalated top-priority alarms across the top of /command and the console, with sound, until acknowledged. */
export function EscalationBanner() {
  const { t } = useTranslation();
  const alarms = useEscalatedAlarms();
  useEscalationTone();
  if (alarms.length === 0) return null;
  return (
    <section className="escalation-banner" role="alert" aria-label={t('incidents.escalation.title')} data-testid="escalation-banner">
      <span className="escalation-banner__title">
        <svg className="escalation-banner__icon" viewBox="0 0 20 20" aria-hidden="true">
          <polygon points="10,1.5 19,18 1,18" />
        </svg>
        {t('incidents.escalation.title')}
      </span>
      <ul className="escalation-banner__alarms">
        {alarms.map((alarm) => (
          <EscalatedAlarm key={alarm.id} alarm={alarm} />
        ))}
      </ul>
    </section>
  );
}

function EscalatedAlarm({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const place = useAlarmPlace(alarm);
  const role = useRole();
  const commands = useAlarmCommands(alarm.id);
  const canSend = useCanSendCommands();
  useNow(1000);
  const seconds = Math.max(0, Math.round((screenNow() - Date.parse(alarm.firstAt)) / 1000));
  return (
    <li className="escalated-alarm" data-testid="escalated-alarm" data-alarm-id={alarm.id}>
      <PriorityBadge priority={alarm.priority} />
      <span className="escalated-alarm__line">{t('incidents.escalation.line', { kind: t(`alarmKind.${alarm.kind}`), place: place.label, seconds })}</span>
      {role && can(role, 'alarms.handle') && (
        <button type="button" className="button button--small button--primary" disabled={!canSend || commands.status?.phase === 'pending'} onClick={() => commands.run('acknowledge')} data-testid="escalated-ack">
          {t('incidents.escalation.acknowledge')}
        </button>
      )}
      <OpenIncidentButton alarm={alarm} />
    </li>
  );
}
