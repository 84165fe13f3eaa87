import type { Alarm, DomainEvent } from '@vigil/shared';
import { requestJson } from '../../lib/http';
import { pagePath, type HistoryFilters, type PageCursor } from './historyQuery';

export interface HistoryPage {
  alarms: Alarm[];
  /** Older alarms (pass as `before`); null at the oldest. */
  nextCursor: string | null;
  /** Newer alarms, including ones raised since (pass as `after`). */
  prevCursor: string | null;
}

export function fetchHistoryPage(filters: HistoryFilters, cursor: PageCursor): Promise<HistoryPage> {
  return requestJson<HistoryPage>(pagePath(filters, cursor));
}

export interface AlarmTimeline {
  alarm: Alarm;
  events: DomainEvent[];
  truncated: boolean;
}

export function fetchTimeline(alarmId: string): Promise<AlarmTimeline> {
  return requestJson<AlarmTimeline>(`/api/v1/alarms/${encodeURIComponent(alarmId)}/timeline`);
}
