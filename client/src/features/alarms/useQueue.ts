import { compareAlarms, isOpen, type Alarm } from '@vigil/shared';
import { useMemo } from 'react';
import { useAlarmStore } from './alarmStore';

/** Open alarms in queue order (priority, then newest) and the recently resolved, newest first. */
export function useQueue(): { open: Alarm[]; resolved: Alarm[] } {
  const alarms = useAlarmStore((store) => store.live.alarms);
  return useMemo(() => {
    const all = [...alarms.values()];
    return {
      open: all.filter((alarm) => isOpen(alarm.state)).sort(compareAlarms),
      resolved: all
        .filter((alarm) => !isOpen(alarm.state))
        .sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? '')),
    };
  }, [alarms]);
}
