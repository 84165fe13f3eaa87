import { randomUUID } from 'node:crypto';
import {
  DRILL_MARK,
  DrillAdHocInjectBody,
  DrillInjectInput,
  DrillStartBody,
  can,
  takesPartIn,
  drillFactsOf,
  drillScenarioRefIssues,
  drillStream,
  evaluateDrill,
  parseDrillScenario,
  planFailure,
  planIssue,
  type DrillEvaluation,
  type DrillRunInfo,
  type PlanIssue,
  type User,
} from '@vigil/shared';
import { conflict, notFound, parseOrThrow, validationError } from '../../lib/http-error.js';
import { eventsAfter } from '../../repositories/events.repository.js';
import { listGuards } from '../../repositories/guards.repository.js';
import { findCurrentTemplate, listCurrentTemplates } from '../../repositories/plan-templates.repository.js';
import { shiftDrillTimers } from '../../repositories/incidents.repository.js';
import { openIncident } from '../incidents/open-incident.js';
import { NEVER } from '../incidents/plan-steps.service.js';
import { listSiteRows } from '../../repositories/sites.repository.js';
import { listMonitors } from '../../repositories/wall.repository.js';
import { drillPeople, drillRunInsert, drillRunUpdate, enabledUserIds, findDrillRun, listDrillRuns, type DrillRunRow } from '../../repositories/drills.repository.js';
import { runCommand, type CommandLog } from '../append.js';
import { onStream, type Deps } from '../deps.js';
import { drillActor, fireInjectIn, injectDueAt, prepareInject } from './drill-injects.js';

/**
 * Drill runs (演练): start, pause, resume, end, inject the next event early or one ad hoc.
 * Each is a command of the drill's own stream `drill:<runId>` through the one append path, its
 * change on the drill_runs row and its event in one statement; nothing here writes live state.
 * Who may: the `drills.run` roles (checked by the route); the run's participants take part.
 */

const userActor = (user: User) => ({ kind: 'user' as const, id: user.id, name: user.displayName });

const prefixed = (issues: readonly PlanIssue[], prefix: string) => issues.map((issue) => planIssue(`${prefix}${issue.path}`, issue.message));

export function runInfoOf(run: DrillRunRow): DrillRunInfo {
  return {
    id: run.id,
    scenarioId: run.scenario.id,
    name: run.scenario.name,
    mode: run.mode,
    siteId: run.siteId,
    planId: run.scenario.planId,
    controller: { id: run.controllerId, name: run.controllerName },
    participants: run.participants,
    startedAt: run.startedAt.toISOString(),
  };
}

/** Checks a scenario whole and against its site, the roster and the plan library; refuses it naming the field. */
async function checkedScenario(deps: Deps, input: unknown) {
  const parsed = parseDrillScenario(input);
  if (!parsed.ok) throw validationError(planFailure(prefixed(parsed.issues, 'scenario.')));
  const scenario = parsed.value;
  const site = await listSiteRows(deps.db, [scenario.siteId]);
  const guards = await listGuards(deps.db, { siteIds: [scenario.siteId] });
  const plans = await listCurrentTemplates(deps.db);
  const issues = drillScenarioRefIssues(scenario, {
    siteId: site.sites[0]?.id ?? '',
    deviceIds: new Set(site.devices.map((device) => device.id)),
    zoneIds: new Set(site.zones.map((zone) => zone.id)),
    guardIds: new Set(guards.map((guard) => guard.id)),
    planIds: new Set(plans.map((plan) => plan.id)),
  });
  if (issues.length > 0) throw validationError(planFailure(prefixed(issues, 'scenario.')));
  return scenario;
}

