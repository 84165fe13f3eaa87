import type { AlarmRule, Layout, Monitor } from '@vigil/shared';
import { requestJson } from '../../lib/http';

export interface MonitorFields {
  name: string;
  nameEn: string | null;
  position: number;
  alarmRule: AlarmRule | null;
}

export function createMonitor(fields: MonitorFields & { id: string; siteId: string; layout: Layout }): Promise<{ monitor: Monitor }> {
  return requestJson('/api/v1/monitors', { method: 'POST', body: fields });
}

export function updateMonitor(monitorId: string, fields: MonitorFields): Promise<{ monitor: Monitor }> {
  return requestJson(`/api/v1/monitors/${encodeURIComponent(monitorId)}`, { method: 'PATCH', body: fields });
}

export function removeMonitor(monitorId: string): Promise<{ seq: number }> {
  return requestJson(`/api/v1/monitors/${encodeURIComponent(monitorId)}`, { method: 'DELETE' });
}
