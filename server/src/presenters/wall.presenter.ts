import type { Monitor, WallPreset } from '@vigil/shared';
import type { MonitorRow, PresetRow } from '../repositories/wall.repository.js';

export function presentMonitor(row: MonitorRow): Monitor {
  return {
    id: row.id,
    siteId: row.siteId,
    name: row.name,
    nameEn: row.nameEn,
    position: row.position,
    view: row.view,
    alarmRule: row.alarmRule,
    releasedAlarmIds: row.releasedAlarmIds,
  };
}

export function presentPreset(row: PresetRow): WallPreset {
  return { id: row.id, siteId: row.siteId, name: row.name, nameEn: row.nameEn, view: row.view };
}
