import { isOpenHazard, type Hazard, type Site } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { formatTime } from '../../i18n/format';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { requestJson } from '../../lib/http';
import { newCommandId } from '../../lib/ids';
import { useAlarmStore } from '../alarms/alarmStore';

/** The open hazards of a site on the console, newest first; a rectified one is verified from here (commanders). */
export function HazardList({ site, mayHandle }: { site: Site; mayHandle: boolean }) {
  const { t, i18n } = useTranslation();
  const nameOf = useLocalizedName();
  const hazards = useAlarmStore((store) => store.live.hazards);
  const [error, setError] = useState<string | null>(null);
  const open = [...hazards.values()].filter((hazard) => hazard.siteId === site.id && isOpenHazard(hazard)).sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
  if (open.length === 0) return null;
  const verify = (hazard: Hazard) =>
    requestJson(`/api/v1/hazards/${hazard.id}/verify`, { method: 'POST', body: { commandId: newCommandId() } }).then(
      () => setError(null),
      (reason: unknown) => setError(describeError(reason, t)),
    );
  return (
    <ul className="patrol-card__stops" data-testid="hazard-list">
      {open.slice(0, 10).map((hazard) => {
        const device = hazard.deviceId ? site.devices.find((d) => d.id === hazard.deviceId) : undefined;
        return (
          <li key={hazard.id} data-testid="hazard-item" data-state={hazard.state}>
            <span>
              {hazard.note}
              {device ? ` · ${nameOf(device)}` : ''} · {hazard.reportedBy.name} {formatTime(hazard.reportedAt, i18n.language)}
              {hazard.photoIds.map((photoId, index) => (
                <a key={photoId} href={`/api/v1/hazards/${hazard.id}/photos/${photoId}`} target="_blank" rel="noreferrer">
                  {' '}📷{index + 1}
                </a>
              ))}
            </span>
            <span>
              {t(`patrol.hazard.states.${hazard.state}`)}
              {mayHandle && hazard.state === 'rectified' && (
                <button type="button" onClick={() => void verify(hazard)}>
                  {t('patrol.hazard.verify')}
                </button>
              )}
            </span>
          </li>
        );
      })}
      {error && <li role="alert">{error}</li>}
    </ul>
  );
}
