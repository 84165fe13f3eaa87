import { dueDrillInjects, findDrillRun, nextDrillInjectDue } from '../repositories/drills.repository.js';
import { runCommand } from '../services/append.js';
import { onStream } from '../services/deps.js';
import { fireInjectIn, prepareInject } from '../services/drills/drill-injects.js';
import type { Duty } from './scheduler.js';

/** How many drills' due injects one round fires (the next round follows at once when more are due). */
const BATCH = 20;

/**
 * A running drill's next inject whose time came: fired in the drill's own stream, once. The due
 * time is the run's `next_inject_at`, so a restart fires it at its moment; firing moves the run
 * to the next inject in the statement that appends `drill.injected`, conditional on the run
 * still standing at that inject, so a second node or tick appends nothing. Injects that fell due
 * together (a restart after a long stop) fire one per command, in order.
 */
export const drillInjects: Duty = {
  name: 'drill inject',
  nextDueAt: (db) => nextDrillInjectDue(db),
  async fire(deps, now) {
    for (const due of await dueDrillInjects(deps.db, now, BATCH)) {
      const inject = due.scenario.injects[due.nextInject];
      if (!inject) continue;
      const placement = await prepareInject(deps, due, inject);
      await runCommand(onStream(deps, due.stream), { stream: due.stream }, async (log) => {
        const run = await findDrillRun(log.tx, due.id);
        if (!run || run.state !== 'running' || run.nextInject !== due.nextInject || !run.nextInjectAt || run.nextInjectAt > now) return;
        await fireInjectIn(log, run, inject, placement, { early: false, adHoc: false, index: due.nextInject });
      });
    }
  },
};
