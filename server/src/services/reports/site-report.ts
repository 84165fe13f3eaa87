import {
  REPORT_DEVICE_ROWS,
  REPORT_TARGETS,
  type Durations,
  type ReportAlarmSummary,
  type ReportFigures,
  type ReportHazardSection,
  type ReportIncidentTypeRow,
  type ReportPatrolSection,
  type ReportQuery,
  type SiteReport,
} from '@vigil/shared';
import type { Executor } from '../../db/client.js';
import { notFound } from '../../lib/http-error.js';
import { findSite } from '../../repositories/sites.repository.js';
import {
  alarmHeatMap,
  alarmSummaries,
  alarmsByKind,
  alarmsByZone,
  dispatchFigures,
  drillsInPeriod,
  hazardFigures,
  incidentFigures,
  noisyDevices,
  patrolFigures,
  reportBounds,
  type AlarmSummaryRow,
  type HazardFigures,
  type IncidentTypeFigures,
  type PatrolFigures,
  type ReportWindow,
} from '../../repositories/reports.repository.js';
import { inScope, type ReadScope } from '../scope.js';

/** The control room's time zone (the process's, `TZ`), as incident numbers use: sites carry none of their own. */
export const controlRoomTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const noDurations: Durations = { count: 0, p50: null, p90: null };

function alarmSummary(row: AlarmSummaryRow): ReportAlarmSummary {
  const judged = Object.values(row.byDisposition).reduce((sum, n) => sum + n, 0);
  return { ...row, falseRate: judged > 0 ? row.byDisposition.false / judged : null };
}

/** Patrol completion and coverage (巡更完成率/覆盖率): checked ÷ (checked + missed) of the tours started in the period. */
export async function readPatrolSection(db: Executor, window: ReportWindow): Promise<ReportPatrolSection> {
  const { routes, current, previous } = await patrolFigures(db, window);
  const coverage = (figures: PatrolFigures) => (figures.checked + figures.missed > 0 ? figures.checked / (figures.checked + figures.missed) : null);
  // A site without patrol routes has no patrols to report on (not a coverage of zero).
  if (routes === 0) return { available: false };
  return { available: true, planned: current.planned, completed: current.checked, missed: current.missed, late: current.late, coverage: coverage(current), previousCoverage: coverage(previous) };
}

/** Hazards found and rectified (隐患发现/整改率): rectified ÷ found of those reported in the period. */
export async function readHazardSection(db: Executor, window: ReportWindow, patrolled: boolean): Promise<ReportHazardSection> {
  const { current, previous } = await hazardFigures(db, window);
  // None found on a site without patrols says nothing; on a patrolled one it is a figure.
  if (!patrolled && current.found + previous.found === 0) return { available: false };
  const rectification = (figures: HazardFigures) => (figures.found > 0 ? figures.rectified / figures.found : null);
  return { available: true, found: current.found, rectified: current.rectified, verified: current.verified, rectification: rectification(current), previousRectification: rectification(previous) };
}

function incidentTypeRows(figures: IncidentTypeFigures[]): ReportIncidentTypeRow[] {
  const types = new Map<string, ReportIncidentTypeRow>();
  for (const figure of figures) {
    if (figure.type === null) continue;
    const row = types.get(figure.type) ?? { type: figure.type, count: 0, previous: 0, response: noDurations, resolve: noDurations };
    if (figure.cur) Object.assign(row, { count: figure.count, response: figure.response, resolve: figure.resolve });
    else row.previous = figure.count;
    types.set(figure.type, row);
  }
  return [...types.values()].sort((a, b) => b.count - a.count || b.previous - a.previous || a.type.localeCompare(b.type));
}

/** One site's report for a period (数据分析与报告): 404 alike for a missing site and one the user may not see. */
export async function siteReport(db: Executor, query: ReportQuery, scope: ReadScope, timeZone = controlRoomTimeZone()): Promise<SiteReport> {
  const site = await findSite(db, query.siteId);
  if (!site || !inScope(scope, site.id)) throw notFound(`siteId: no site with id "${query.siteId}"`, { field: 'siteId' });
  const bounds = await reportBounds(db, query.start, query.period, timeZone);
  const window: ReportWindow = { siteId: site.id, timeZone, ...bounds };
  const alarms = await alarmSummaries(db, window);
  const patrol = await readPatrolSection(db, window);
  const incidents = await incidentFigures(db, window);
  const dispatches = await dispatchFigures(db, window);
  const incidentTotal = (cur: boolean): ReportFigures['incidents'] => {
    const total = incidents.find((figure) => figure.type === null && figure.cur === cur);
    return { total: total?.count ?? 0, response: total?.response ?? noDurations, resolve: total?.resolve ?? noDurations };
  };
  return {
    siteId: site.id,
    siteName: { zh: site.name, en: site.nameEn ?? site.name },
    period: query.period,
    timeZone,
    from: bounds.from.toISOString(),
    to: bounds.to.toISOString(),
    previousFrom: bounds.previousFrom.toISOString(),
    previousTo: bounds.from.toISOString(),
    current: { alarms: alarmSummary(alarms.current), incidents: incidentTotal(true), dispatches: dispatches.current },
    previous: { alarms: alarmSummary(alarms.previous), incidents: incidentTotal(false), dispatches: dispatches.previous },
    byKind: await alarmsByKind(db, window),
    byZone: await alarmsByZone(db, window),
    heatMap: await alarmHeatMap(db, window),
    devices: await noisyDevices(db, window, REPORT_DEVICE_ROWS),
    incidentTypes: incidentTypeRows(incidents),
    drills: await drillsInPeriod(db, window),
    patrol,
    hazards: await readHazardSection(db, window, patrol.available),
    targets: REPORT_TARGETS,
  };
}
