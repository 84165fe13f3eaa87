import { describe, expect, it } from 'vitest';
import { drillRequest, withoutDrill } from './drillScreenStore';
import { runningDrillsOf } from './useMyDrills';
import type { DrillRunSummary } from './drillsApi';

const RUN = '0b6f1c1e-6a55-4d8e-9a41-3f1a2b3c4d5e';

describe('a screen asked to show a drill', () => {
  it('reads ?drill= as a run id, says a bad one is bad (never live instead), and drops it to go back to live', () => {
    expect(drillRequest(new URLSearchParams(''))).toEqual({ kind: 'live' });
    expect(drillRequest(new URLSearchParams(`drill=${RUN.toUpperCase()}`))).toEqual({ kind: 'drill', runId: RUN });
    expect(drillRequest(new URLSearchParams('drill=../admin'))).toEqual({ kind: 'invalid' });
    expect(drillRequest(new URLSearchParams('drill='))).toEqual({ kind: 'invalid' });
    expect(withoutDrill(new URLSearchParams(`incident=i1&drill=${RUN}`))).toBe('?incident=i1');
    expect(withoutDrill(new URLSearchParams(`drill=${RUN}`))).toBe('');
  });

  it('offers to join only the runs not ended that the user controls or takes part in', () => {
    const run = (id: string, state: DrillRunSummary['state'], participants: string[], controller = 'c1'): DrillRunSummary => ({
      id,
      scenarioId: 's',
      name: { zh: '演练', en: 'Drill' },
      mode: 'live',
      siteId: 'demo',
      planId: 'fire',
      controller: { id: controller, name: 'C' },
      participants,
      startedAt: '2026-12-04T02:00:00Z',
      state,
      endedAt: null,
      score: null,
      grade: null,
    });
    const runs = [run('a', 'running', ['u1']), run('b', 'paused', ['u1']), run('c', 'ended', ['u1']), run('d', 'running', ['u2']), run('e', 'running', [], 'u1')];
    expect(runningDrillsOf(runs, 'u1').map((entry) => entry.id)).toEqual(['a', 'b', 'e']);
  });
});
