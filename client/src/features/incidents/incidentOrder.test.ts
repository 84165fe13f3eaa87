import { keyedOf, type Incident } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { buildDispatch, buildIncident } from '../../../../shared/src/testing/incident-fixtures';
import { incidentsToClose, isUnanswered, mostUrgentIncident, openIncidents } from './incidentOrder';

const byId = (incidents: Incident[]) => keyedOf(Object.fromEntries(incidents.map((incident) => [incident.id, incident])));
const ids = (incidents: Incident[]) => incidents.map((incident) => incident.id);

const incidents = byId([
  buildIncident({ id: 'level3-old', level: 3, openedAt: '2026-12-02T01:00:00.000Z' }),
  buildIncident({ id: 'level1-new', level: 1, openedAt: '2026-12-02T03:10:00.000Z' }),
  buildIncident({ id: 'level1-old', level: 1, openedAt: '2026-12-02T02:00:00.000Z' }),
  buildIncident({ id: 'level1-held', level: 1, state: 'on_hold', openedAt: '2026-12-02T01:30:00.000Z' }),
  buildIncident({ id: 'level2', level: 2, state: 'new', openedAt: '2026-12-02T03:00:00.000Z' }),
  buildIncident({ id: 'other-site', siteId: 'site-2', level: 1, openedAt: '2026-12-02T00:00:00.000Z' }),
  buildIncident({ id: 'resolved', level: 1, state: 'resolved', resolvedAt: '2026-12-02T03:20:00.000Z' }),
  buildIncident({ id: 'closed', level: 1, state: 'closed' }),
]);

describe('the incident list order', () => {
  it('puts the highest level first, on hold after the ones worked on, then the oldest first; resolved and closed left out', () => {
    expect(ids(openIncidents(incidents, 'site-1'))).toEqual(['level1-old', 'level1-new', 'level1-held', 'level2', 'level3-old']);
  });

  it('covers every site when none is given', () => {
    expect(ids(openIncidents(incidents))[0]).toBe('other-site');
  });

  it("gives the wall the site's most urgent open incident, or none", () => {
    expect(mostUrgentIncident(incidents, 'site-1')?.id).toBe('level1-old');
    expect(mostUrgentIncident(incidents, 'site-9')).toBeNull();
  });

  it('lists resolved incidents as still to close', () => {
    expect(ids(incidentsToClose(incidents))).toEqual(['resolved']);
  });
});

describe('an unanswered dispatch', () => {
  const sentAt = Date.parse('2026-12-02T03:00:00.000Z');
  it('is flagged 60 s after sending, or when the server said so, and only while still waiting for the guard', () => {
    expect(isUnanswered(buildDispatch(), sentAt + 59_000, 60)).toBe(false);
    expect(isUnanswered(buildDispatch(), sentAt + 60_000, 60)).toBe(true);
    expect(isUnanswered(buildDispatch({ unansweredAt: '2026-12-02T03:00:30.000Z' }), sentAt + 30_000, 60)).toBe(true);
    expect(isUnanswered(buildDispatch({ state: 'accepted' }), sentAt + 600_000, 60)).toBe(false);
  });
});
