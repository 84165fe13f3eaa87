import { distance, fitPlanTransform, gpsToPlan, type Incident, type Point, type Site } from '@vigil/shared';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMapWords } from '../../map/useMapWords';
import { useFloorName } from '../sites/useFloorName';
import { usePhoneStore } from '../guard-phone/phoneStore';
import { IncidentMapView } from './incidentMapView';

/** The guard's own last fix on the site's plan, through the site's GPS anchor (none without one). */
function useOwnPosition(site: Site): Point | null {
  const lastFix = usePhoneStore((phone) => phone.lastFix);
  const transform = useMemo(() => {
    const fitted = site.anchor ? fitPlanTransform(site.anchor) : null;
    return fitted?.ok ? fitted.transform : null;
  }, [site.anchor]);
  return useMemo(() => (lastFix && transform ? gpsToPlan(transform, lastFix.lat, lastFix.lon) : null), [lastFix, transform]);
}

/** Where the incident is, and where the guard is, on a small plan of the incident's floor. */
export function IncidentMap({ incident, site }: { incident: Incident; site: Site }) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<IncidentMapView | null>(null);
  const mapWords = useMapWords();
  const floorName = useFloorName(site);
  const own = useOwnPosition(site);
  const ownFloor = usePhoneStore((phone) => phone.floor) ?? 0;
  const location = incident.location;
  const you = t('dispatchPhone.map.you');
  const here = t('dispatchPhone.map.incident');

  useEffect(() => {
    const container = containerRef.current;
    if (!container || !location) return;
    const view = new IncidentMapView(container, site, location, { map: mapWords, you, incident: here });
    viewRef.current = view;
    return () => {
      viewRef.current = null;
      view.destroy();
    };
  }, [site, location, mapWords, you, here]);

  useEffect(() => {
    viewRef.current?.setGuard(own);
  }, [own, site, location, mapWords, you, here]);

  if (!location) {
    return (
      <section className="dispatch-section">
        <p className="dispatch-section__empty">{t('dispatchPhone.map.noPlace')}</p>
      </section>
    );
  }
  return (
    <section className="dispatch-section dispatch-map" data-testid="dispatch-map">
      <div ref={containerRef} className="dispatch-map__leaflet" data-testid="dispatch-map-canvas" />
      <p className="dispatch-map__facts" data-testid="dispatch-map-facts">
        {!own && t('dispatchPhone.map.noFix')}
        {own && ownFloor !== location.floor && t('dispatchPhone.map.otherFloor', { floor: floorName(ownFloor), incidentFloor: floorName(location.floor) })}
        {own && ownFloor === location.floor && t('dispatchPhone.map.distance', { metres: Math.round(distance(own, location.position)) })}
      </p>
    </section>
  );
}
