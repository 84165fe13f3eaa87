import { INCIDENT_LEVELS, INCIDENT_TYPES, pointInPolygon, type IncidentLevel, type IncidentType, type Point } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { newCommandId } from '../../lib/ids';
import { useCanSendCommands } from '../../realtime/useStale';
import type { SiteIndex } from '../sites/siteIndex';
import { useIncidentCommand } from './useIncidentCommand';

interface NewIncidentFormProps {
  index: SiteIndex;
  /** The place clicked on the map while the form is open. */
  place: { position: Point; floor: number } | null;
  onCancel: () => void;
  onOpened: (incidentId: string) => void;
}

/** An incident opened by hand: site, type, level, a title, and the place picked on the map. */
export function NewIncidentForm({ index, place, onCancel, onOpened }: NewIncidentFormProps) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const canSend = useCanSendCommands();
  const command = useIncidentCommand();
  const [type, setType] = useState<IncidentType>('fire');
  const [level, setLevel] = useState<IncidentLevel>(2);
  const [title, setTitle] = useState('');
  const floorName = (level: number) => {
    const floor = index.site.floors.find((candidate) => candidate.level === level);
    return floor ? nameOf(floor) : String(level);
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!place) return;
    const zone = [...index.zones.values()].find(
      (candidate) => candidate.floor === place.floor && candidate.geometry.type === 'Polygon' && pointInPolygon(place.position, candidate.geometry.coordinates),
    );
    void command
      .send('incident.open', {
        commandId: newCommandId(),
        siteId: index.site.id,
        alarmIds: [],
        type,
        level,
        title: title.trim() || undefined,
        location: { position: place.position, floor: place.floor, zoneId: zone?.id ?? null },
      })
      .then((ack) => {
        if (ack) onOpened(ack.incidentId);
      });
  };

  return (
    <form className="new-incident" onSubmit={handleSubmit} data-testid="new-incident">
      <h2 className="command__panel-title">{t('incidents.open.byHandTitle')}</h2>
      <p>
        {t('incidents.open.site')}: {nameOf(index.site)}
      </p>
      <label className="new-incident__field">
        <span>{t('incidents.open.incidentType')}</span>
        <select className="select" value={type} onChange={(event) => setType(event.target.value as IncidentType)} data-testid="new-incident-type">
          {INCIDENT_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`incidents.type.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="new-incident__field">
        <span>{t('incidents.open.incidentLevel')}</span>
        <select className="select" value={level} onChange={(event) => setLevel(Number(event.target.value) as IncidentLevel)}>
          {INCIDENT_LEVELS.map((value) => (
            <option key={value} value={value}>
              {t(`incidents.level.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="new-incident__field">
        <span>{t('incidents.open.titleField')}</span>
        <input className="input" value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <p className="new-incident__place" data-testid="new-incident-place">
        {place
          ? t('incidents.open.placed', { x: Math.round(place.position[0]), y: Math.round(place.position[1]), floor: floorName(place.floor) })
          : t('incidents.open.pickPlace')}
      </p>
      {command.error && (
        <p className="incident-error" role="alert">
          {command.error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('incidents.open.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={!place || !canSend || command.pending} data-testid="new-incident-submit">
          {t('incidents.open.submit')}
        </button>
      </div>
    </form>
  );
}
