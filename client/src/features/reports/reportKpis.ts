import { improvement, type SiteReport } from '@vigil/shared';

/** How a figure stands against its target: met, missed, or nothing to judge (no data yet). */
export type KpiStatus = 'met' | 'missed' | 'none';
export type KpiUnit = 'seconds' | 'rate';

export interface Kpi {
  key: 'acknowledge' | 'resolve' | 'response' | 'faster' | 'falseRate' | 'accept' | 'patrol' | 'hazards';
  unit: KpiUnit;
  value: number | null;
  previous: number | null;
  target: number;
  /** `atMost`: the figure must not exceed the target (a time); `atLeast`: must reach it (a rate). */
  rule: 'atMost' | 'atLeast';
  status: KpiStatus;
  /** The section that would fill it has no data yet (patrols). */
  noPatrolData?: boolean;
}

function judge(value: number | null, target: number, rule: Kpi['rule']): KpiStatus {
  if (value === null) return 'none';
  return (rule === 'atMost' ? value <= target : value >= target) ? 'met' : 'missed';
}

function kpi(key: Kpi['key'], unit: KpiUnit, value: number | null, previous: number | null, target: number, rule: Kpi['rule']): Kpi {
  return { key, unit, value, previous, target, rule, status: judge(value, target, rule) };
}

/** The report's tiles, each against the target of `report.targets` (the server's, shared). */
export function reportKpis(report: SiteReport): Kpi[] {
  const { current: now, previous: before, targets } = report;
  const faster = improvement(now.incidents.response.p50, before.incidents.response.p50);
  const patrol = report.patrol.available
    ? kpi('patrol', 'rate', report.patrol.coverage, report.patrol.previousCoverage, targets.patrolCoverage, 'atLeast')
    : { ...kpi('patrol', 'rate', null, null, targets.patrolCoverage, 'atLeast'), noPatrolData: true };
  const hazards = report.hazards.available
    ? kpi('hazards', 'rate', report.hazards.rectification, report.hazards.previousRectification, targets.hazardRectification, 'atLeast')
    : { ...kpi('hazards', 'rate', null, null, targets.hazardRectification, 'atLeast'), noPatrolData: true };
  return [
    kpi('acknowledge', 'seconds', now.alarms.acknowledge.p90, before.alarms.acknowledge.p90, targets.acknowledgeP90Sec, 'atMost'),
    kpi('resolve', 'seconds', now.alarms.resolve.p90, before.alarms.resolve.p90, targets.resolveP90Sec, 'atMost'),
    kpi('response', 'seconds', now.incidents.response.p50, before.incidents.response.p50, targets.incidentResponseP50Sec, 'atMost'),
    kpi('faster', 'rate', faster, null, targets.responseImprovement, 'atLeast'),
    kpi('falseRate', 'rate', now.alarms.falseRate, before.alarms.falseRate, targets.falseAlarmRateMax, 'atMost'),
    kpi('accept', 'seconds', now.dispatches.accept.p90, before.dispatches.accept.p90, targets.dispatchAcceptP90Sec, 'atMost'),
    patrol,
    hazards,
  ];
}
