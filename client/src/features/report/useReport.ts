import type { IncidentReport, Site } from '@vigil/shared';
import { useEffect, useState } from 'react';
import { requestJson } from '../../lib/http';
import { fetchSites } from '../sites/sitesApi';
import type { RosterGuard } from './reportContext';

export type ReportData =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; report: IncidentReport; site: Site | null; guards: RosterGuard[] };

/** The report, with the site (its name, the zone's) and the roster (call signs) when the reader may see them. */
export function useReport(incidentId: string): ReportData {
  const [data, setData] = useState<ReportData>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setData({ status: 'loading' });
    const load = async () => {
      const { report } = await requestJson<{ report: IncidentReport }>(`/api/v1/incidents/${encodeURIComponent(incidentId)}/report`);
      // Names only: the report stands without them.
      const [sites, guards] = await Promise.all([
        fetchSites().catch(() => [] as Site[]),
        requestJson<{ guards: RosterGuard[] }>('/api/v1/guards').then(
          (body) => body.guards,
          () => [] as RosterGuard[],
        ),
      ]);
      return { report, site: sites.find((site) => site.id === report.incident.siteId) ?? null, guards };
    };
    load().then(
      (ready) => live && setData({ status: 'ready', ...ready }),
      (error: unknown) => live && setData({ status: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [incidentId]);
  return data;
}
