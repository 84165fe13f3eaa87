import { ESCALATE_AFTER_SEC, type DomainEvent, type Stream } from '@vigil/shared';
import {
  alarmEscalatedMark,
  dispatchUnansweredMark,
  dueDispatchAnswers,
  dueEscalations,
  dueStepTimers,
  nextDispatchAnswerDue,
  nextStepTimer,
  nextUnacknowledgedTopAlarm,
  stepTimerFired,
} from '../repositories/incidents.repository.js';
import { runCommand } from '../services/append.js';
import { onStream, type Deps } from '../services/deps.js';
import { SYSTEM_ACTOR, appendIncidentEvent } from '../services/incidents/incident-log.js';
import type { Duty } from './scheduler.js';
import { drillInjects } from './drill-duty.js';

/** How many due things one duty fires per round (the next round follows at once when more are due). */
const BATCH = 100;

/**
 * Fires one due thing in its own stream's command: `fire` re-checks it under the event-log
 * lock (its change touches no row once fired) and appends nothing when another node was first.
 */
async function fireOne(deps: Deps, stream: string, fire: Parameters<typeof runCommand<void>>[2]): Promise<void> {
  await runCommand(onStream(deps, stream as Stream), { stream: stream as Stream }, fire);
}

/** A step's warning time (amber) or due time (red) passed while it is pending: `plan.stepWarned` / `plan.stepOverdue`, once. */
function stepTimerDuty(kind: 'warn' | 'due'): Duty {
  return {
    name: kind === 'warn' ? 'plan step warned' : 'plan step overdue',
    nextDueAt: (db) => nextStepTimer(db, kind),
    async fire(deps, now) {
      for (const step of await dueStepTimers(deps.db, kind, now, BATCH)) {
        await fireOne(deps, step.stream, async (log) => {
          // Still due under the lock (answered, or fired by another node, meanwhile: nothing to do).
          if ((await dueStepTimers(log.tx, kind, now, 1, step)).length === 0) return;
          await appendIncidentEvent(log, stepTimerFired(log.tx, kind, step, log.now), {
            type: kind === 'warn' ? 'plan.stepWarned' : 'plan.stepOverdue',
            siteId: step.siteId,
            actor: SYSTEM_ACTOR,
            payload: { incidentId: step.incidentId, stepId: step.stepId },
          });
        });
      }
    },
  };
}

/** A dispatch the guard did not answer within DISPATCH_ANSWER_SEC: `dispatch.unanswered`, once. */
const dispatchUnanswered: Duty = {
  name: 'dispatch unanswered',
  nextDueAt: (db) => nextDispatchAnswerDue(db),
  async fire(deps, now) {
    for (const dispatch of await dueDispatchAnswers(deps.db, now, BATCH)) {
      await fireOne(deps, dispatch.stream, async (log) => {
        if ((await dueDispatchAnswers(log.tx, now, 1, dispatch.id)).length === 0) return;
        await appendIncidentEvent(log, dispatchUnansweredMark(log.tx, dispatch.id, log.now), {
          type: 'dispatch.unanswered',
          siteId: dispatch.siteId,
          actor: SYSTEM_ACTOR,
          payload: { dispatchId: dispatch.id, incidentId: dispatch.incidentId, guardId: dispatch.guardId },
        });
      });
    }
  },
};

/** A top-priority alarm nobody acknowledged within ESCALATE_AFTER_SEC: `alarm.escalated` to the commander, once. */
const alarmEscalation: Duty = {
  name: 'alarm escalation',
  async nextDueAt(db) {
    const first = await nextUnacknowledgedTopAlarm(db);
    return first ? new Date(first.getTime() + ESCALATE_AFTER_SEC * 1000) : null;
  },
  async fire(deps, now) {
    const raisedBy = new Date(now.getTime() - ESCALATE_AFTER_SEC * 1000);
    for (const alarm of await dueEscalations(deps.db, raisedBy, BATCH)) {
      await fireOne(deps, alarm.stream, async (log) => {
        if ((await dueEscalations(log.tx, raisedBy, 1, alarm.id)).length === 0) return;
        await log.append(alarmEscalatedMark(log.tx, alarm.id, log.now, raisedBy), {
          type: 'alarm.escalated',
          siteId: alarm.siteId,
          actor: SYSTEM_ACTOR,
          payload: { alarmId: alarm.id, afterSec: ESCALATE_AFTER_SEC },
        });
      });
    }
  },
};

/** Every timed duty of issue 9, and the drills' injects (issue 11), in the order a round fires them. */
export const INCIDENT_DUTIES: readonly Duty[] = [drillInjects, stepTimerDuty('warn'), stepTimerDuty('due'), dispatchUnanswered, alarmEscalation];

/** Commits after which a due time may be earlier than the armed timer. */
const ADDS_DUE_TIMES: ReadonlySet<DomainEvent['type']> = new Set([
  'plan.started',
  'dispatch.sent',
  'alarm.raised',
  'alarm.repeated',
  'incident.stateChanged',
  'drill.started',
  'drill.resumed',
  'drill.injected',
  // Patrols: a saved route is expanded at once; a new tour brings its checkpoints' due times.
  'patrol.routeSaved',
  'patrol.tourScheduled',
]);

export const mayAddDueTimes = (event: DomainEvent): boolean => ADDS_DUE_TIMES.has(event.type);
