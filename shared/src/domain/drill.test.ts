import { describe, expect, it } from 'vitest';
import { drillFactsOf, drillRunIdOf, drillStream, takesPartIn } from './drill.js';
import { stepTiming } from './plan-run.js';
import { applyEvents, emptyState } from './reducer.js';
import { evaluateDrill } from './drill-score.js';
import type { DomainEvent, NewEvent } from './events.js';
import { buildDispatch, buildIncident, commander, FIXTURE_AT } from '../testing/incident-fixtures.js';

const actor = { kind: 'user' as const, id: commander.id, name: commander.name };
const at = (sec: number) => new Date(Date.parse(FIXTURE_AT) + sec * 1000).toISOString();

/** Events of a drill stream at the given seconds from the drill's start. */
function drill(events: [number, NewEvent][]): DomainEvent[] {
  return events.map(([sec, event], index) => ({ ...event, seq: index + 1, stream: 'drill:r-1', at: at(sec) }) as DomainEvent);
}

const incident = buildIncident({ state: 'new', plan: null });
const run = { ...buildIncident().plan!, startedAt: at(50) };
const ref = { dispatchId: 'd-1', incidentId: incident.id, guardId: 'g1' };

describe('drill streams', () => {
  it('names a run by its stream and back', () => {
    expect(drillStream('r-1')).toBe('drill:r-1');
    expect(drillRunIdOf('drill:r-1')).toBe('r-1');
    expect(drillRunIdOf('live')).toBeNull();
    expect(drillRunIdOf('drill:')).toBeNull();
  });

  it('lets the controller and the participants take part, nobody else', () => {
    const info = { controller: { id: 'u-c', name: 'C' }, participants: ['u-p'] };
    expect([takesPartIn(info, 'u-c'), takesPartIn(info, 'u-p'), takesPartIn(info, 'u-x')]).toEqual([true, true, false]);
  });
});

