import type { Dispatch, Incident } from '../domain/incident.js';
import type { PlanStep, PlanTemplate } from '../domain/plan.js';
import { startPlanRun } from '../domain/plan-run.js';

/** Small builders for tests of plans, incidents and dispatch (not part of the package's API). */

export const FIXTURE_AT = '2026-12-02T03:00:00.000Z';
export const commander = { id: 'u-cmd', name: '值班主管' };

export function buildStep(id: string, patch: Partial<PlanStep> = {}): PlanStep {
  return {
    id,
    kind: 'confirm',
    title: { zh: `步骤 ${id}`, en: `Step ${id}` },
    detail: null,
    role: 'commander',
    dueAfterSec: 120,
    warnAtSec: 90,
    required: false,
    next: {},
    options: [],
    party: null,
    action: null,
    guards: null,
    ...patch,
  };
}

/** A fire-like plan: assess (yes/no) → call 119 → evacuate → report, with a false-alarm branch. */
export function buildPlan(patch: Partial<PlanTemplate> = {}): PlanTemplate {
  return {
    id: 'fire',
    version: 1,
    incidentType: 'fire',
    level: 2,
    name: { zh: '火灾应急预案', en: 'Fire response plan' },
    summary: { zh: '火情处置', en: 'Fire response' },
    activation: [{ alarmKinds: ['fire', 'smoke'], zoneKinds: [], zoneIds: [], maxPriority: null }],
    roles: ['commander', 'operator', 'responder'],
    steps: [
      buildStep('assess', { kind: 'yes_no', role: 'operator', dueAfterSec: 60, warnAtSec: 45, required: true, next: { no: 'false_alarm' } }),
      buildStep('call_119', { kind: 'call', party: 'fire_119', dueAfterSec: 120, warnAtSec: 90, required: true }),
      buildStep('evacuate', { role: 'responder', dueAfterSec: 300, warnAtSec: 240, required: true }),
      buildStep('report', { dueAfterSec: 1800, warnAtSec: 1500, next: { done: null } }),
      buildStep('false_alarm', { role: 'operator', dueAfterSec: 300, warnAtSec: 240, next: { done: null } }),
    ],
    publishedAt: FIXTURE_AT,
    publishedBy: null,
    ...patch,
  };
}

export function buildIncident(patch: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-1',
    siteId: 'site-1',
    number: '20261202-001',
    type: 'fire',
    level: 2,
    title: '3号楼烟感报警',
    state: 'in_progress',
    location: { position: [100, 50], floor: 0, zoneId: null },
    alarmIds: [],
    owner: commander,
    openedAt: FIXTURE_AT,
    openedBy: commander,
    resolvedAt: null,
    closedAt: null,
    summary: null,
    plan: startPlanRun(buildPlan(), FIXTURE_AT, commander),
    timeline: [],
    ...patch,
  };
}

export function buildDispatch(patch: Partial<Dispatch> = {}): Dispatch {
  return {
    id: 'd-1',
    incidentId: 'inc-1',
    siteId: 'site-1',
    guardId: 'g1',
    state: 'sent',
    instruction: null,
    sentAt: FIXTURE_AT,
    sentBy: commander,
    acceptedAt: null,
    declinedAt: null,
    declineReason: null,
    enRouteAt: null,
    onSceneAt: null,
    arrival: null,
    clearedAt: null,
    cancelledAt: null,
    unansweredAt: null,
    ...patch,
  };
}
