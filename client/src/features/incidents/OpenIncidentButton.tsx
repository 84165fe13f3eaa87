import { can, isOpenIncident, type Alarm } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useInRouterContext, useNavigate } from 'react-router-dom';
import { replayLinkSearch, useReplaying } from '../../lib/screenClock';
import { useAlarmStore } from '../alarms/alarmStore';
import { OpenIncidentDialog } from './OpenIncidentDialog';
import { useRole } from './useIncidents';

/**
 * An alarm's way into an incident (the alarm queue, the console's details): the incident it is
 * in, or "Open incident" for those who may open one. Once opened, /command shows it.
 */
export function OpenIncidentButton({ alarm }: { alarm: Alarm }) {
  // The links lead to /command: pages without the app's router (the e2e test pages) show none.
  return useInRouterContext() ? <IncidentEntry alarm={alarm} /> : null;
}

function IncidentEntry({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const role = useRole();
  const navigate = useNavigate();
  const [opening, setOpening] = useState(false);
  // In a replay the link stays in the replay, at the moment shown; nothing is opened.
  const replaying = useReplaying();
  const incident = useAlarmStore((store) => (alarm.incidentId ? store.live.incidents.get(alarm.incidentId) : undefined));

  if (incident && isOpenIncident(incident)) {
    return (
      <Link className="button button--small incident-link" to={`/command?incident=${incident.id}${replaying ? `&${replayLinkSearch()}` : ''}`} data-testid="alarm-incident-link">
        {t('incidents.open.inIncident', { number: incident.number })}
      </Link>
    );
  }
  if (replaying || !role || !can(role, 'incidents.open') || alarm.state === 'resolved') return null;
  return (
    <>
      <button type="button" className="button button--small open-incident-button" onClick={() => setOpening(true)} data-testid="open-incident">
        {t('incidents.open.button')}
      </button>
      {opening && (
        <OpenIncidentDialog
          alarm={alarm}
          onClose={() => setOpening(false)}
          onDone={(incidentId) => {
            setOpening(false);
            void navigate(`/command?incident=${incidentId}`);
          }}
        />
      )}
    </>
  );
}
