import type { DrillMode, DrillTarget } from '../schemas/drill.schemas.js';
import type { DrillComment, DrillRunInfo, DrillRunState } from './drill.js';
import type { DrillEvaluation, DrillGrade } from './drill-score.js';
import type { Stream } from './events.js';
import type { Bilingual, PlanRun } from './plan.js';

/**
 * A drill's report (演练评估报告, for the debrief 复盘): the run, its evaluation with the rule it
 * was scored by, the comments, the plan as it stood (a tabletop's facilitator walks it from
 * here), and the range of its stream to replay. A run not ended yet is evaluated as it stands
 * (`provisional`).
 */
export interface DrillReport {
  run: DrillRunInfo & {
    stream: Stream;
    state: DrillRunState;
    summary: Bilingual;
    targets: Partial<Record<DrillTarget, number>>;
    endedAt: string | null;
    pausedSec: number;
  };
  evaluation: DrillEvaluation;
  provisional: boolean;
  /** DRILL_SCORING_RULE, as the score was computed. */
  rule: Bilingual;
  comments: DrillComment[];
  /** The incident whose plan was scored, and its run as the drill's events left it. */
  plan: { incidentId: string; run: PlanRun } | null;
  /** The drill stream's range, for `?replay=1&stream=…&from&to`. */
  replay: { stream: Stream; from: string; to: string };
  generatedAt: string;
}

/** One ended run of a scenario, for the comparison over time. */
export interface DrillComparisonRun {
  id: string;
  mode: DrillMode;
  startedAt: string;
  endedAt: string;
  score: number;
  grade: DrillGrade;
  /** Seconds each target took on the drill's clock (null: never reached). */
  targets: Partial<Record<DrillTarget, number | null>>;
}

export interface DrillComparison {
  scenarioId: string;
  /** The newest run's name and targets. */
  name: Bilingual | null;
  targets: Partial<Record<DrillTarget, number>>;
  /** Oldest first, at most MAX_COMPARED_RUNS (the newest ones). */
  runs: DrillComparisonRun[];
}

export const MAX_COMPARED_RUNS = 50;
