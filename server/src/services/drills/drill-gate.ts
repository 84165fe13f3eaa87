import { drillRunIdOf, type Stream } from '@vigil/shared';
import { conflict, type HttpError } from '../../lib/http-error.js';
import { findDrillRunByStream } from '../../repositories/drills.repository.js';
import type { Executor } from '../../db/client.js';

/**
 * A paused drill stands still: its plan timers and dispatch answers wait (shiftDrillTimers), and
 * so do its participants — what they do in it is refused until the controller resumes it, so
 * nobody gains time the score does not see. An ended drill takes nothing more.
 */
export function drillStandsStill(run: { state: string }): HttpError | null {
  if (run.state === 'paused') return conflict('stream: the drill is paused; it goes on when the controller resumes it', { rule: 'drillPaused' });
  if (run.state === 'ended') return conflict('stream: the drill has ended', { rule: 'drillEnded' });
  return null;
}

/** Throws `drillStandsStill`'s refusal for a command on a drill stream that is not running; live passes. */
export async function refuseUnlessDrillRuns(db: Executor, stream: Stream): Promise<void> {
  if (!drillRunIdOf(stream)) return;
  const run = await findDrillRunByStream(db, stream);
  const refusal = run ? drillStandsStill(run) : null;
  if (refusal) throw refusal;
}
