import { DRILL_TARGETS, type DrillComparison, type DrillReport, type DrillTarget } from '@vigil/shared';

/** Seconds as m:ss (h:mm:ss past an hour): the same in both languages, and what a stopwatch shows. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The exported file's name: the scenario, the day, the run. */
export function drillReportFileName(report: DrillReport): string {
  const day = report.run.startedAt.slice(0, 10);
  return `drill-report-${report.run.scenarioId}-${day}-${report.run.id.slice(0, 8)}.json`;
}

/** The run's length on the wall clock (to its end, or to when the report was made). */
export function runDurationSec(report: DrillReport): number {
  const end = report.run.endedAt ?? report.generatedAt;
  return Math.max(0, (Date.parse(end) - Date.parse(report.run.startedAt)) / 1000);
}

export interface ComparisonSeries {
  /** One label per run, oldest first. */
  labels: string[];
  /** Which of them is the run the report is about (-1: not among them). */
  current: number;
  score: number[];
  /** Seconds per target set in the newest scenario; null where a run never reached it. */
  targets: { target: DrillTarget; targetSec: number; values: (number | null)[] }[];
}

/** What the comparison chart draws: the score of each run and each target's time, oldest first. */
export function comparisonSeries(comparison: DrillComparison, currentRunId: string, label: (iso: string) => string): ComparisonSeries {
  const runs = comparison.runs;
  return {
    labels: runs.map((run) => label(run.startedAt)),
    current: runs.findIndex((run) => run.id === currentRunId),
    score: runs.map((run) => run.score),
    targets: DRILL_TARGETS.filter((target) => comparison.targets[target] !== undefined).map((target) => ({
      target,
      targetSec: comparison.targets[target]!,
      values: runs.map((run) => run.targets[target] ?? null),
    })),
  };
}
