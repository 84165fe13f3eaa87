import {
  emptyState,
  liveStateToJson,
  REPLAY_EVENTS_MAX,
  REPLAY_FIX_MAX_AGE_MS,
  REPLAY_MARKERS_MAX,
  REPLAY_POSITIONS_MAX,
  scopeState,
  visibleTo,
  type DomainEvent,
  type EventOf,
  type EventType,
  type ReplayEventsQuery,
  type ReplayEventsResponse,
  type ReplayMarker,
  type ReplayPositionsQuery,
  type ReplayPositionsResponse,
  type ReplayRangeQuery,
  type ReplayRangeResponse,
  type ReplayStateQuery,
  type ReplayStateResponse,
} from '@vigil/shared';
import type { Executor } from '../../db/client.js';
import { notFound } from '../../lib/http-error.js';
import { presentFix } from '../../presenters/position.presenter.js';
import { project } from '../../realtime/projection.js';
import { restoredState } from '../../replay/checkpoint-state.js';
import {
  checkpointAtOrBefore,
  lastEventAtOrBefore,
  lastFixesOf,
  positionsBetween,
  streamEventsBetween,
  streamEventsOfTypes,
  streamEventsUntil,
  streamExtent,
} from '../../repositories/replay.repository.js';
import { inScope, type ReadScope } from '../scope.js';

/** Events read per round trip while a seek folds (one checkpoint interval is a few of these). */
const FOLD_BATCH = 2_000;

/**
 * The picture at a moment: the last checkpoint at or before it, then the events after that up
 * to the moment's last event, folded as live folds them (`project`), cut to what the viewer may
 * see. With checkpoints every N events the fold is at most N events, however long the day.
 */
export async function replayState(db: Executor, query: ReplayStateQuery, scope: ReadScope): Promise<ReplayStateResponse> {
  const at = new Date(query.at);
  const last = await lastEventAtOrBefore(db, query.stream, at);
  const seq = last?.seq ?? 0;
  // A checkpoint at seq 0 (taken when a server started on an empty log) holds the reference data.
  const checkpoint = await checkpointAtOrBefore(db, query.stream, at, seq);
  let state = checkpoint ? restoredState(checkpoint) : emptyState();
  let after = checkpoint?.seq ?? 0;
  let folded = 0;
  while (after < seq) {
    const batch = await streamEventsBetween(db, query.stream, after, seq, FOLD_BATCH);
    for (const read of batch) {
      // A row that is not a valid event was never sent to a screen either (the broadcaster skips it).
      if (read.ok) state = project(state, read.event);
      folded += 1;
      after = read.seq;
    }
    if (batch.length < FOLD_BATCH) break;
  }
  const scoped = scopeState(scope.viewer, { ...state, seq });
  // The guards on the roster then, as this viewer sees them, each at its last fix.
  const fixes = await lastFixesOf(db, [...scoped.guards.keys()], new Date(query.at - REPLAY_FIX_MAX_AGE_MS), at);
  return {
    stream: query.stream,
    seq,
    at: last?.at.toISOString() ?? null,
    state: liveStateToJson(scoped),
    positions: fixes.map(presentFix),
    checkpointSeq: checkpoint?.seq ?? 0,
    folded,
  };
}

/** What a screen plays after a seek: the viewer's events after `afterSeq` up to `untilAt`, a page at a time. */
export async function replayEvents(db: Executor, query: ReplayEventsQuery, scope: ReadScope): Promise<ReplayEventsResponse> {
  const limit = Math.min(query.limit, REPLAY_EVENTS_MAX);
  const rows = await streamEventsUntil(db, query.stream, query.afterSeq, new Date(query.untilAt), limit + 1);
  const page = rows.slice(0, limit);
  // Only non-guard viewers replay (the route's permission): their rule is the event's site, no state needed.
  const state = emptyState();
  const events = page.flatMap((read) => (read.ok && visibleTo(scope.viewer, read.event, state) ? [read.event] : []));
  return { stream: query.stream, events, more: rows.length > limit, lastSeq: page.at(-1)?.seq ?? query.afterSeq };
}

