import type { IncidentLocation, Point } from '@vigil/shared';
import L from 'leaflet';
import { useEffect, useState } from 'react';
import { SiteMap } from '../../map/SiteMap';
import { useMapView } from '../../map/mapViewStore';
import { toLatLng } from '../../map/plan';
import type { SiteMapView } from '../../map/siteMapView';
import type { SiteIndex } from '../sites/siteIndex';

interface IncidentMapProps {
  index: SiteIndex;
  /** Where the incident is: a ring on the map, on its floor. */
  location: IncidentLocation | null;
  /** Picking a place (a new incident by hand): a click on the map gives the plan point and the floor shown. */
  onPick?: (position: Point, floor: number) => void;
}

/** The site map (alarms and guards live on it) with the incident's place marked. */
export function IncidentMap({ index, location, onPick }: IncidentMapProps) {
  const [view, setView] = useState<SiteMapView | null>(null);
  const floor = useMapView((state) => state.floor);
  const x = location?.position[0];
  const y = location?.position[1];
  const placeFloor = location?.floor;

  // Show the incident's floor and fly to it when the incident (or its place) changes.
  useEffect(() => {
    if (!view || x === undefined || y === undefined || placeFloor === undefined) return;
    useMapView.getState().setFloor(placeFloor);
    view.flyTo([x, y]);
  }, [view, x, y, placeFloor]);

  useEffect(() => {
    if (!view || x === undefined || y === undefined) return;
    const marker = L.marker(toLatLng([x, y]), {
      icon: L.divIcon({ className: `incident-marker${placeFloor === floor ? '' : ' incident-marker--other-floor'}`, iconSize: [44, 44], html: '<span></span>' }),
      interactive: false,
      keyboard: false,
      zIndexOffset: 1000,
    }).addTo(view.map);
    return () => {
      marker.remove();
    };
  }, [view, x, y, placeFloor, floor]);

  useEffect(() => {
    if (!view || !onPick) return;
    const handleClick = (event: L.LeafletMouseEvent) => onPick([event.latlng.lng, event.latlng.lat], useMapView.getState().floor);
    view.map.on('click', handleClick);
    return () => {
      view.map.off('click', handleClick);
    };
  }, [view, onPick]);

  return (
    <div className="incident-map" data-testid="incident-map">
      <SiteMap index={index} onView={setView} />
    </div>
  );
}
