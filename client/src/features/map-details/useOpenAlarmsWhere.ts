import { isOpen, type Alarm } from '@vigil/shared';
import { useMemo } from 'react';
import { useAlarmStore } from '../alarms/alarmStore';
import { placeOf, type SiteIndex } from '../sites/siteIndex';

/** Open alarms at a device, or in any of some zones. */
export function useOpenAlarmsWhere(index: SiteIndex, where: { deviceId?: string; zoneIds?: readonly string[] }): Alarm[] {
  const alarms = useAlarmStore((store) => store.live.alarms);
  const { deviceId, zoneIds } = where;
  const zoneKey = zoneIds?.join(',') ?? '';
  return useMemo(() => {
    const zones = new Set(zoneKey ? zoneKey.split(',') : []);
    return [...alarms.values()].filter((alarm) => {
      if (!isOpen(alarm.state)) return false;
      if (deviceId && alarm.deviceId === deviceId) return true;
      const zoneId = placeOf(alarm, index).zone?.id;
      return zoneId !== undefined && zones.has(zoneId);
    });
  }, [alarms, deviceId, zoneKey, index]);
}
