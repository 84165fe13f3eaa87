import { useEffect, useMemo } from 'react';
import { serverNow } from '../../realtime/serverClock';
import { guardPositions } from '../guards/guardPositions';
import { drillElapsedSec } from './drillClock';
import { firedWalks, walkFixes } from './drillWalks';
import type { DrillRun } from './drillsApi';

/** A walking guard moves on the map once a second, as a phone's fixes would. */
const STEP_MS = 1_000;

/**
 * A drill's simulated guards (its guard-walk injects) on this screen's map: their fixes put into
 * the page's positions lane once a second while the drill runs, standing still while paused.
 * The server sends a drill's screens only the live fixes of the real guards taking part in it
 * (their phones): every other guard a drill's map moves is one of these.
 * (drillElapsedSec is whole seconds: a walk on the drill's clock moves a step a second.)
 */
export function useDrillWalks(run: DrillRun | null): void {
  const walks = useMemo(() => (run ? firedWalks(run.scenario.injects, run.injectsDone) : []), [run]);
  const siteId = run?.siteId ?? '';
  const pausedAt = run?.state === 'paused' && run.pausedAt ? Date.parse(run.pausedAt) : null;
  const clock = useMemo(() => (run ? { startedAt: run.startedAt, state: run.state, pausedAt: run.pausedAt, pausedSec: run.pausedSec, endedAt: run.endedAt } : null), [run]);
  useEffect(() => {
    if (walks.length === 0 || !clock) return;
    const step = () => {
      const now = pausedAt ?? serverNow();
      guardPositions.apply({ siteId, full: false, fixes: walkFixes(walks, siteId, now, drillElapsedSec(clock, now)) });
    };
    step();
    if (pausedAt !== null) return;
    const timer = setInterval(step, STEP_MS);
    return () => clearInterval(timer);
  }, [walks, siteId, pausedAt, clock]);
}
