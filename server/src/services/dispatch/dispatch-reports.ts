import { reportPhotoType, type DispatchReportFields, type ReportPhotoType, type TimelineEntry, type User } from '@vigil/shared';
import { HttpError, badRequest, notFound } from '../../lib/http-error.js';
import { findIncidentPhoto, insertIncidentPhoto, wasDispatchedTo } from '../../repositories/dispatches.repository.js';
import { findGuardByUser } from '../../repositories/guards.repository.js';
import { incidentUpdate } from '../../repositories/incidents.repository.js';
import { runCommand } from '../append.js';
import type { Deps } from '../deps.js';
import { loadIncidentRow } from '../incidents/incident-access.js';
import { appendIncidentEvent, idFromCommand, personOf, userActor } from '../incidents/incident-log.js';
import { asDispatchedGuard, dispatchFor } from './dispatch-access.js';

export interface ReportAnswer {
  seq: number;
  entryId: string;
  photoId: string | null;
}

/** The photo's type by its bytes; 415 naming the field when it is not a JPEG, PNG or WebP. */
function checkPhoto(photo: Uint8Array | null): ReportPhotoType | null {
  if (!photo) return null;
  const checked = reportPhotoType(photo);
  if (!checked.ok) throw new HttpError(checked.status, checked.status === 400 ? 'validation' : 'unsupported_media_type', checked.message);
  return checked.type;
}

/**
 * A report back on a dispatch (the guard's own, or an operator's or commander's): a note and
 * optionally one photo, checked by its bytes, stored in `incident_photos` in the same
 * transaction as the `incident.entryAdded` (kind `report`) that shows it on the timeline.
 * The entry's and photo's ids come from the command id: a retried upload answers the first.
 */
export async function reportOnDispatch(deps: Deps, dispatchId: string, fields: DispatchReportFields, photo: Uint8Array | null, user: User): Promise<ReportAnswer> {
  const type = checkPhoto(photo);
  if (!photo && fields.note.length === 0) throw badRequest('note: must not be empty when no photo is sent');
  const entryId = idFromCommand('report', fields.commandId);
  const photoId = photo ? idFromCommand('photo', fields.commandId) : null;
  const done = await runCommand(deps, { stream: deps.stream, command: { id: fields.commandId, userId: user.id, name: 'dispatch.report' } }, async (log) => {
    const dispatch = await dispatchFor(log, dispatchId, user);
    const incident = await loadIncidentRow(log.tx, dispatch.incidentId, asDispatchedGuard(user), log.stream);
    if (incident.state === 'closed') {
      throw new HttpError(409, 'invalid_state', `state: incident ${incident.number} is closed`, { field: 'state', rule: 'incidentNotOpen', state: incident.state });
    }
    if (photo && photoId && type) {
      await insertIncidentPhoto(log.tx, { id: photoId, incidentId: incident.id, stream: log.stream, mime: type, bytes: Buffer.from(photo), size: photo.length, takenById: user.id, createdAt: log.now });
    }
    const entry: TimelineEntry = {
      id: entryId,
      at: log.now.toISOString(),
      kind: 'report',
      by: personOf(user),
      code: null,
      params: { guardId: dispatch.guardId, dispatchId: dispatch.id },
      text: fields.note.length > 0 ? fields.note : null,
      call: null,
      photoId,
      stricken: null,
    };
    // The entry row is written by appendIncidentEvent; the statement that goes with the event touches the incident.
    await appendIncidentEvent(log, incidentUpdate(log.tx, incident.id, { id: incident.id }), {
      type: 'incident.entryAdded',
      siteId: incident.siteId,
      actor: userActor(user),
      payload: { incidentId: incident.id, entry },
    });
  });
  return { seq: done.seq, entryId, photoId };
}

/**
 * A stored photo, for a signed-in user who may see the incident: its site's people
 * (incidents.read), and a guard only for incidents they were sent to. 404 otherwise.
 */
export async function readIncidentPhoto(deps: Deps, incidentId: string, photoId: string, user: User): Promise<{ mime: string; bytes: Uint8Array }> {
  const missing = () => notFound(`photoId: no photo "${photoId}" on incident "${incidentId}"`);
  const incident = await loadIncidentRow(deps.db, incidentId, asDispatchedGuard(user), deps.stream).catch(() => {
    throw missing();
  });
  if (user.role === 'guard') {
    const guard = await findGuardByUser(deps.db, user.id);
    if (!guard || !(await wasDispatchedTo(deps.db, deps.stream, incident.id, guard.id))) throw missing();
  }
  const photo = await findIncidentPhoto(deps.db, deps.stream, incident.id, photoId);
  if (!photo) throw missing();
  return { mime: photo.mime, bytes: photo.bytes };
}