type Marked = Pick<ReplayMarker, 'kind' | 'id' | 'label' | 'incidentId'>;
const dispatchMark = (event: { payload: { dispatchId: string } }): Marked => ({ kind: 'dispatch', id: event.payload.dispatchId });
const stepMark = (event: { payload: { incidentId: string; stepId: string } }): Marked => ({ kind: 'step', id: event.payload.stepId, incidentId: event.payload.incidentId });

/** The events the timeline bar marks, and how: alarms raised, incidents, dispatches, plan steps. */
const MARKS: { [T in EventType]?: (event: EventOf<T>) => Marked } = {
  'alarm.raised': (event) => ({ kind: 'alarm', id: event.payload.alarm.id, label: event.payload.alarm.message }),
  'incident.opened': (event) => ({ kind: 'incident', id: event.payload.incident.id, label: event.payload.incident.title }),
  'incident.stateChanged': (event) => ({ kind: 'incident', id: event.payload.incidentId, label: event.payload.state }),
  'dispatch.sent': (event) => ({ kind: 'dispatch', id: event.payload.dispatch.id, incidentId: event.payload.dispatch.incidentId }),
  'dispatch.arrived': dispatchMark,
  'dispatch.cleared': dispatchMark,
  'plan.stepCompleted': stepMark,
  'plan.stepSkipped': stepMark,
  'plan.stepOverdue': stepMark,
};
const MARKED_TYPES = Object.keys(MARKS) as EventType[];

function markerOf(event: DomainEvent): ReplayMarker | null {
  const mark = MARKS[event.type] as ((event: DomainEvent) => Marked) | undefined;
  return mark ? { at: event.at, seq: event.seq, type: event.type, ...mark(event) } : null;
}

/** The stream's extent within [from, to] and the timeline bar's markers, at most REPLAY_MARKERS_MAX. */
export async function replayRange(db: Executor, query: ReplayRangeQuery, scope: ReadScope): Promise<ReplayRangeResponse> {
  const from = new Date(query.from);
  const to = new Date(query.to);
  const extent = await streamExtent(db, query.stream, from, to);
  const rows = await streamEventsOfTypes(db, query.stream, from, to, MARKED_TYPES, REPLAY_MARKERS_MAX + 1);
  const state = emptyState();
  const markers = rows
    .slice(0, REPLAY_MARKERS_MAX)
    .flatMap((read) => (read.ok && visibleTo(scope.viewer, read.event, state) ? [markerOf(read.event)] : []))
    .filter((marker) => marker !== null);
  return {
    stream: query.stream,
    firstAt: extent.first?.toISOString() ?? null,
    lastAt: extent.last?.toISOString() ?? null,
    markers,
    truncated: rows.length > REPLAY_MARKERS_MAX,
  };
}

/** A site's fixes between two moments (at most 10 minutes, REPLAY_POSITIONS_MAX rows), by time. */
export async function replayPositions(db: Executor, query: ReplayPositionsQuery, scope: ReadScope): Promise<ReplayPositionsResponse> {
  if (!inScope(scope, query.siteId)) throw notFound(`siteId: no site with id "${query.siteId}"`);
  const rows = await positionsBetween(db, query.siteId, new Date(query.from), new Date(query.to), query.afterGuardId, REPLAY_POSITIONS_MAX + 1);
  const page = rows.slice(0, REPLAY_POSITIONS_MAX);
  const lastRow = page.at(-1);
  const next = rows.length > REPLAY_POSITIONS_MAX && lastRow ? { from: lastRow.at.toISOString(), afterGuardId: lastRow.guardId } : null;
  return { siteId: query.siteId, fixes: page.map(presentFix), next };
}
