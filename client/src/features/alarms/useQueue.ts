import type { Alarm } from '@vigil/shared';
import { useMemo } from 'react';
import { useNow } from '../../lib/useNow';
import { screenNow } from '../../lib/screenClock';
import { useAlarmStore } from './alarmStore';
import { FOLD_CLOCK_STEP_MS, liveAlarms, liveFold } from './liveQueue';
import type { QueueItem } from './stormFold';

export interface Queue {
  /** Open alarms in queue order (priority, then newest), every one of them, folded or not. */
  open: Alarm[];
  /** The recently resolved, newest first. */
  resolved: Alarm[];
  /** What the queue shows: rows and storm cards (see stormFold). */
  items: QueueItem[];
}

/** The queue, read from the live state (through liveQueue, the one place that reads its alarms). */
export function useQueue(): Queue {
  const alarms = useAlarmStore((store) => store.live.alarms);
  const sites = useAlarmStore((store) => store.live.sites);
  // Only a card's "still arriving" count follows the clock; which alarms fold does not.
  const tick = useNow(FOLD_CLOCK_STEP_MS);
  return useMemo(() => {
    const { open, resolved } = liveAlarms({ alarms });
    return { open, resolved, items: liveFold({ alarms, sites }, screenNow()) };
    // `tick` is a dependency so the clock-dependent counts move every step.
  }, [alarms, sites, tick]);
}
