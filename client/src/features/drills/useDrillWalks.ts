import { useEffect, useMemo } from 'react';
import { serverNow } from '../../realtime/serverClock';
import { guardPositions } from '../guards/guardPositions';
import { firedWalks, walkFixes } from './drillWalks';
import type { DrillRun } from './drillsApi';

/** A walking guard moves on the map once a second, as a phone's fixes would. */
const STEP_MS = 1_000;

/**
 * A drill's simulated guards (its guard-walk injects) on this screen's map: their fixes put into
 * the page's positions lane once a second while the drill runs, standing still while paused.
 * The server sends a drill no positions, so these are the only guards a drill's map moves.
 */
export function useDrillWalks(run: DrillRun | null): void {
  const walks = useMemo(() => (run ? firedWalks(run.scenario.injects, run.injectsDone) : []), [run]);
  const siteId = run?.siteId ?? '';
  const pausedAt = run?.state === 'paused' && run.pausedAt ? Date.parse(run.pausedAt) : null;
  useEffect(() => {
    if (walks.length === 0) return;
    const step = () => {
      const now = pausedAt ?? serverNow();
      guardPositions.apply({ siteId, full: false, fixes: walkFixes(walks, siteId, now) });
    };
    step();
    if (pausedAt !== null) return;
    const timer = setInterval(step, STEP_MS);
    return () => clearInterval(timer);
  }, [walks, siteId, pausedAt]);
}
