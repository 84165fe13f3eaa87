import { isStale } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { formatAgo, formatList, formatRelative, formatTime } from '../../i18n/format';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useNow } from '../../lib/useNow';
import { useAlarmStore } from '../alarms/alarmStore';
import { guardPositions } from '../guards/guardPositions';
import type { SiteIndex } from '../sites/siteIndex';
import { useFloorName } from '../sites/useFloorName';
import { DetailRow } from './DetailRow';
import { OpenAlarmList } from './OpenAlarmList';
import { useOpenAlarmsWhere } from './useOpenAlarmsWhere';

const MPS_TO_KMH = 3.6;

/** A guard: roster, status, zones, and the last fix read once a second from the positions lane. */
export function GuardDetails({ guardId, index }: { guardId: string; index: SiteIndex }) {
  const { t, i18n } = useTranslation();
  const nameOf = useLocalizedName();
  const floorName = useFloorName(index.site);
  const now = useNow(1_000);
  const guard = useAlarmStore((store) => store.live.guards.get(guardId));
  const zoneIds = guard?.zoneIds ?? [];
  const alarms = useOpenAlarmsWhere(index, { zoneIds });
  const fix = guardPositions.tracks.get(guardId)?.fix;
  const zones = zoneIds.flatMap((zoneId) => {
    const zone = index.zones.get(zoneId);
    return zone ? [nameOf(zone)] : [];
  });
  const unknown = t('details.unknown');
  const stale = fix ? isStale(fix, new Date(now)) : false;
  return (
    <>
      <h2 className="details-panel__title">{guard ? `${guard.callsign} · ${guard.name}` : guardId}</h2>
      <dl className="details-panel__facts">
        <DetailRow label={t('details.status')}>{guard ? t(`guardStatus.${guard.status}`) : unknown}</DetailRow>
        <DetailRow label={t('details.zoneName')}>{zones.length > 0 ? formatList(zones, i18n.language) : t('details.noZone')}</DetailRow>
        <DetailRow label={t('details.lastFix')}>
          {fix ? (
            <span data-testid="details-last-fix" data-stale={String(stale)} className={stale ? 'details-panel__stale' : undefined}>
              {stale
                ? t('details.lastFixStale', { ago: formatAgo(fix.at, now, i18n.language), time: formatTime(fix.at, i18n.language) })
                : t('details.lastFixValue', { ago: formatRelative(fix.at, now, i18n.language), time: formatTime(fix.at, i18n.language) })}
            </span>
          ) : (
            t('details.noFix')
          )}
        </DetailRow>
        <DetailRow label={t('details.floor')}>{fix ? floorName(fix.floor) : unknown}</DetailRow>
        <DetailRow label={t('details.accuracy')}>
          {fix && typeof fix.accuracy === 'number' ? t('details.accuracyValue', { metres: Math.round(fix.accuracy) }) : unknown}
        </DetailRow>
        <DetailRow label={t('details.battery')}>
          {fix && typeof fix.battery === 'number' ? t('details.batteryValue', { percent: Math.round(fix.battery) }) : unknown}
        </DetailRow>
        <DetailRow label={t('details.speed')}>
          {fix && typeof fix.speed === 'number' ? t('details.speedValue', { kmh: (fix.speed * MPS_TO_KMH).toFixed(1) }) : unknown}
        </DetailRow>
      </dl>
      <OpenAlarmList alarms={alarms} />
    </>
  );
}
