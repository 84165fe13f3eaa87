import { DISPOSITIONS, improvement, type Bilingual, type Durations, type ExportLanguage, type SiteReport } from '@vigil/shared';

/**
 * A report as the tables its exports write (CSV sections, XLSX sheets): headers in the chosen
 * language or both (Chinese first), seconds to one decimal, rates as percentages.
 */

export type Cell = string | number | null;

export interface ReportTable {
  /** A sheet name: short, no characters a spreadsheet refuses. */
  key: string;
  title: string;
  columns: string[];
  rows: Cell[][];
}

const NO_PATROL: Bilingual = { zh: '暂无巡更数据', en: 'no patrol data' };
const DISPOSITION_NAMES: Record<(typeof DISPOSITIONS)[number], Bilingual> = {
  confirmed: { zh: '确认', en: 'Confirmed' },
  false: { zh: '误报', en: 'False' },
  duplicate: { zh: '重复', en: 'Duplicate' },
  fault: { zh: '故障', en: 'Fault' },
  drill: { zh: '演练', en: 'Drill' },
};
const WEEKDAYS: Bilingual[] = [
  { zh: '周一', en: 'Mon' }, { zh: '周二', en: 'Tue' }, { zh: '周三', en: 'Wed' }, { zh: '周四', en: 'Thu' },
  { zh: '周五', en: 'Fri' }, { zh: '周六', en: 'Sat' }, { zh: '周日', en: 'Sun' },
];

const secs = (value: number | null): Cell => (value === null ? null : Math.round(value * 10) / 10);
const pct = (value: number | null): Cell => (value === null ? null : Math.round(value * 1000) / 10);
const met = (ok: boolean | null): Bilingual | null => (ok === null ? null : ok ? { zh: '达标', en: 'met' } : { zh: '未达标', en: 'not met' });
const within = (value: number | null, max: number) => (value === null ? null : value <= max);

