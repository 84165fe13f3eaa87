import { postFile, requestJson } from '../../lib/http';

export interface DispatchReport {
  /** Idempotent: the same id again answers the first report (a retry after a lost answer files one report). */
  commandId: string;
  note: string;
  photo: Blob | null;
}

export interface DispatchReportAnswer {
  seq: number;
  entryId: string;
  photoId: string | null;
}

/**
 * Sends the guard's report to `POST /api/v1/dispatches/:dispatchId/reports` (srvdisp's
 * shared/schemas/dispatch-report.schemas.ts): a note alone as JSON `{ note, commandId }`; with a
 * photo, the photo's bytes as the body and the note and command id in the query.
 */
export function sendDispatchReport(dispatchId: string, report: DispatchReport): Promise<DispatchReportAnswer> {
  const path = `/api/v1/dispatches/${encodeURIComponent(dispatchId)}/reports`;
  if (report.photo) {
    const query = new URLSearchParams({ commandId: report.commandId, note: report.note });
    return postFile<DispatchReportAnswer>(`${path}?${query.toString()}`, report.photo);
  }
  return requestJson<DispatchReportAnswer>(path, { method: 'POST', body: { note: report.note, commandId: report.commandId } });
}
