import type { ReportPeriod, SiteReport } from '@vigil/shared';
import { requestJson } from '../../lib/http';

export interface ReportChoice {
  siteId: string;
  period: ReportPeriod;
  /** A day of the period, YYYY-MM-DD. */
  start: string;
}

const params = (choice: ReportChoice) => new URLSearchParams({ siteId: choice.siteId, period: choice.period, start: choice.start });

export async function fetchSiteReport(choice: ReportChoice): Promise<SiteReport> {
  const { report } = await requestJson<{ report: SiteReport }>(`/api/v1/reports?${params(choice).toString()}`);
  return report;
}

/** The download of the report's tables: CSV or XLSX, headers in the screen's language. */
export function reportExportPath(choice: ReportChoice, format: 'csv' | 'xlsx', language: string): string {
  const query = params(choice);
  query.set('lang', language === 'zh-CN' ? 'zh-CN' : 'en');
  return `/api/v1/reports/export.${format}?${query.toString()}`;
}