export function reportTables(report: SiteReport, lang?: ExportLanguage): ReportTable[] {
  const say = (text: Bilingual | null): string | null => (text === null ? null : lang === 'zh-CN' ? text.zh : lang === 'en' ? text.en : `${text.zh} ${text.en}`);
  const cols = (...names: [string, string][]) => names.map(([zh, en]) => say({ zh, en })!);
  const name = (text: Bilingual | null, id: string | null) => (text ? say(text) : id);
  const { current: cur, previous: prev, targets } = report;
  const durationRows = (label: [string, string], now: Durations, before: Durations, targetP90?: number): Cell[][] => [
    [say({ zh: `${label[0]} P50（秒）`, en: `${label[1]} P50 (s)` }), secs(now.p50), secs(before.p50), null, null],
    [say({ zh: `${label[0]} P90（秒）`, en: `${label[1]} P90 (s)` }), secs(now.p90), secs(before.p90), targetP90 ?? null, targetP90 === undefined ? null : say(met(within(now.p90, targetP90)))],
  ];
  const responseGain = improvement(cur.incidents.response.p50, prev.incidents.response.p50);
  const kpis: Cell[][] = [
    [say({ zh: '报警总数', en: 'Alarms' }), cur.alarms.total, prev.alarms.total, null, null],
    ...durationRows(['确认用时', 'Time to acknowledge'], cur.alarms.acknowledge, prev.alarms.acknowledge, targets.acknowledgeP90Sec),
    ...durationRows(['解除用时', 'Time to resolve'], cur.alarms.resolve, prev.alarms.resolve, targets.resolveP90Sec),
    [say({ zh: '误报率（%）', en: 'False alarm rate (%)' }), pct(cur.alarms.falseRate), pct(prev.alarms.falseRate), pct(targets.falseAlarmRateMax), say(met(within(cur.alarms.falseRate, targets.falseAlarmRateMax)))],
    [say({ zh: '事件总数', en: 'Incidents' }), cur.incidents.total, prev.incidents.total, null, null],
    [say({ zh: '事件响应 P50（秒）', en: 'Incident response P50 (s)' }), secs(cur.incidents.response.p50), secs(prev.incidents.response.p50), targets.incidentResponseP50Sec, say(met(within(cur.incidents.response.p50, targets.incidentResponseP50Sec)))],
    [say({ zh: '响应提速（%）', en: 'Response faster (%)' }), pct(responseGain), null, pct(targets.responseImprovement), say(met(responseGain === null ? null : responseGain >= targets.responseImprovement))],
    [say({ zh: '巡查覆盖率（%）', en: 'Patrol coverage (%)' }), report.patrol.available ? pct(report.patrol.coverage) : say(NO_PATROL), report.patrol.available ? pct(report.patrol.previousCoverage) : null, pct(targets.patrolCoverage), null],
    [say({ zh: '隐患整改率（%）', en: 'Hazard rectification (%)' }), report.hazards.available ? pct(report.hazards.rectification) : say(NO_PATROL), report.hazards.available ? pct(report.hazards.previousRectification) : null, pct(targets.hazardRectification), null],
  ];
  const d = (now: typeof cur.dispatches, before: typeof prev.dispatches): Cell[][] => [
    [say({ zh: '派遣数', en: 'Dispatches sent' }), now.sent, before.sent],
    [say({ zh: '拒绝', en: 'Declined' }), now.declined, before.declined],
    [say({ zh: '未应答', en: 'Unanswered' }), now.unanswered, before.unanswered],
    ...(
      [
        [['接受用时', 'Accept'], now.accept, before.accept],
        [['出动用时', 'Turnout'], now.turnout, before.turnout],
        [['途中用时', 'Travel'], now.travel, before.travel],
      ] as const
    ).flatMap(([[zh, en], a, b]) => [
      [say({ zh: `${zh} P50（秒）`, en: `${en} P50 (s)` }), secs(a.p50), secs(b.p50)],
      [say({ zh: `${zh} P90（秒）`, en: `${en} P90 (s)` }), secs(a.p90), secs(b.p90)],
    ]),
  ];
  return [
    { key: 'KPI', title: say({ zh: '关键指标', en: 'Key figures' })!, columns: cols(['指标', 'Figure'], ['本期', 'This period'], ['上期', 'Previous period'], ['目标', 'Target'], ['结果', 'Result']), rows: kpis },
    { key: 'Kinds', title: say({ zh: '报警类型', en: 'Alarms by kind' })!, columns: cols(['类型', 'Kind'], ['本期', 'This period'], ['上期', 'Previous period']), rows: report.byKind.map((r) => [r.kind, r.count, r.previous]) },
    {
      key: 'Zones', title: say({ zh: '报警区域', en: 'Alarms by zone' })!, columns: cols(['区域', 'Zone'], ['本期', 'This period'], ['上期', 'Previous period']),
      rows: report.byZone.map((r) => [r.zoneId === null ? say({ zh: '无区域', en: 'No zone' }) : name(r.name, r.zoneId), r.count, r.previous]),
    },
    {
      key: 'Hours', title: say({ zh: '报警时段（星期 × 小时）', en: 'Alarms by weekday and hour' })!,
      columns: [say({ zh: '星期', en: 'Weekday' })!, ...Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))],
      rows: report.heatMap.map((hours, day) => [say(WEEKDAYS[day]!), ...hours]),
    },
    {
      key: 'Devices', title: say({ zh: '设备误报（误报最多在前）', en: 'False alarms by device (noisiest first)' })!,
      columns: [...cols(['设备', 'Device'], ['报警数', 'Alarms']), ...DISPOSITIONS.map((x) => say(DISPOSITION_NAMES[x])!), ...cols(['误报率（%）', 'False rate (%)'])],
      rows: report.devices.map((r) => [name(r.name, r.deviceId), r.total, ...DISPOSITIONS.map((x) => r.byDisposition[x]), pct(r.falseRate)]),
    },
    {
      key: 'Incidents', title: say({ zh: '事件类型与响应', en: 'Incidents by type' })!,
      columns: cols(['类型', 'Type'], ['本期', 'This period'], ['上期', 'Previous period'], ['响应 P50（秒）', 'Response P50 (s)'], ['响应 P90（秒）', 'Response P90 (s)'], ['处置 P50（秒）', 'Resolve P50 (s)'], ['处置 P90（秒）', 'Resolve P90 (s)']),
      rows: report.incidentTypes.map((r) => [r.type, r.count, r.previous, secs(r.response.p50), secs(r.response.p90), secs(r.resolve.p50), secs(r.resolve.p90)]),
    },
    { key: 'Dispatches', title: say({ zh: '派遣', en: 'Dispatches' })!, columns: cols(['指标', 'Figure'], ['本期', 'This period'], ['上期', 'Previous period']), rows: d(cur.dispatches, prev.dispatches) },
    {
      key: 'Drills', title: say({ zh: '演练评分', en: 'Drill scores' })!,
      columns: cols(['演练', 'Drill'], ['方式', 'Mode'], ['状态', 'State'], ['开始', 'Started'], ['得分', 'Score'], ['等级', 'Grade']),
      rows: report.drills.map((r) => [say(r.name), r.mode, r.state, r.startedAt, r.score, r.grade]),
    },
  ];
}

/** The report's heading line: site, period and the instants it covers. */
export function reportHeading(report: SiteReport, lang?: ExportLanguage): string {
  const site = lang === 'en' ? report.siteName.en : report.siteName.zh;
  return `${site} · ${report.period} · ${report.from} – ${report.to} (${report.timeZone})`;
}
