import type { Actor, AuditEntry, ExportLanguage } from '@vigil/shared';
import { auditKindOf, type EventRow } from '../repositories/audit.repository.js';
import { csvLine } from './alarm-csv.presenter.js';

/** Longest string kept of one detail (a note, a message). */
const DETAIL_MAX = 200;

/**
 * What an entry shows of its event: the payload's scalar fields, and of each object in it the id
 * (`alarm.id` as `alarm`), so a site saved with a thousand devices is one line, not the site.
 */
export function auditDetails(payload: Record<string, unknown>): AuditEntry['details'] {
  const details: AuditEntry['details'] = {};
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value === 'string') details[key] = value.length > DETAIL_MAX ? `${value.slice(0, DETAIL_MAX)}…` : value;
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) details[key] = value;
    else if (typeof value === 'object' && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string') details[key] = (value as { id: string }).id;
    else if (typeof value === 'object' && !Array.isArray(value) && key === 'filters') details[key] = JSON.stringify(value).slice(0, DETAIL_MAX);
  }
  return details;
}

export function presentAuditEntry(row: EventRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    stream: row.stream,
    drill: row.stream.startsWith('drill:'),
    kind: auditKindOf(row),
    siteId: row.siteId,
    type: row.type,
    actor: row.actor as Actor,
    details: auditDetails(row.payload),
  };
}

const COLUMNS = [
  ['seq', '序号', 'Seq'],
  ['at', '时间 (UTC)', 'Time (UTC)'],
  ['kind', '类别', 'Kind'],
  ['type', '操作', 'Action'],
  ['actor', '操作人', 'Actor'],
  ['actorId', '操作人编号', 'Actor id'],
  ['stream', '数据流', 'Stream'],
  ['drill', '演练', 'Drill'],
  ['site', '项目', 'Site'],
  ['details', '详情', 'Details'],
] as const;

export function auditCsvHeader(lang: ExportLanguage | undefined): string {
  return csvLine(COLUMNS.map(([, zh, en]) => (lang === 'zh-CN' ? zh : lang === 'en' ? en : `${zh} ${en}`)));
}

export function auditCsvLine(entry: AuditEntry): string {
  const details = Object.entries(entry.details)
    .map(([key, value]) => `${key}=${value === null ? '' : String(value)}`)
    .join('; ');
  return csvLine([
    entry.seq,
    entry.at,
    entry.kind,
    entry.type,
    entry.actor.name,
    `${entry.actor.kind}:${entry.actor.id}`,
    entry.stream,
    entry.drill ? 'yes' : '',
    entry.siteId,
    details,
  ]);
}
