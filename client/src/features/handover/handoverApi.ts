import type { Handover, HandoverSummary, Role } from '@vigil/shared';
import { requestJson } from '../../lib/http';

export interface DutyOfficer {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

const site = (siteId: string) => `siteId=${encodeURIComponent(siteId)}`;

export const fetchHandovers = (siteId: string) => requestJson<{ handovers: Handover[] }>(`/api/v1/handovers?${site(siteId)}&limit=20`).then((body) => body.handovers);

export const fetchHandoverPreview = (siteId: string) => requestJson<{ summary: HandoverSummary; officers: DutyOfficer[] }>(`/api/v1/handovers/preview?${site(siteId)}`);

export function openHandover(body: { siteId: string; note?: string; toUserId?: string }): Promise<Handover> {
  return requestJson<{ handover: Handover }>('/api/v1/handovers', { method: 'POST', body }).then((answer) => answer.handover);
}

export function acknowledgeHandover(handoverId: string, note: string): Promise<Handover> {
  const body = note.trim() ? { note: note.trim() } : {};
  return requestJson<{ handover: Handover }>(`/api/v1/handovers/${encodeURIComponent(handoverId)}/acknowledge`, { method: 'POST', body }).then((answer) => answer.handover);
}
