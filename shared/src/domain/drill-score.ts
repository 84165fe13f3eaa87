import type { Bilingual, PlanRun, PlanStep } from './plan.js';
import { bypassedSteps } from './plan-run.js';
import { DRILL_TARGETS, type DrillTarget } from '../schemas/drill.schemas.js';

/**
 * A drill's evaluation (演练评估): each target the scenario set against when the team reached
 * it, each step of the plan against its due time, and a score by the rule below, which the
 * report prints as it is. Pure: the same facts give the same score on every screen and in
 * every export.
 */

/** The rule, printed in the report beside the score. */
export const DRILL_SCORING_RULE: Bilingual = {
  zh:
    '满分100分：时间目标占50分、预案步骤占50分，各自在所列项目间平均分配。' +
    '目标按时达成得全分，超时但在目标时间两倍以内得一半，更晚或未达成不得分。' +
    '必做步骤按时完成得全分，超时完成得一半，跳过（注明原因）得四分之一，未完成不得分；未走到的分支不计。' +
    '未设目标或预案无必做步骤时，另一部分占满100分。90分及以上为优秀，75分及以上为良好，60分及以上为合格，其余为不合格。',
  en:
    'Out of 100: the time targets are worth 50 points and the plan steps 50, each shared equally among its items. ' +
    'A target met on time earns its full share; late but within twice its time, half; later or never, nothing. ' +
    'A required step done on time earns its full share; done late, half; skipped with a reason, a quarter; not done, nothing; branches not taken do not count. ' +
    'With no targets, or no required steps, the other part is worth all 100. 90 or more is excellent, 75 good, 60 a pass, below that a fail.',
};

export type TargetVerdict = 'on_time' | 'late' | 'very_late' | 'missed';
export type StepVerdict = 'on_time' | 'late' | 'skipped' | 'missed';
export type DrillGrade = 'excellent' | 'good' | 'pass' | 'fail';

export interface TargetResult {
  target: DrillTarget;
  /** Seconds from the drill's start the scenario allows. */
  targetSec: number;
  /** Seconds from the drill's start it took; null when it never happened. */
  actualSec: number | null;
  verdict: TargetVerdict;
  points: number;
  maxPoints: number;
}

export interface StepResult {
  stepId: string;
  title: Bilingual;
  required: boolean;
  /** Seconds after the plan started that the step was due, and that it was done or skipped. */
  dueSec: number;
  actualSec: number | null;
  verdict: StepVerdict;
  reason: string | null;
  points: number;
  maxPoints: number;
}

export interface DrillEvaluation {
  targets: TargetResult[];
  steps: StepResult[];
  /** 0–100, one decimal. */
  score: number;
  grade: DrillGrade;
  late: string[];
  skipped: string[];
  missed: string[];
}

export interface DrillFacts {
  /** ISO time the drill started. */
  startedAt: string;
  /** The targets the scenario set (seconds from the start). */
  targets: Partial<Record<DrillTarget, number>>;
  /** When the team reached each target (ISO), absent or null when it did not. */
  reached: Partial<Record<DrillTarget, string | null>>;
  /** The plan run of the drill's incident; null when no plan was started. */
  run: PlanRun | null;
}

const TARGET_POINTS = 50;
const STEP_POINTS = 50;

const round1 = (value: number) => Math.round(value * 10) / 10;
const secondsBetween = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

function targetVerdict(targetSec: number, actualSec: number | null): TargetVerdict {
  if (actualSec === null) return 'missed';
  if (actualSec <= targetSec) return 'on_time';
  return actualSec <= 2 * targetSec ? 'late' : 'very_late';
}

const TARGET_SHARE: Record<TargetVerdict, number> = { on_time: 1, late: 0.5, very_late: 0, missed: 0 };
const STEP_SHARE: Record<StepVerdict, number> = { on_time: 1, late: 0.5, skipped: 0.25, missed: 0 };

function stepVerdict(run: PlanRun, step: PlanStep): { verdict: StepVerdict; actualSec: number | null } {
  const state = run.states[step.id];
  const actualSec = state?.at && state.status !== 'pending' ? secondsBetween(run.startedAt, state.at) : null;
  if (state?.status === 'skipped') return { verdict: 'skipped', actualSec };
  if (state?.status === 'done' && actualSec !== null) return { verdict: actualSec <= step.dueAfterSec ? 'on_time' : 'late', actualSec };
  return { verdict: 'missed', actualSec: null };
}

export function gradeOf(score: number): DrillGrade {
  if (score >= 90) return 'excellent';
  if (score >= 75) return 'good';
  if (score >= 60) return 'pass';
  return 'fail';
}

/** Scores a drill by `DRILL_SCORING_RULE`. */
export function evaluateDrill(facts: DrillFacts): DrillEvaluation {
  const set = DRILL_TARGETS.filter((target) => facts.targets[target] !== undefined);
  const run = facts.run;
  const bypassed = new Set(run ? bypassedSteps(run).map((step) => step.id) : []);
  const counted = run ? run.steps.filter((step) => !bypassed.has(step.id)) : [];
  const required = counted.filter((step) => step.required);

  // No plan started: its steps cannot be scored, and that costs the whole step part.
  const stepPart = run && required.length === 0 ? 0 : set.length === 0 ? TARGET_POINTS + STEP_POINTS : STEP_POINTS;
  const targetPart = set.length === 0 ? 0 : TARGET_POINTS + STEP_POINTS - stepPart;

  const targets = set.map((target): TargetResult => {
    const targetSec = facts.targets[target]!;
    const at = facts.reached[target];
    const actualSec = at ? secondsBetween(facts.startedAt, at) : null;
    const verdict = targetVerdict(targetSec, actualSec);
    const maxPoints = targetPart / set.length;
    return { target, targetSec, actualSec, verdict, points: maxPoints * TARGET_SHARE[verdict], maxPoints };
  });

  const steps = counted.map((step): StepResult => {
    const { verdict, actualSec } = stepVerdict(run!, step);
    const maxPoints = step.required && required.length > 0 ? stepPart / required.length : 0;
    const reason = run!.states[step.id]?.reason ?? null;
    return { stepId: step.id, title: step.title, required: step.required, dueSec: step.dueAfterSec, actualSec, verdict, reason, points: maxPoints * STEP_SHARE[verdict], maxPoints };
  });

  const total = targets.reduce((sum, result) => sum + result.points, 0) + steps.reduce((sum, result) => sum + result.points, 0);
  const score = round1(total);
  const idsWith = (verdict: StepVerdict) => steps.filter((step) => step.verdict === verdict && (step.required || verdict !== 'missed')).map((step) => step.stepId);
  return {
    targets: targets.map((result) => ({ ...result, points: round1(result.points), maxPoints: round1(result.maxPoints) })),
    steps: steps.map((result) => ({ ...result, points: round1(result.points), maxPoints: round1(result.maxPoints) })),
    score,
    grade: gradeOf(score),
    late: idsWith('late'),
    skipped: idsWith('skipped'),
    missed: idsWith('missed'),
  };
}
