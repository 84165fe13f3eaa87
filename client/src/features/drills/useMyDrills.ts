import { takesPartIn } from '@vigil/shared';
import { useEffect, useState } from 'react';
import { drillsApi, type DrillRunSummary } from './drillsApi';

/** How often a live screen asks whether a drill its user takes part in has started (one GET). */
export const MY_DRILLS_POLL_MS = 15_000;

/** The runs not ended that this user controls or takes part in, from the runs list. */
export function runningDrillsOf(runs: readonly DrillRunSummary[], userId: string): DrillRunSummary[] {
  return runs.filter((run) => run.state !== 'ended' && takesPartIn(run, userId));
}

/**
 * The drills running now that this user takes part in, asked every MY_DRILLS_POLL_MS while
 * mounted (a live screen's "join drill", the guard's phone). A failed ask keeps the last answer.
 */
export function useMyRunningDrills(userId: string | null, enabled = true): DrillRunSummary[] {
  const [runs, setRuns] = useState<DrillRunSummary[]>([]);
  useEffect(() => {
    if (!userId || !enabled) {
      setRuns([]);
      return;
    }
    let stopped = false;
    const ask = () => {
      drillsApi.list().then(
        (all) => {
          if (!stopped) setRuns(runningDrillsOf(all, userId));
        },
        () => undefined,
      );
    };
    ask();
    const timer = setInterval(ask, MY_DRILLS_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [userId, enabled]);
  return runs;
}
