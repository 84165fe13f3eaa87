import { describe, expect, it } from 'vitest';
import { applyEvents, emptyState, liveStateFromJson, liveStateToJson, pruneClosedIncidents, type LiveState } from './reducer.js';
import type { DomainEvent, NewEvent } from './events.js';
import { currentStep, openRequiredSteps } from './plan-run.js';
import { guardAudience, scopeState, visibleTo, type Viewer } from '../realtime/scope.js';
import { buildDispatch, buildIncident, commander, FIXTURE_AT } from '../testing/incident-fixtures.js';
import type { GuardLive } from './guard.js';

const actor = { kind: 'user' as const, id: commander.id, name: commander.name };

/** Gives events seqs and times as the log would. */
function logged(events: NewEvent[]): DomainEvent[] {
  return events.map((event, index) => ({ ...event, seq: index + 1, stream: 'live', at: new Date(Date.parse(FIXTURE_AT) + index * 1000).toISOString() }) as DomainEvent);
}

const guard = (id: string, userId: string): GuardLive => ({
  id,
  siteId: 'site-1',
  callsign: id.toUpperCase(),
  name: `Guard ${id}`,
  status: 'available',
  onShift: true,
  userId,
  zoneIds: [],
});

const incident = buildIncident({ state: 'new', plan: null });
const run = buildIncident().plan!;
const ref = { dispatchId: 'd-1', incidentId: incident.id, guardId: 'g1' };

const story = logged([
  { type: 'guard.saved', siteId: 'site-1', actor, payload: { guard: guard('g1', 'u-g1') } },
  { type: 'guard.saved', siteId: 'site-1', actor, payload: { guard: guard('g2', 'u-g2') } },
  { type: 'incident.opened', siteId: 'site-1', actor, payload: { incident } },
  { type: 'plan.started', siteId: 'site-1', actor, payload: { incidentId: incident.id, run } },
  { type: 'plan.stepCompleted', siteId: 'site-1', actor, payload: { incidentId: incident.id, stepId: 'assess', answer: 'yes', note: null, call: null, by: commander } },
  { type: 'plan.stepWarned', siteId: 'site-1', actor: { kind: 'system', id: 'scheduler', name: 'scheduler' }, payload: { incidentId: incident.id, stepId: 'call_119' } },
  { type: 'dispatch.sent', siteId: 'site-1', actor, payload: { dispatch: buildDispatch(), incident } },
  { type: 'dispatch.accepted', siteId: 'site-1', actor: { kind: 'user', id: 'u-g1', name: 'Guard g1' }, payload: ref },
  { type: 'dispatch.arrived', siteId: 'site-1', actor: { kind: 'system', id: 'positions', name: 'positions' }, payload: { ...ref, arrival: 'detected' } },
]);

describe('incidents in the one reducer', () => {
  const state = applyEvents(emptyState(), story);

  it('opens, starts the plan (new → in progress), answers a step and marks the warning', () => {
    const held = state.incidents.get(incident.id)!;
    expect(held.state).toBe('in_progress');
    expect(held.plan?.states['assess']).toMatchObject({ status: 'done', answer: 'yes', by: commander });
    expect(held.plan?.states['call_119']?.warnedAt).toBe(story[5]!.at);
    expect(currentStep(held.plan!)?.id).toBe('call_119');
    expect(openRequiredSteps(held.plan!).map((step) => step.id)).toEqual(['call_119', 'evacuate']);
  });

  it('keeps each dispatch time from the server clock', () => {
    expect(state.dispatches.get('d-1')).toMatchObject({ state: 'on_scene', acceptedAt: story[7]!.at, onSceneAt: story[8]!.at, arrival: 'detected' });
  });

  it('writes an automatic timeline entry per event, in order, with the event’s time', () => {
    const codes = state.incidents.get(incident.id)!.timeline.map((entry) => entry.code);
    expect(codes).toEqual(['incidentOpened', 'planStarted', 'stepDone', 'stepWarned', 'dispatchSent', 'dispatchAccepted', 'dispatchArrived']);
    expect(state.incidents.get(incident.id)!.timeline[2]).toMatchObject({ id: 'auto-5', at: story[4]!.at, by: commander });
  });

  it('applies a repeated delivery once', () => {
    expect(applyEvents(state, story.slice(-3))).toBe(state);
  });

  it('strikes an entry through instead of deleting it', () => {
    const entry = { id: 'n1', at: FIXTURE_AT, kind: 'note' as const, by: commander, code: null, params: {}, text: '起火点在B1', call: null, photoId: null, stricken: null };
    const more = logged([
      ...story.map(({ seq: _seq, at: _at, stream: _stream, ...event }) => event as NewEvent),
      { type: 'incident.entryAdded', siteId: 'site-1', actor, payload: { incidentId: incident.id, entry } },
      { type: 'incident.entryStricken', siteId: 'site-1', actor, payload: { incidentId: incident.id, entryId: 'n1', by: commander, reason: '位置记错' } },
    ]);
    const after = applyEvents(emptyState(), more);
    const note = after.incidents.get(incident.id)!.timeline.find((item) => item.id === 'n1');
    expect(note).toMatchObject({ text: '起火点在B1', stricken: { reason: '位置记错', by: commander } });
  });
});