/** Starts a drill: a new run on its own stream, `drill.started` its first event; the scheduler fires its injects from here. */
export async function startDrill(deps: Deps, body: unknown, user: User): Promise<{ run: DrillRunInfo; seq: number; incidentId?: string }> {
  const input = parseOrThrow(DrillStartBody, body);
  const scenario = await checkedScenario(deps, input.scenario);
  const participants = [...new Set(input.participants.filter((id) => id !== user.id))];
  const known = await enabledUserIds(deps.db, participants);
  const unknown = participants.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw validationError(planFailure([planIssue(`participants[${unknown}]`, `no user with id "${participants[unknown]}"`)]));
  const id = randomUUID();
  const stream = drillStream(id);
  const done = await runCommand(onStream(deps, stream), { stream }, async (log) => {
    const row: DrillRunRow = {
      id,
      stream,
      siteId: scenario.siteId,
      scenario,
      mode: scenario.mode,
      state: 'running',
      controllerId: user.id,
      controllerName: user.displayName,
      participants,
      startedAt: log.now,
      pausedAt: null,
      pausedSec: 0,
      endedAt: null,
      nextInject: 0,
      nextInjectAt: null,
      injectsDone: [],
      guardStatuses: {},
      // The drill's wall starts as the live one stands; from here only the drill's wall commands change it.
      monitorViews: Object.fromEntries(
        (await listMonitors(log.tx)).filter((monitor) => monitor.siteId === scenario.siteId).map((monitor) => [monitor.id, { view: monitor.view, releasedAlarmIds: [] }]),
      ),
      evaluation: null,
    };
    row.nextInjectAt = injectDueAt(row, 0);
    await log.append(drillRunInsert(log.tx, row), { type: 'drill.started', siteId: row.siteId, actor: userActor(user), payload: { run: runInfoOf(row) } });
    return runInfoOf(row);
  });
  if (scenario.mode !== 'tabletop') return { run: done.value, seq: done.seq };
  const opened = await openTabletopIncident(deps, done.value, user);
  return { run: done.value, seq: opened.seq, incidentId: opened.incidentId };
}

/**
 * A tabletop (桌面推演) has no devices to raise an alarm: its incident is opened with the drill,
 * in the drill's stream, with the scenario's plan started, for the facilitator to walk step by
 * step through the normal plan-step commands. Its command id comes from the run, so it opens once.
 */
async function openTabletopIncident(deps: Deps, run: DrillRunInfo, user: User): Promise<{ seq: number; incidentId: string }> {
  const template = await findCurrentTemplate(deps.db, run.planId);
  const site = (await listSiteRows(deps.db, [run.siteId])).sites[0];
  if (!template || !site) throw notFound(`scenario.planId: no plan with id "${run.planId}"`);
  return openIncident(
    onStream(deps, drillStream(run.id)),
    {
      commandId: `tabletop-${run.id}`,
      siteId: run.siteId,
      alarmIds: [],
      type: template.incidentType,
      title: `${DRILL_MARK.zh}${run.name.zh} ${DRILL_MARK.en} ${run.name.en}`,
      location: { position: [site.planWidth / 2, site.planHeight / 2], floor: 0, zoneId: null },
      planId: run.planId,
    },
    user,
  );
}

async function runOf(deps: Deps, runId: string): Promise<DrillRunRow> {
  const run = await findDrillRun(deps.db, runId);
  if (!run) throw notFound(`runId: no drill run with id "${runId}"`);
  return run;
}

/** A command on one run, on its stream; the run read again under the event-log lock. */
async function onRun<T>(deps: Deps, runId: string, work: (log: CommandLog, run: DrillRunRow) => Promise<T>): Promise<{ seq: number; value: T }> {
  const { stream } = await runOf(deps, runId);
  return runCommand(onStream(deps, stream), { stream }, async (log) => work(log, (await findDrillRun(log.tx, runId))!));
}

const notInState = (run: DrillRunRow, verb: string) => conflict(`state: the drill is ${run.state} and cannot be ${verb}`, { rule: 'drillState', state: run.state });

