import { isOpenIncident, type Incident } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useAlarmStore } from '../alarms/alarmStore';
import { useSiteIndex } from '../sites/siteStore';
import { IncidentStateBadge, LevelBadge } from './LevelBadge';
import { mostUrgentIncident } from './incidentOrder';
import { PlanChecklist } from './PlanChecklist';

/**
 * A monitor tile "incident checklist": the named incident, or (null) the site's most urgent open
 * one, its checklist in the wall variant (legible from three metres: the current step and its
 * clock dominate).
 */
export function IncidentTile({ incidentId }: { incidentId: string | null }) {
  const { t } = useTranslation();
  const siteId = useSiteIndex()?.site.id ?? null;
  const incident = useAlarmStore((store) => (incidentId ? store.live.incidents.get(incidentId) : mostUrgentIncident(store.live.incidents, siteId)));
  if (!incident || (incidentId !== null && !isOpenIncident(incident) && incident.state !== 'resolved')) {
    return (
      <div className="wall-tile__quiet" data-testid="incident-tile-empty">
        {incidentId ? t('incidents.wall.unknown') : t('incidents.wall.none')}
      </div>
    );
  }
  return <WallChecklist incident={incident} />;
}

/** The incident's head in wall size, then its checklist. */
export function WallChecklist({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  return (
    <div className="incident-tile" data-testid="incident-tile" data-incident-id={incident.id}>
      <header className="incident-tile__head">
        <LevelBadge level={incident.level} />
        <span className="incident-tile__type">{t(`incidents.type.${incident.type}`)}</span>
        <IncidentStateBadge state={incident.state} />
        <span className="incident-tile__number">{t('incidents.wall.incidentOf', { number: incident.number })}</span>
      </header>
      <PlanChecklist incident={incident} variant="wall" />
    </div>
  );
}

/**
 * Beside an alarm monitor's cameras (报警联动): the checklist of the open incident the alarm
 * belongs to, if any. Nothing otherwise, so the takeover looks as before.
 */
export function TakeoverChecklist({ alarmId }: { alarmId: string }) {
  const incident = useAlarmStore((store) => {
    const id = store.live.alarms.get(alarmId)?.incidentId;
    return id ? store.live.incidents.get(id) : undefined;
  });
  if (!incident || !isOpenIncident(incident)) return null;
  return (
    <aside className="takeover-checklist" data-testid="takeover-checklist">
      <WallChecklist incident={incident} />
    </aside>
  );
}
