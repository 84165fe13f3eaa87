import { applyEvent, pruneClosedIncidents, pruneResolved, type DomainEvent, type LiveState } from '@vigil/shared';

/** Resolved alarms kept in a projected state (every open one is kept). */
export const RESOLVED_KEPT = 200;
/** Closed incidents kept in a projected state (with their dispatches); open and resolved ones are all kept. */
export const CLOSED_INCIDENTS_KEPT = 50;

/**
 * What the server keeps after an event has been sent: the resolved alarms and closed incidents
 * beyond the kept numbers go. The live projection and replay's seeks both fold with
 * `applyEvent` then this, so a checkpoint plus the events after it is the state live had.
 */
export function settle(state: LiveState, event: DomainEvent): LiveState {
  if (event.type === 'alarm.resolved') return pruneResolved(state, RESOLVED_KEPT);
  if (event.type === 'incident.stateChanged' && event.payload.state === 'closed') return pruneClosedIncidents(state, CLOSED_INCIDENTS_KEPT);
  return state;
}

/** One event folded as the server projects a stream (replay's seeks, benchmarks, tests). */
export function project(state: LiveState, event: DomainEvent): LiveState {
  return settle(applyEvent(state, event), event);
}
