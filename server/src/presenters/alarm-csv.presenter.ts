import type { ExportLanguage } from '@vigil/shared';
import type { AlarmRow } from './alarm.presenter.js';

/** A byte-order mark first: Excel then reads the file as UTF-8 (Chinese names, not mojibake). */
export const CSV_BOM = '\uFEFF';

/**
 * One CSV cell (RFC 4180): always quoted, quotes doubled, so commas and line breaks stay inside it.
 * A cell a spreadsheet would run as a formula (= + - @, or a tab or carriage return first) gets a
 * leading apostrophe: an alarm's text comes from outside and must not run on the reader's machine.
 */
export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export const csvLine = (cells: readonly (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

const COLUMNS = [
  ['id', '报警编号', 'Alarm id'],
  ['site', '项目', 'Site'],
  ['firstAt', '首次报警时间', 'First seen'],
  ['occurredAt', '发生时间', 'Occurred'],
  ['lastAt', '最近报警时间', 'Last seen'],
  ['count', '次数', 'Count'],
  ['kind', '类型', 'Kind'],
  ['priority', '优先级', 'Priority'],
  ['state', '状态', 'State'],
  ['zone', '区域', 'Zone'],
  ['device', '设备', 'Device'],
  ['message', '报警内容', 'Message'],
  ['owner', '处理人', 'Owner'],
  ['acknowledgedAt', '确认时间', 'Acknowledged'],
  ['resolvedAt', '解除时间', 'Resolved'],
  ['resolvedBy', '解除人', 'Resolved by'],
  ['disposition', '处置结果', 'Disposition'],
  ['note', '备注', 'Note'],
  ['incidentId', '事件编号', 'Incident id'],
] as const;

/** Names of the sites, zones and devices an export refers to, in both languages. */
export interface ExportNames {
  sites: ReadonlyMap<string, { name: string; nameEn: string | null }>;
  zones: ReadonlyMap<string, { name: string; nameEn: string | null }>;
  devices: ReadonlyMap<string, { name: string; nameEn: string | null }>;
}

/** How an export writes: its header's language (absent: both) and the time zone of its times (absent: UTC, ISO 8601). */
export interface CsvStyle {
  lang?: ExportLanguage;
  timeZone?: string;
}

export function csvHeader(style: CsvStyle): string {
  const zone = style.timeZone ?? 'UTC';
  return csvLine(
    COLUMNS.map(([key, zh, en]) => {
      const label = style.lang === 'zh-CN' ? zh : style.lang === 'en' ? en : `${zh} ${en}`;
      return key.endsWith('At') ? `${label} (${zone})` : label;
    }),
  );
}

/** `2026-11-23 11:00:00` in the time zone (a form spreadsheets read as a date), or ISO 8601 in UTC. */
function timeFormatter(timeZone: string | undefined): (date: Date | null) => string | null {
  if (!timeZone) return (date) => (date ? date.toISOString() : null);
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return (date) => (date ? format.format(date) : null);
}

/** A presenter for one export: a function from an alarm row to its CSV line. */
export function csvRowWriter(style: CsvStyle, names: ExportNames): (row: AlarmRow) => string {
  const time = timeFormatter(style.timeZone);
  const nameOf = (entry: { name: string; nameEn: string | null } | undefined, id: string | null): string | null => {
    if (id === null) return null;
    if (!entry) return id;
    return style.lang === 'en' ? (entry.nameEn ?? entry.name) : entry.name;
  };
  return (row) =>
    csvLine([
      row.id,
      nameOf(names.sites.get(row.siteId), row.siteId),
      time(row.firstAt),
      time(row.occurredAt),
      time(row.lastAt),
      row.count,
      row.kind,
      row.priority,
      row.state,
      nameOf(names.zones.get(row.zoneId ?? ''), row.zoneId),
      nameOf(names.devices.get(row.deviceId ?? ''), row.deviceId),
      row.message,
      row.ownerName,
      time(row.acknowledgedAt),
      time(row.resolvedAt),
      row.resolvedByName,
      row.disposition,
      row.note,
      row.incidentId,
    ]);
}

/** The last line of an export cut at its bound: says so in the first cell. */
export function csvCutNote(max: number, style: CsvStyle): string {
  const zh = `仅导出了最新的 ${max} 条报警，请缩小筛选范围以导出其余报警。`;
  const en = `Only the newest ${max} alarms were exported: narrow the filters to export the rest.`;
  return csvLine([style.lang === 'zh-CN' ? zh : style.lang === 'en' ? en : `${zh} ${en}`]);
}
