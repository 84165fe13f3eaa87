import type { Alarm } from '@vigil/shared';
import { useMemo } from 'react';
import { useAlarmStore } from '../alarms/alarmStore';
import { liveAlarms } from '../alarms/liveQueue';
import { placeOf, type SiteIndex } from '../sites/siteIndex';

/** Open alarms at a device, or in any of some zones. */
export function useOpenAlarmsWhere(index: SiteIndex, where: { deviceId?: string; zoneIds?: readonly string[] }): Alarm[] {
  const alarms = useAlarmStore((store) => store.live.alarms);
  const { deviceId, zoneIds } = where;
  const zoneKey = zoneIds?.join(',') ?? '';
  return useMemo(() => {
    const zones = new Set(zoneKey ? zoneKey.split(',') : []);
    return liveAlarms({ alarms }).open.filter((alarm) => {
      if (deviceId && alarm.deviceId === deviceId) return true;
      const zoneId = placeOf(alarm, index).zone?.id;
      return zoneId !== undefined && zones.has(zoneId);
    });
  }, [alarms, deviceId, zoneKey, index]);
}