describe('what a guard’s phone receives', () => {
  const state = applyEvents(emptyState(), story);
  const g1: Viewer = { userId: 'u-g1', role: 'guard', siteIds: null };
  const g2: Viewer = { userId: 'u-g2', role: 'guard', siteIds: null };

  it('holds its own dispatch and the incident it was sent to, nothing of other guards', () => {
    expect([...scopeState(g1, state).dispatches.keys()]).toEqual(['d-1']);
    expect([...scopeState(g1, state).incidents.keys()]).toEqual([incident.id]);
    expect(scopeState(g2, state).dispatches.size).toBe(0);
    expect(scopeState(g2, state).incidents.size).toBe(0);
  });

  it('gets the dispatch, its answers and the incident’s later events; not the incident before it was sent', () => {
    const opened = story[2]!;
    const beforeDispatch = applyEvents(emptyState(), story.slice(0, 3));
    expect(visibleTo(g1, opened, beforeDispatch)).toBe(false);
    expect(visibleTo(g1, story[6]!, state)).toBe(true);
    expect(visibleTo(g2, story[6]!, state)).toBe(false);
    const later = logged([{ type: 'plan.stepCompleted', siteId: 'site-1', actor, payload: { incidentId: incident.id, stepId: 'call_119', answer: 'done', note: null, call: null, by: commander } }])[0]!;
    expect(visibleTo(g1, later, state)).toBe(true);
    expect(guardAudience(later, state)).toEqual(['u-g1']);
    expect(guardAudience(story[7]!, state)).toEqual(['u-g1']);
  });

  it('has the incident from the dispatch itself, on a phone that never saw it opened', () => {
    const phone = applyEvents(emptyState(), [story[0]!, story[6]!]);
    expect(phone.incidents.get(incident.id)?.title).toBe(incident.title);
  });

  it('a viewer of another site sees none of it', () => {
    const other: Viewer = { userId: 'u-op', role: 'operator', siteIds: ['site-2'] };
    expect(scopeState(other, state).incidents.size).toBe(0);
    expect(visibleTo(other, story[4]!, state)).toBe(false);
  });
});

describe('pruning closed incidents', () => {
  it('keeps open ones and the most recently closed, with their dispatches', () => {
    const closed = (id: string, closedAt: string) => buildIncident({ id, state: 'closed', closedAt });
    const state: LiveState = liveStateFromJson({
      ...liveStateToJson(emptyState()),
      incidents: { a: closed('a', '2026-12-01T01:00:00Z'), b: closed('b', '2026-12-01T02:00:00Z'), c: buildIncident({ id: 'c' }) },
      dispatches: { da: buildDispatch({ id: 'da', incidentId: 'a' }), dc: buildDispatch({ id: 'dc', incidentId: 'c' }) },
    });
    const pruned = pruneClosedIncidents(state, 1);
    expect([...pruned.incidents.keys()].sort()).toEqual(['b', 'c']);
    expect([...pruned.dispatches.keys()]).toEqual(['dc']);
  });
});