export async function pauseDrill(deps: Deps, runId: string, user: User): Promise<{ seq: number }> {
  const done = await onRun(deps, runId, async (log, run) => {
    if (run.state !== 'running') throw notInState(run, 'paused');
    await log.append(drillRunUpdate(log.tx, run.id, ['running'], { state: 'paused', pausedAt: log.now, nextInjectAt: null }), {
      type: 'drill.paused',
      siteId: run.siteId,
      actor: userActor(user),
      payload: { runId: run.id },
    });
  });
  return { seq: done.seq };
}

/** Resumes a paused drill: the injects still to come move later by the pause. */
export async function resumeDrill(deps: Deps, runId: string, user: User): Promise<{ seq: number }> {
  const done = await onRun(deps, runId, async (log, run) => {
    if (run.state !== 'paused') throw notInState(run, 'resumed');
    const pausedFor = Math.max(0, Math.round((log.now.getTime() - (run.pausedAt ?? log.now).getTime()) / 1000));
    const resumed = { ...run, pausedSec: run.pausedSec + pausedFor };
    // Its plan steps' timers and unanswered dispatches stood still too: they move later by the pause.
    await shiftDrillTimers(log.tx, run.stream, run.pausedAt ?? log.now, log.now, NEVER);
    await log.append(
      drillRunUpdate(log.tx, run.id, ['paused'], { state: 'running', pausedAt: null, pausedSec: resumed.pausedSec, nextInjectAt: injectDueAt(resumed, run.nextInject) }),
      { type: 'drill.resumed', siteId: run.siteId, actor: userActor(user), payload: { runId: run.id, pausedSec: pausedFor } },
    );
  });
  return { seq: done.seq };
}

/** Ends a drill and evaluates it (evaluateDrill over the drill stream's own events), stored with the run and in `drill.ended`. */
export async function endDrill(deps: Deps, runId: string, user: User): Promise<{ seq: number; evaluation: DrillEvaluation }> {
  const done = await onRun(deps, runId, async (log, run) => {
    if (run.state === 'ended') throw notInState(run, 'ended');
    const events = await eventsAfter(log.tx, run.stream, 0, 100_000);
    const evaluation = evaluateDrill(drillFactsOf(runInfoOf(run), run.scenario.targets, events));
    await log.append(drillRunUpdate(log.tx, run.id, ['running', 'paused'], { state: 'ended', endedAt: log.now, nextInjectAt: null, evaluation }), {
      type: 'drill.ended',
      siteId: run.siteId,
      actor: userActor(user),
      payload: { runId: run.id, evaluation },
    });
    return evaluation;
  });
  return { seq: done.seq, evaluation: done.value };
}

/** The scenario's next inject, now (early); the ones after it keep their times. */
export async function injectNextNow(deps: Deps, runId: string): Promise<{ seq: number; injectId: string }> {
  const run = await runOf(deps, runId);
  const inject = run.scenario.injects[run.nextInject];
  if (run.state === 'ended') throw notInState(run, 'injected into');
  if (!inject) throw conflict('nextInject: every inject of the scenario has fired', { rule: 'noInjectLeft' });
  const placement = await prepareInject(deps, run, inject);
  const done = await onRun(deps, runId, async (log, locked) => {
    if (locked.state === 'ended') throw notInState(locked, 'injected into');
    if (locked.nextInject !== run.nextInject) throw conflict('nextInject: that inject fired meanwhile; look again', { rule: 'injectFired' });
    await fireInjectIn(log, locked, inject, placement, { early: true, adHoc: false, index: run.nextInject });
  });
  return { seq: done.seq, injectId: inject.id };
}

