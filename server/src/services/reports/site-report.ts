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
  incidentFigures,
  noisyDevices,
  reportBounds,
  type AlarmSummaryRow,
  type IncidentTypeFigures,
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

/**
 * Patrol completion and coverage (巡查覆盖率): to be read from the patrol tables (patrol runs and
 * their scans) once the patrol work is merged. Until then the report says "no patrol data".
 */
export async function readPatrolSection(_db: Executor, _window: ReportWindow): Promise<ReportPatrolSection> {
  return { available: false };
}

/** Hazards found and rectified (隐患发现/整改率): to be read from the hazard tables with the patrol work. */
export async function readHazardSection(_db: Executor, _window: ReportWindow): Promise<ReportHazardSection> {
  return { available: false };
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
    patrol: await readPatrolSection(db, window),
    hazards: await readHazardSection(db, window),
    targets: REPORT_TARGETS,
  };
}
