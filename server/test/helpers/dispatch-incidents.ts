import type { IncidentLocation, IncidentState, IncidentType } from '@vigil/shared';
import { command, commandId } from './dispatch.js';
import { buildAlarm } from './factories.js';
import { postAlarm, type TestClient, type TestServer } from './server.js';

export interface OpenedIncident {
  id: string;
  location: IncidentLocation | null;
}

/** An incident opened by hand on the map by this commander's socket (`incident.open`). */
export async function openIncident(
  commander: TestClient,
  fields: { location?: IncidentLocation; type?: IncidentType; title?: string; siteId?: string } = {},
): Promise<OpenedIncident> {
  const location = fields.location ?? { position: [100, 60], floor: 0, zoneId: null };
  const ack = await command(commander, 'incident.open', {
    commandId: commandId('open'),
    siteId: fields.siteId ?? 'test',
    type: fields.type ?? 'fire',
    title: fields.title ?? 'Test incident',
    location,
  });
  if (!ack.ok) throw new Error(`incident.open failed: ${JSON.stringify(ack)}`);
  return { id: ack.incidentId as string, location };
}

/** An incident opened from an alarm that came with no place (no device, no zone). */
export async function openIncidentWithoutPlace(server: TestServer, commander: TestClient): Promise<OpenedIncident> {
  const alarm = await postAlarm(server, buildAlarm({ siteId: 'test' }));
  if (alarm.status !== 201) throw new Error(`alarm failed: ${alarm.status}`);
  const ack = await command(commander, 'incident.open', { commandId: commandId('open'), alarmIds: [alarm.body.alarm.id] });
  if (!ack.ok) throw new Error(`incident.open failed: ${JSON.stringify(ack)}`);
  return { id: ack.incidentId as string, location: null };
}

/** `incident.setState` by this commander (resolve, hold). */
export async function setIncidentState(commander: TestClient, incident: OpenedIncident, state: Exclude<IncidentState, 'new' | 'closed'>): Promise<void> {
  const ack = await command(commander, 'incident.setState', { commandId: commandId('state'), incidentId: incident.id, state });
  if (!ack.ok) throw new Error(`incident.setState failed: ${JSON.stringify(ack)}`);
}
