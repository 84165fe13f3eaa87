import { z } from 'zod';
import { REPORT_PERIODS } from '../domain/report.js';
import { EXPORT_LANGUAGES } from './alarm.schemas.js';
import { text } from './text.js';

const DATE_RULE = 'must be a date YYYY-MM-DD from 2000-01-01 to 2099-12-31';

/** A calendar date that exists (2026-02-30 does not), within the years a report may cover. */
const reportDate = text(DATE_RULE)
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: DATE_RULE })
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= '2000-01-01' && value <= '2099-12-31';
  }, { error: DATE_RULE });

const reportFields = {
  siteId: text('must be a site id')
    .min(1, { error: 'must not be empty' })
    .max(128, { error: 'must be at most 128 characters' })
    .regex(/^[\w.:\-/@]+$/, { error: 'may contain only letters, digits and . : - _ / @' }),
  period: z.enum(REPORT_PERIODS, { error: `must be one of ${REPORT_PERIODS.join(', ')}` }),
  /** A day in the period (the control room's calendar): the period is the day, week (Monday first), month or quarter holding it. */
  start: reportDate,
};

/** `GET /api/v1/reports`. */
export const ReportQuery = z.object(reportFields).strict();
export type ReportQuery = z.infer<typeof ReportQuery>;

/** `GET /api/v1/reports/export.csv` and `.xlsx`: the same report's tables, headers in one language or both. */
export const ReportExportQuery = z
  .object({ ...reportFields, lang: z.enum(EXPORT_LANGUAGES, { error: `must be one of ${EXPORT_LANGUAGES.join(', ')}` }).optional() })
  .strict();
export type ReportExportQuery = z.infer<typeof ReportExportQuery>;
