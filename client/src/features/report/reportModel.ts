import type { Incident, ReportStep } from '@vigil/shared';

/** The closing report's figures that are worked out, not just shown: spans, a step against its due time. */

/** `m:ss`, or `h:mm:ss` from an hour up; the sign is the caller's to say ("early", "late"). */
export function formatSpan(seconds: number): string {
  const total = Math.abs(Math.trunc(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * How a step went against its due time, as the steps table says it: done early, late or on
 * time (by `m:ss`); skipped with its reason; bypassed (a branch not taken); or still open at the
 * report's moment, with the time left or overdue.
 */
export type AgainstDue =
  | { kind: 'early' | 'late'; time: string }
  | { kind: 'onTime' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'bypassed' }
  | { kind: 'openOk' | 'openOverdue'; time: string };

export function againstDue(step: Pick<ReportStep, 'status' | 'secondsLeft' | 'timing' | 'reason'>): AgainstDue {
  switch (step.status) {
    case 'done':
      if (step.secondsLeft > 0) return { kind: 'early', time: formatSpan(step.secondsLeft) };
      if (step.secondsLeft < 0) return { kind: 'late', time: formatSpan(step.secondsLeft) };
      return { kind: 'onTime' };
    case 'skipped':
      return { kind: 'skipped', reason: step.reason ?? '' };
    case 'bypassed':
      return { kind: 'bypassed' };
    case 'pending':
      return step.timing === 'overdue' || step.secondsLeft < 0
        ? { kind: 'openOverdue', time: formatSpan(step.secondsLeft) }
        : { kind: 'openOk', time: formatSpan(step.secondsLeft) };
  }
}

/** From opening to the close (or the resolution, or the report's moment while it runs). */
export function incidentSeconds(report: { generatedAt: string; incident: Pick<Incident, 'openedAt' | 'closedAt' | 'resolvedAt'> }): number {
  const { openedAt, closedAt, resolvedAt } = report.incident;
  const end = closedAt ?? resolvedAt ?? report.generatedAt;
  return Math.max(0, Math.round((Date.parse(end) - Date.parse(openedAt)) / 1000));
}

/** The file name of the JSON export: `vigil-report-20261202-003.json`. */
export function reportFileName(report: { incident: Pick<Incident, 'number'> }): string {
  return `vigil-report-${report.incident.number.replace(/[^\w.-]+/g, '_')}.json`;
}
