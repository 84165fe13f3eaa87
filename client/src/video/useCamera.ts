import type { Device } from '@vigil/shared';
import { useMemo } from 'react';
import { useAlarmStore } from '../features/alarms/alarmStore';

/** A camera of any site in the live state, by id; undefined for one that is not (or no longer) there. */
export function useCamera(cameraId: string): Device | undefined {
  // The sites object changes only with a site event, not with alarms or guards.
  const sites = useAlarmStore((store) => store.live.sites);
  return useMemo(() => {
    for (const site of Object.values(sites)) {
      const device = site.devices.find((candidate) => candidate.id === cameraId);
      if (device) return device;
    }
    return undefined;
  }, [sites, cameraId]);
}
