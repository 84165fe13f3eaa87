import { describe, expect, it } from 'vitest';
import { REPORT_TARGETS, type Durations, type ReportFigures, type SiteReport } from '@vigil/shared';
import { reportKpis } from './reportKpis';

const d = (p50: number | null, p90: number | null, count = 1): Durations => ({ count, p50, p90 });
const figures = (over: { ack?: Durations; response?: Durations; falseRate?: number | null }): ReportFigures => ({
  alarms: { total: 10, byDisposition: { confirmed: 0, false: 0, duplicate: 0, fault: 0, drill: 0 }, falseRate: over.falseRate ?? null, acknowledge: over.ack ?? d(null, null, 0), resolve: d(60, 600) },
  incidents: { total: 2, response: over.response ?? d(null, null, 0), resolve: d(null, null, 0) },
  dispatches: { sent: 0, declined: 0, unanswered: 0, accept: d(null, null, 0), turnout: d(null, null, 0), travel: d(null, null, 0) },
});

function report(current: ReportFigures, previous: ReportFigures): SiteReport {
  return {
    siteId: 's', siteName: { zh: 's', en: 's' }, period: 'month', timeZone: 'UTC', from: '', to: '', previousFrom: '', previousTo: '',
    current, previous, byKind: [], byZone: [], heatMap: [], devices: [], incidentTypes: [], drills: [],
    patrol: { available: false }, hazards: { available: false }, targets: REPORT_TARGETS,
  };
}

describe('reportKpis', () => {
  it('judges each figure against its target, and the response against the period before (30% faster)', () => {
    const tiles = reportKpis(report(figures({ ack: d(20, 61), response: d(140, 200), falseRate: 0.2 }), figures({ ack: d(30, 90), response: d(200, 300) })));
    const byKey = Object.fromEntries(tiles.map((tile) => [tile.key, tile]));
    expect(byKey.acknowledge).toMatchObject({ value: 61, previous: 90, target: 60, status: 'missed' });
    expect(byKey.resolve).toMatchObject({ value: 600, status: 'met' });
    expect(byKey.response).toMatchObject({ value: 140, target: 300, status: 'met' });
    // 200 s → 140 s is 30% faster: met exactly at the target.
    expect(byKey.faster!.value).toBeCloseTo(0.3, 10);
    expect(byKey.faster!.status).toBe('met');
    expect(byKey.falseRate).toMatchObject({ value: 0.2, status: 'met' });
    expect(byKey.accept).toMatchObject({ value: null, status: 'none' });
  });

  it('has nothing to judge without data: no previous response, no patrols yet', () => {
    const tiles = reportKpis(report(figures({ response: d(100, 100) }), figures({})));
    const byKey = Object.fromEntries(tiles.map((tile) => [tile.key, tile]));
    expect(byKey.faster).toMatchObject({ value: null, status: 'none' });
    expect(byKey.patrol).toMatchObject({ status: 'none', noPatrolData: true, target: 1 });
    expect(byKey.hazards).toMatchObject({ status: 'none', noPatrolData: true });
  });
});