/** An inject the controller writes now (checked like a scenario's, and against the site). */
export async function injectAdHoc(deps: Deps, runId: string, body: unknown): Promise<{ seq: number; injectId: string }> {
  const { inject: raw } = parseOrThrow(DrillAdHocInjectBody, body);
  const parsed = DrillInjectInput.safeParse(raw);
  const run = await runOf(deps, runId);
  if (run.state === 'ended') throw notInState(run, 'injected into');
  // Checked as a one-inject scenario of the run's own: the same messages, the same references.
  const scenario = await checkedScenario(deps, { ...run.scenario, injects: [parsed.success ? { ...parsed.data, id: parsed.data.id } : raw] }).catch((error: unknown) => {
    throw rebased(error);
  });
  const inject = scenario.injects[0]!;
  const placement = await prepareInject(deps, run, inject);
  const done = await onRun(deps, runId, async (log, locked) => {
    if (locked.state === 'ended') throw notInState(locked, 'injected into');
    await fireInjectIn(log, locked, inject, placement, { early: false, adHoc: true });
  });
  return { seq: done.seq, injectId: inject.id };
}

/** `scenario.injects[0] (x).alarm.kind` → `inject.alarm.kind` for an ad hoc inject. */
function rebased(error: unknown): unknown {
  if (!(error instanceof Error) || !('issues' in error) || !Array.isArray(error.issues)) return error;
  const issues = (error.issues as PlanIssue[]).map((issue) => planIssue(issue.path.replace(/^scenario\.injects\[0\](?: \([^)]*\))?/, 'inject'), issue.message));
  return validationError(planFailure(issues));
}

export { drillActor };

/** The runs a user sees (all for the drills.run roles, else those they take part in), newest first, for the list and the comparison over time. */
export async function listDrills(deps: Deps, user: User) {
  const rows = await listDrillRuns(deps.db, { userId: can(user.role, 'drills.run') ? undefined : user.id, limit: 200 });
  return rows.map((run) => ({ ...runInfoOf(run), state: run.state, endedAt: run.endedAt?.toISOString() ?? null, score: run.evaluation?.score ?? null, grade: run.evaluation?.grade ?? null }));
}

/** At most this many users offered to take part (the roster of one control room is far smaller). */
const MAX_PEOPLE = 500;

/** The users a controller may take into a drill. */
export async function drillParticipantChoices(deps: Deps) {
  return drillPeople(deps.db, MAX_PEOPLE);
}

/**
 * A run as the controller's and the participants' screens read it; anyone else gets a 404 (as if
 * it did not exist). The facilitator's notes are the controller's (and the drill runners') while
 * the drill runs: a participant's copy has no note injects, fired or to come, so the script does
 * not tell the team; once it has ended the whole script is the debrief's.
 */
export async function readDrillRun(deps: Deps, runId: string, user: User) {
  const run = await findDrillRun(deps.db, runId);
  if (!run || !(can(user.role, 'drills.run') || takesPartIn(runInfoOf(run), user.id))) throw notFound(`runId: no drill run with id "${runId}"`);
  const presented = presentRun(run);
  const facilitates = run.controllerId === user.id || can(user.role, 'drills.run');
  return facilitates || run.state === 'ended' ? presented : withoutNotes(presented);
}

function withoutNotes(run: ReturnType<typeof presentRun>): ReturnType<typeof presentRun> {
  const notes = new Set(run.scenario.injects.filter((inject) => inject.kind === 'note').map((inject) => inject.id));
  return {
    ...run,
    scenario: { ...run.scenario, injects: run.scenario.injects.filter((inject) => inject.kind !== 'note') },
    // The same next inject, counted among the injects left in.
    nextInject: run.scenario.injects.slice(0, run.nextInject).filter((inject) => inject.kind !== 'note').length,
    injectsDone: run.injectsDone.filter((done) => (done.inject ? done.inject.kind !== 'note' : !notes.has(done.injectId))),
  };
}

function presentRun(run: DrillRunRow) {
  return {
    ...runInfoOf(run),
    stream: run.stream,
    state: run.state,
    scenario: run.scenario,
    pausedAt: run.pausedAt?.toISOString() ?? null,
    pausedSec: run.pausedSec,
    endedAt: run.endedAt?.toISOString() ?? null,
    nextInject: run.nextInject,
    nextInjectAt: run.nextInjectAt?.toISOString() ?? null,
    injectsDone: run.injectsDone,
    evaluation: run.evaluation,
  };
}
