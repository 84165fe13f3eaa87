import { isEscalatedUntaken, type Alarm, type Dispatch, type Incident, type Role } from '@vigil/shared';
import { useMemo } from 'react';
import { useAlarmStore } from '../alarms/alarmStore';
import { useSession } from '../auth/sessionStore';
import { dispatchesOf, incidentsToClose, openIncidents } from './incidentOrder';

/** Incidents and dispatches live in the same LiveState as the alarms (one reducer, one socket). */

export function useOpenIncidents(siteId: string | null = null): Incident[] {
  const incidents = useAlarmStore((store) => store.live.incidents);
  return useMemo(() => openIncidents(incidents, siteId), [incidents, siteId]);
}

export function useIncidentsToClose(): Incident[] {
  const incidents = useAlarmStore((store) => store.live.incidents);
  return useMemo(() => incidentsToClose(incidents), [incidents]);
}

export function useIncident(incidentId: string | null): Incident | undefined {
  return useAlarmStore((store) => (incidentId ? store.live.incidents.get(incidentId) : undefined));
}

export function useIncidentDispatches(incidentId: string): Dispatch[] {
  const dispatches = useAlarmStore((store) => store.live.dispatches);
  return useMemo(() => dispatchesOf(dispatches, incidentId), [dispatches, incidentId]);
}

/** Top-priority alarms escalated to the commander and still not taken (acknowledged, or opened as an incident). */
export function useEscalatedAlarms(): Alarm[] {
  const alarms = useAlarmStore((store) => store.live.alarms);
  return useMemo(
    () =>
      [...alarms.values()]
        .filter(isEscalatedUntaken)
        .sort((a, b) => a.priority - b.priority || a.firstAt.localeCompare(b.firstAt)),
    [alarms],
  );
}

export function useRole(): Role | null {
  return useSession((session) => session.user?.role ?? null);
}

/** A guard in words: callsign and name, or the id when the roster does not have it. */
export function useGuardName(): (guardId: string) => string {
  const guards = useAlarmStore((store) => store.live.guards);
  return useMemo(
    () => (guardId: string) => {
      const guard = guards.get(guardId);
      return guard ? `${guard.callsign} ${guard.name}` : guardId;
    },
    [guards],
  );
}