describe('drillFactsOf', () => {
  it('reads when each target was first reached and the plan run as the reducer leaves it', () => {
    const events = drill([
      [20, { type: 'alarm.acknowledged', siteId: 's', actor, payload: { alarmId: 'a-1', owner: commander } }],
      [40, { type: 'incident.opened', siteId: 's', actor, payload: { incident } }],
      [50, { type: 'plan.started', siteId: 's', actor, payload: { incidentId: incident.id, run } }],
      [80, { type: 'plan.stepCompleted', siteId: 's', actor, payload: { incidentId: incident.id, stepId: 'assess', answer: 'yes', note: null, call: null, by: commander } }],
      [100, { type: 'dispatch.sent', siteId: 's', actor, payload: { dispatch: buildDispatch(), incident } }],
      [300, { type: 'dispatch.arrived', siteId: 's', actor, payload: { ...ref, arrival: 'detected' } }],
      [310, { type: 'alarm.acknowledged', siteId: 's', actor, payload: { alarmId: 'a-2', owner: commander } }],
    ]);
    const facts = drillFactsOf({ startedAt: at(0) }, { acknowledge: 30, planStart: 60, dispatch: 90, arrive: 600 }, events);
    expect(facts.reached).toEqual({ acknowledge: at(20), planStart: at(50), dispatch: at(100), arrive: at(300) });
    expect(facts.run?.states.assess).toMatchObject({ status: 'done', answer: 'yes', at: at(80) });
    const evaluation = evaluateDrill(facts);
    expect(evaluation.targets.map((target) => [target.target, target.actualSec, target.verdict])).toEqual([
      ['acknowledge', 20, 'on_time'],
      ['planStart', 50, 'on_time'],
      ['dispatch', 100, 'late'],
      ['arrive', 300, 'on_time'],
    ]);
  });

  it('has no plan run and no reached targets for a drill nobody answered', () => {
    const facts = drillFactsOf({ startedAt: at(0) }, { acknowledge: 30 }, []);
    expect(facts).toEqual({ startedAt: at(0), targets: { acknowledge: 30 }, reached: {}, run: null });
    expect(evaluateDrill(facts)).toMatchObject({ score: 0, grade: 'fail' });
  });

  it('does not count the time the drill stood paused: targets and steps are measured on the drill clock', () => {
    const events = drill([
      [10, { type: 'drill.paused', siteId: 's', actor, payload: { runId: 'r-1' } }],
      // Acknowledged while paused: at the moment it paused.
      [30, { type: 'alarm.acknowledged', siteId: 's', actor, payload: { alarmId: 'a-1', owner: commander } }],
      [310, { type: 'drill.resumed', siteId: 's', actor, payload: { runId: 'r-1', pausedSec: 300 } }],
      [340, { type: 'incident.opened', siteId: 's', actor, payload: { incident } }],
      [350, { type: 'plan.started', siteId: 's', actor, payload: { incidentId: incident.id, run: { ...run, startedAt: at(350) } } }],
      [380, { type: 'plan.stepCompleted', siteId: 's', actor, payload: { incidentId: incident.id, stepId: 'assess', answer: 'yes', note: null, call: null, by: commander } }],
    ]);
    const facts = drillFactsOf({ startedAt: at(0) }, { acknowledge: 30, planStart: 60 }, events);
    expect(facts.reached).toEqual({ acknowledge: at(10), planStart: at(50) });
    expect(facts.run).toMatchObject({ startedAt: at(50), states: { assess: { status: 'done', at: at(80) } } });
    expect(evaluateDrill(facts).targets.map((target) => [target.target, target.actualSec, target.verdict])).toEqual([
      ['acknowledge', 10, 'on_time'],
      ['planStart', 50, 'on_time'],
    ]);
  });

  it('takes a tabletop\'s first dispatch step done as the dispatch (no guards are sent in one)', () => {
    const withDispatch = { ...run, steps: [...run.steps, { ...run.steps[0]!, id: 'send', kind: 'dispatch' as const }] };
    const events = drill([
      [5, { type: 'plan.started', siteId: 's', actor, payload: { incidentId: incident.id, run: { ...withDispatch, startedAt: at(5) } } }],
      [40, { type: 'plan.stepCompleted', siteId: 's', actor, payload: { incidentId: incident.id, stepId: 'send', answer: 'done', note: null, call: null, by: commander } }],
    ]);
    expect(drillFactsOf({ startedAt: at(0), mode: 'tabletop' }, { dispatch: 60 }, events).reached).toEqual({ planStart: at(5), dispatch: at(40) });
    expect(drillFactsOf({ startedAt: at(0), mode: 'live' }, { dispatch: 60 }, events).reached).toEqual({ planStart: at(5) });
  });
});

describe("a drill's plan on the screens", () => {
  it('stands still while the drill is paused: the one reducer records the pause, the step countdown holds and then runs on', () => {
    const events = drill([
      [40, { type: 'incident.opened', siteId: 's', actor, payload: { incident } }],
      [50, { type: 'plan.started', siteId: 's', actor, payload: { incidentId: incident.id, run } }],
      [60, { type: 'drill.paused', siteId: 's', actor, payload: { runId: 'r-1' } }],
      [160, { type: 'drill.resumed', siteId: 's', actor, payload: { runId: 'r-1', pausedSec: 100 } }],
    ]);
    const step = run.steps[0]!;
    const asOf = (count: number, sec: number) => stepTiming(applyEvents(emptyState(), events.slice(0, count)).incidents.get(incident.id)!.plan!, step, new Date(at(sec)));
    const before = asOf(2, 60).secondsLeft;
    // Paused at 60 s: at 150 s the countdown still says what it said at 60 s.
    expect(asOf(3, 150).secondsLeft).toBe(before);
    // Resumed at 160 s after 100 s: 10 s later it has run 10 s, and the due time is 100 s later.
    expect(asOf(4, 170).secondsLeft).toBe(before - 10);
    expect(Date.parse(asOf(4, 170).dueAt) - Date.parse(asOf(2, 60).dueAt)).toBe(100_000);
    // The evaluation reads the same run on the drill's clock: the pause is not counted twice.
    const evaluated = drillFactsOf({ startedAt: at(0) }, {}, events).run!;
    expect([evaluated.startedAt, evaluated.pauses, evaluated.pausedAt]).toEqual([at(50), undefined, undefined]);
  });
});
