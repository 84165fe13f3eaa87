import { useEffect } from 'react';
import { isReplaying } from '../../lib/screenClock';
import { guardPositions } from './guardPositions';
import { fetchTrails } from './trailsApi';

/**
 * Trails for the last few minutes when the map opens, fetched once the first frame has placed
 * the guards (frames carry only each guard's latest fix). Without the endpoint, trails simply
 * grow from frames.
 */
export function useTrailsOnLoad(siteId: string): void {
  useEffect(() => {
    // A replay brings its own trails, from the replayed fixes.
    if (isReplaying()) return;
    let cancelled = false;
    const unsubscribe = guardPositions.subscribe(() => {
      unsubscribe();
      fetchTrails(siteId)
        .then((trails) => {
          if (!cancelled) guardPositions.mergeTrails(trails);
        })
        .catch(() => undefined);
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [siteId]);
}
