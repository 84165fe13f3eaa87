import { postFile, requestJson } from '../../lib/http';

export interface DispatchReport {
  note: string;
  photo: Blob | null;
}

/**
 * Sends the guard's report (a note and optionally a photo) to the dispatch's report route.
 * The one place that knows the route's format (server: srvdisp's dispatch report route).
 */
export async function sendDispatchReport(dispatchId: string, report: DispatchReport): Promise<void> {
  const path = `/api/v1/dispatches/${encodeURIComponent(dispatchId)}/reports`;
  if (report.photo) {
    const query = report.note ? `?note=${encodeURIComponent(report.note)}` : '';
    await postFile(`${path}${query}`, report.photo);
    return;
  }
  await requestJson(path, { method: 'POST', body: { note: report.note } });
}
