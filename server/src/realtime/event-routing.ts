import {
  can,
  forFacilitators,
  guardAudience,
  rooms,
  type DomainEvent,
  type LiveState,
  type PositionsFrame,
  type Stream,
  type Viewer,
} from '@vigil/shared';
import type { VigilServer } from './socket-server.js';

export { viewerOf } from '../services/scope.js';

/** The rooms a socket of this viewer joins on the main namespace (besides `rooms.user`). */
export function roomsFor(viewer: Viewer, stream: Stream): string[] {
  if (viewer.role === 'guard') return [rooms.phone(viewer.userId, stream)];
  const facilitating = can(viewer.role, 'drills.run') ? [rooms.facilitators(stream)] : [];
  if (viewer.siteIds === null) return [rooms.stream(stream), ...facilitating];
  return [...viewer.siteIds.map((siteId) => rooms.site(siteId, stream)), ...facilitating];
}

/**
 * One committed event to everyone who may see it: the all-sites viewers, the viewers of its
 * site, and the phones of the guards it concerns (`guardAudience`, the same rule as `visibleTo`).
 * `state` is the live state with the event applied.
 */
export function routeEvent(io: VigilServer, event: DomainEvent, state: LiveState, to: Stream = event.stream): void {
  // This node's sockets only (`local`): every node's own broadcaster reads the log and sends each
  // event to its own sockets, so through the cluster adapter it would arrive once per node.
  if (forFacilitators(event)) {
    io.local.to(rooms.facilitators(to)).emit('event', event);
    return;
  }
  io.local.to([rooms.stream(to), rooms.site(event.siteId, to)]).emit('event', event);
  const phones = guardAudience(event, state).map((userId) => rooms.phone(userId, to));
  if (phones.length > 0) io.local.to(phones).emit('event', event);
  if (event.type === 'drill.ended') closeStreamSoon(io, event.stream);
}

/** After a drill's end has gone out, this node's sockets of its stream are closed; reconnecting, they are told it has ended. */
const DRILL_CLOSE_AFTER_MS = 1_000;

function closeStreamSoon(io: VigilServer, stream: Stream): void {
  setTimeout(() => {
    void io.local
      .fetchSockets()
      .then((sockets) => sockets.filter((socket) => socket.data.stream === stream).forEach((socket) => socket.disconnect(true)))
      .catch(() => undefined);
  }, DRILL_CLOSE_AFTER_MS).unref();
}

/** The sites whose positions a viewer's screen gets a full frame of after its sync: none on a guard's phone. */
export function frameSitesFor(viewer: Viewer, visibleSiteIds: string[]): string[] {
  return viewer.role === 'guard' ? [] : visibleSiteIds;
}

/**
 * A positions frame to this node's screens of its site; a guard's phone gets none. With several
 * nodes each builds its own frames from every node's fixes (shared as `vigil:fixes`), so one
 * throttle paces what a screen gets, however many nodes the trackers report to.
 */
export function routeFrame(io: VigilServer, frame: PositionsFrame, stream: Stream = 'live'): void {
  io.local.to([rooms.stream(stream), rooms.site(frame.siteId, stream)]).volatile.emit('positions', frame);
}
