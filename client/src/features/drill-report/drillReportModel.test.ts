import { describe, expect, it } from 'vitest';
import type { DrillComparison } from '@vigil/shared';
import { comparisonSeries, formatSeconds } from './drillReportModel';

describe('the drill report model', () => {
  it('shows seconds as a stopwatch does', () => {
    expect([formatSeconds(0), formatSeconds(59.6), formatSeconds(150), formatSeconds(3_725), formatSeconds(null)]).toEqual(['0:00', '1:00', '2:30', '1:02:05', '—']);
  });

  it('draws each run oldest first with its score and each target set, a gap where one was never reached', () => {
    const comparison: DrillComparison = {
      scenarioId: 's',
      name: null,
      targets: { planStart: 30, dispatch: 120 },
      runs: [
        { id: 'r-1', mode: 'tabletop', startedAt: '2026-11-01T02:00:00Z', endedAt: '2026-11-01T02:30:00Z', score: 52.5, grade: 'fail', targets: { planStart: 0, dispatch: null } },
        { id: 'r-2', mode: 'tabletop', startedAt: '2026-12-01T02:00:00Z', endedAt: '2026-12-01T02:30:00Z', score: 80, grade: 'good', targets: { planStart: 5, dispatch: 90 } },
      ],
    };
    expect(comparisonSeries(comparison, 'r-2', (iso) => iso.slice(0, 10))).toEqual({
      labels: ['2026-11-01', '2026-12-01'],
      current: 1,
      score: [52.5, 80],
      targets: [
        { target: 'planStart', targetSec: 30, values: [0, 5] },
        { target: 'dispatch', targetSec: 120, values: [null, 90] },
      ],
    });
  });
});
