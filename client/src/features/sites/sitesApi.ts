import type { Site } from '@vigil/shared';
import { requestJson } from '../../lib/http';

export async function fetchSites(): Promise<Site[]> {
  const { sites } = await requestJson<{ sites: Site[] }>('/api/v1/sites');
  return sites;
}
