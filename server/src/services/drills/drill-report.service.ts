import {
  DRILL_SCORING_RULE,
  DrillCommentBody,
  MAX_COMPARED_RUNS,
  MAX_DRILL_COMMENTS,
  PlanCompleteStepCommand,
  PlanSkipStepCommand,
  applyEvents,
  can,
  drillFactsOf,
  emptyState,
  evaluateDrill,
  takesPartIn,
  type DrillComment,
  type DrillComparison,
  type DrillReport,
  type User,
} from '@vigil/shared';
import { conflict, forbidden, notFound, parseOrThrow } from '../../lib/http-error.js';
import { eventsAfter } from '../../repositories/events.repository.js';
import { countDrillComments, drillCommentInsert, findDrillRun, listDrillComments, listEndedRunsOf, type DrillCommentRow, type DrillRunRow } from '../../repositories/drills.repository.js';
import { runCommand } from '../append.js';
import { onStream, type Deps } from '../deps.js';
import { idFromCommand, personOf, userActor } from '../incidents/incident-log.js';
import { completeStep, skipStep } from '../incidents/plan-steps.service.js';
import { runInfoOf } from './drill-runs.service.js';
import { drillStandsStill } from './drill-gate.js';

/**
 * The debrief side of a drill (复盘): comments on a run, its report, the comparison of a
 * scenario's runs over time, and a tabletop facilitator's step commands. Who may: the
 * `drills.run` roles and the run's controller and participants; anyone else is told the run does
 * not exist.
 */

/** Events of a drill stream read for its report (a drill is at most MAX_DRILL_SEC long). */
const MAX_REPORT_EVENTS = 100_000;

const mayRead = (user: User, run: DrillRunRow) => can(user.role, 'drills.run') || takesPartIn(runInfoOf(run), user.id);

async function readableRun(deps: Deps, runId: string, user: User): Promise<DrillRunRow> {
  const run = await findDrillRun(deps.db, runId);
  if (!run || !mayRead(user, run)) throw notFound(`runId: no drill run with id "${runId}"`);
  return run;
}

const presentComment = (row: DrillCommentRow): DrillComment => ({ id: row.id, at: row.at.toISOString(), by: { id: row.byId, name: row.byName }, text: row.text });

/** Adds a comment (`drill.commented` on the drill's stream), during the run or after it; at most MAX_DRILL_COMMENTS a run. */
export async function addDrillComment(deps: Deps, runId: string, body: unknown, user: User): Promise<{ seq: number; comment: { id: string } }> {
  const input = parseOrThrow(DrillCommentBody, body);
  const { stream } = await readableRun(deps, runId, user);
  const id = idFromCommand('drill-comment', input.commandId);
  const done = await runCommand(onStream(deps, stream), { stream, command: { id: input.commandId, userId: user.id, name: 'drill.comment' } }, async (log) => {
    const run = (await findDrillRun(log.tx, runId))!;
    if ((await countDrillComments(log.tx, run.id)) >= MAX_DRILL_COMMENTS) {
      throw conflict(`comments: this drill already has ${MAX_DRILL_COMMENTS} comments, the most it keeps`, { field: 'comments', rule: 'maxItems', max: MAX_DRILL_COMMENTS });
    }
    const by = personOf(user);
    const row: DrillCommentRow = { id, runId: run.id, stream, at: log.now, byId: by.id, byName: by.name, text: input.text };
    await log.append(drillCommentInsert(log.tx, row), {
      type: 'drill.commented',
      siteId: run.siteId,
      actor: userActor(user),
      payload: { runId: run.id, comment: presentComment(row) },
    });
  });
  return { seq: done.seq, comment: { id } };
}

/** The report of a run: ended, its stored evaluation; running or paused, evaluated as it stands. */
export async function readDrillReport(deps: Deps, runId: string, user: User): Promise<DrillReport> {
  const run = await readableRun(deps, runId, user);
  const info = runInfoOf(run);
  const events = await eventsAfter(deps.db, run.stream, 0, MAX_REPORT_EVENTS);
  const evaluation = run.evaluation ?? evaluateDrill(drillFactsOf(info, run.scenario.targets, events));
  const firstPlan = events.find((event) => event.type === 'plan.started');
  const incidentId = firstPlan?.type === 'plan.started' ? firstPlan.payload.incidentId : null;
  const planRun = incidentId ? (applyEvents(emptyState(), events).incidents.get(incidentId)?.plan ?? null) : null;
  const now = deps.clock();
  return {
    run: {
      ...info,
      stream: run.stream,
      state: run.state,
      summary: run.scenario.summary,
      targets: run.scenario.targets,
      endedAt: run.endedAt?.toISOString() ?? null,
      pausedSec: run.pausedSec,
    },
    evaluation,
    provisional: run.evaluation === null,
    rule: DRILL_SCORING_RULE,
    comments: (await listDrillComments(deps.db, run.id, MAX_DRILL_COMMENTS)).map(presentComment),
    plan: incidentId && planRun ? { incidentId, run: planRun } : null,
    replay: { stream: run.stream, from: run.startedAt.toISOString(), to: (run.endedAt ?? now).toISOString() },
    generatedAt: now.toISOString(),
  };
}

/** A scenario's ended runs (those the user may read), oldest first, with each target's time: the comparison over time. */
export async function compareScenarioRuns(deps: Deps, scenarioId: string, user: User): Promise<DrillComparison> {
  const rows = await listEndedRunsOf(deps.db, scenarioId, { userId: can(user.role, 'drills.run') ? undefined : user.id, limit: MAX_COMPARED_RUNS });
  const newest = rows[0];
  return {
    scenarioId,
    name: newest?.scenario.name ?? null,
    targets: newest?.scenario.targets ?? {},
    runs: rows
      .filter((row) => row.evaluation && row.endedAt)
      .reverse()
      .map((row) => ({
        id: row.id,
        mode: row.mode,
        startedAt: row.startedAt.toISOString(),
        endedAt: row.endedAt!.toISOString(),
        score: row.evaluation!.score,
        grade: row.evaluation!.grade,
        targets: Object.fromEntries(row.evaluation!.targets.map((target) => [target.target, target.actualSec])),
      })),
  };
}

/**
 * A facilitator's step command from the report side (a tabletop walked on one screen): the
 * normal plan-step command, on the drill's stream, while the drill runs.
 */
export async function drillStepCommand(deps: Deps, runId: string, action: 'complete' | 'skip', body: unknown, user: User): Promise<{ seq: number }> {
  const run = await readableRun(deps, runId, user);
  // As on the socket: answering a step is for those who may open incidents, skipping for those who run them.
  const permission = action === 'complete' ? 'incidents.open' : 'incidents.run';
  if (!can(user.role, permission)) throw forbidden(`forbidden: the ${user.role} role may not ${action} a plan step`, { rule: 'roleMayNot', role: user.role, permission });
  const standing = drillStandsStill(run);
  if (standing) throw standing;
  const drill = onStream(deps, run.stream);
  return action === 'complete' ? completeStep(drill, parseOrThrow(PlanCompleteStepCommand, body), user) : skipStep(drill, parseOrThrow(PlanSkipStepCommand, body), user);
}
