import { requestJson } from '../../lib/http';
import type { TrailPoint } from './guardTracks';

export async function fetchTrails(siteId: string): Promise<Record<string, TrailPoint[]>> {
  const { trails } = await requestJson<{ trails: Record<string, TrailPoint[]> }>(`/api/v1/sites/${encodeURIComponent(siteId)}/trails?minutes=5`);
  return trails;
}
