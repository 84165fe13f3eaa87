import type { Device } from '@vigil/shared';
import { useAlarmStore } from '../features/alarms/alarmStore';

/** A camera of any site in the live state, by id; undefined for one that is not (or no longer) there. */
export function useCamera(cameraId: string): Device | undefined {
  return useAlarmStore((store) => {
    for (const site of Object.values(store.live.sites)) {
      const device = site.devices.find((candidate) => candidate.id === cameraId);
      if (device) return device;
    }
    return undefined;
  });
}
