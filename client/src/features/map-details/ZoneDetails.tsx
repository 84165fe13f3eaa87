import { useTranslation } from 'react-i18next';
import { formatList } from '../../i18n/format';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useAlarmStore } from '../alarms/alarmStore';
import type { SiteIndex } from '../sites/siteIndex';
import { useFloorName } from '../sites/useFloorName';
import { DetailRow } from './DetailRow';
import { OpenAlarmList } from './OpenAlarmList';
import { useOpenAlarmsWhere } from './useOpenAlarmsWhere';

export function ZoneDetails({ zoneId, index }: { zoneId: string; index: SiteIndex }) {
  const { t, i18n } = useTranslation();
  const nameOf = useLocalizedName();
  const floorName = useFloorName(index.site);
  const zone = index.zones.get(zoneId);
  const alarms = useOpenAlarmsWhere(index, { zoneIds: [zoneId] });
  const guards = useAlarmStore((store) => store.live.guards);
  if (!zone) return null;
  const inZone = [...guards.values()].filter((guard) => guard.zoneIds.includes(zoneId));
  const deviceCount = index.site.devices.filter((device) => device.zoneId === zoneId).length;
  return (
    <>
      <h2 className="details-panel__title">{nameOf(zone)}</h2>
      <dl className="details-panel__facts">
        <DetailRow label={t('details.kind')}>{t(`zoneKind.${zone.kind}`)}</DetailRow>
        <DetailRow label={t('details.floor')}>{floorName(zone.floor)}</DetailRow>
        <DetailRow label={t('details.devicesHere')}>{String(deviceCount)}</DetailRow>
        <DetailRow label={t('details.guardsHere')}>
          {inZone.length > 0 ? formatList(inZone.map((guard) => guard.callsign), i18n.language) : t('details.noGuards')}
        </DetailRow>
      </dl>
      <OpenAlarmList alarms={alarms} />
    </>
  );
}
