import { randomUUID } from 'node:crypto';
import type { Incident, IncidentLocation, IncidentState, IncidentType } from '@vigil/shared';
import { eq } from 'drizzle-orm';
import { incidents } from '../../src/db/schema/index.js';
import { runCommand } from '../../src/services/append.js';
import { appendIncidentEvent } from '../../src/services/dispatch/incident-log.js';
import type { TestServer } from './server.js';

let counter = 0;

/**
 * An incident opened through the one append path (`incident.opened` and its row), as the
 * incident service will write it; for dispatch tests until that service is merged.
 */
export async function openIncident(
  server: TestServer,
  fields: { siteId?: string; type?: IncidentType; location?: IncidentLocation | null; state?: IncidentState; title?: string } = {},
): Promise<Incident> {
  counter += 1;
  const deps = server.app.deps;
  const now = deps.clock();
  const incident: Incident = {
    id: randomUUID(),
    siteId: fields.siteId ?? 'test',
    number: `T${now.getTime().toString(36)}-${counter}`,
    type: fields.type ?? 'fire',
    level: 2,
    title: fields.title ?? `Test incident ${counter}`,
    state: fields.state ?? 'in_progress',
    location: fields.location === undefined ? { position: [100, 60], floor: 0, zoneId: null } : fields.location,
    alarmIds: [],
    owner: null,
    openedAt: now.toISOString(),
    openedBy: { id: 'test', name: 'Test commander' },
    resolvedAt: null,
    closedAt: null,
    summary: null,
    plan: null,
    timeline: [],
  };
  await runCommand(deps, { stream: deps.stream }, async (log) => {
    const row = {
      id: incident.id,
      stream: log.stream,
      siteId: incident.siteId,
      number: incident.number,
      type: incident.type,
      level: incident.level,
      title: incident.title,
      state: incident.state,
      location: incident.location,
      alarmIds: incident.alarmIds,
      openedAt: log.now,
      openedById: incident.openedBy.id,
      openedByName: incident.openedBy.name,
    };
    await appendIncidentEvent(log, log.tx.insert(incidents).values(row).returning({ id: incidents.id }), {
      type: 'incident.opened',
      siteId: incident.siteId,
      actor: { kind: 'system', id: 'test', name: 'test' },
      payload: { incident: { ...incident, openedAt: log.now.toISOString() } },
    });
  });
  return incident;
}

/** Sets an incident's state in its row and with `incident.stateChanged` (resolve, close). */
export async function setIncidentState(server: TestServer, incident: Incident, state: IncidentState): Promise<void> {
  const deps = server.app.deps;
  await runCommand(deps, { stream: deps.stream }, async (log) => {
    await appendIncidentEvent(log, log.tx.update(incidents).set({ state }).where(eq(incidents.id, incident.id)).returning({ id: incidents.id }), {
      type: 'incident.stateChanged',
      siteId: incident.siteId,
      actor: { kind: 'system', id: 'test', name: 'test' },
      payload: { incidentId: incident.id, state, previous: incident.state, note: null, summary: null },
    });
  });
}
