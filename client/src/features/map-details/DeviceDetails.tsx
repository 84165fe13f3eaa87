import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import type { SiteIndex } from '../sites/siteIndex';
import { useFloorName } from '../sites/useFloorName';
import { CameraDetails } from './CameraDetails';
import { DetailRow } from './DetailRow';
import { OpenAlarmList } from './OpenAlarmList';
import { useOpenAlarmsWhere } from './useOpenAlarmsWhere';

export function DeviceDetails({ deviceId, index }: { deviceId: string; index: SiteIndex }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const device = index.devices.get(deviceId);
  const alarms = useOpenAlarmsWhere(index, { deviceId });
  const floorName = useFloorName(index.site);
  if (!device) {
    const last = index.removedDevices.get(deviceId);
    return (
      <h2 className="details-panel__title" data-testid="details-device-removed">
        {last ? t('wallOps.place.deviceRemovedNamed', { name: nameOf(last) }) : t('wallOps.place.deviceRemoved')}
      </h2>
    );
  }
  const zone = device.zoneId ? index.zones.get(device.zoneId) : undefined;
  return (
    <>
      <h2 className="details-panel__title">{nameOf(device)}</h2>
      <dl className="details-panel__facts">
        <DetailRow label={t('details.kind')}>{t(`deviceKind.${device.kind}`)}</DetailRow>
        <DetailRow label={t('details.status')}>
          <span data-testid="details-device-status" data-status={device.status}>
            {t(`deviceStatus.${device.status}`)}
          </span>
        </DetailRow>
        <DetailRow label={t('details.zoneName')}>{zone ? nameOf(zone) : t('details.noZone')}</DetailRow>
        <DetailRow label={t('details.floor')}>{floorName(device.floor)}</DetailRow>
        {device.camera && (
          <DetailRow label={t('details.camera')}>
            {t('details.cameraValue', { heading: device.camera.heading, angle: device.camera.angle, range: device.camera.range })}
          </DetailRow>
        )}
      </dl>
      {device.kind === 'camera' && <CameraDetails camera={device} />}
      <OpenAlarmList alarms={alarms} />
    </>
  );
}
