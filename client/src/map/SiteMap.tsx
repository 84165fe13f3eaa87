import { isOpen, type Alarm } from '@vigil/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlarmStore } from '../features/alarms/alarmStore';
import { useAlarmSelection } from '../features/alarms/selectionStore';
import { useDetailsSelection } from '../features/map-details/detailsSelection';
import { DetailsPanel } from '../features/map-details/DetailsPanel';
import { placeOf, type SiteIndex } from '../features/sites/siteIndex';
import { FloorSwitcher } from './FloorSwitcher';
import { MapControls } from './MapControls';
import { MapLegend } from './MapLegend';
import { useMapView } from './mapViewStore';
import type { BackdropState } from './backdropLayer';
import { SiteMapView } from './siteMapView';
import { useTrailsOnLoad } from '../features/guards/useTrailsOnLoad';
import { useGuardWords } from './useGuardWords';
import { useMapWords } from './useMapWords';

function openAlarms(): Alarm[] {
  return [...useAlarmStore.getState().live.alarms.values()].filter((alarm) => isOpen(alarm.state));
}

/**
 * The site map. React renders the frame and the controls; the Leaflet map inside is made once
 * per site and updated imperatively from the stores (alarms, selection, floor).
 */
export function SiteMap({ index, onView }: { index: SiteIndex; onView?: (view: SiteMapView | null) => void }) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<SiteMapView | null>(null);
  const [panelSide, setPanelSide] = useState<'left' | 'right'>('right');
  const [backdrop, setBackdrop] = useState<BackdropState>('none');
  const floor = useMapView((view) => view.floor);
  const words = useMapWords();
  const guardWords = useGuardWords();
  const guardWordsRef = useRef(guardWords);
  const indexRef = useRef(index);
  // Screens that draw their own layer on the map (the incident's place) get the view once made.
  const onViewRef = useRef(onView);
  onViewRef.current = onView;
  const siteId = index.site.id;
  useTrailsOnLoad(siteId);

  // One Leaflet map per site; a changed site (a device's status, a device placed) is redrawn in it.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const view = new SiteMapView(
      container,
      indexRef.current,
      (alarmId) => useAlarmSelection.getState().select(alarmId),
      (feature) => useDetailsSelection.getState().select(feature),
      {
        guards: () => useAlarmStore.getState().live.guards,
        floor: () => useMapView.getState().floor,
        selectedGuardId: () => {
          const feature = useDetailsSelection.getState().feature;
          return feature?.kind === 'guard' ? feature.id : null;
        },
      },
      guardWordsRef.current,
      setBackdrop,
    );
    viewRef.current = view;
    onViewRef.current?.(view);
    const unsubscribes = [
      useAlarmStore.subscribe((store, previous) => {
        if (store.live.guards !== previous.live.guards) view.guards.refreshAll();
      }),
      useDetailsSelection.subscribe((selection, previous) => {
        if (selection.feature && selection.feature !== previous.feature) setPanelSide(view.sideFor(selection.feature));
        view.guards.refreshAll();
      }),
    ];
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
      viewRef.current = null;
      onViewRef.current?.(null);
      view.destroy();
    };
  }, [siteId]);

  useEffect(() => {
    indexRef.current = index;
    guardWordsRef.current = guardWords;
    viewRef.current?.setIndex(index);
    viewRef.current?.showFloor(floor, words);
    viewRef.current?.guards.refreshAll(guardWords);
  }, [index, floor, words, guardWords]);

  useEffect(() => {
    const renderAlarms = () =>
      viewRef.current?.renderAlarms(openAlarms(), useMapView.getState().floor, useAlarmSelection.getState().selectedAlarmId);
    renderAlarms();
    const unsubscribes = [useAlarmStore.subscribe(renderAlarms), useAlarmSelection.subscribe(renderAlarms), useMapView.subscribe(renderAlarms)];
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }, [index]);

  useEffect(
    () =>
      useAlarmSelection.subscribe((selection, previous) => {
        if (selection.focusRequest === previous.focusRequest || !selection.selectedAlarmId) return;
        const alarm = useAlarmStore.getState().live.alarms.get(selection.selectedAlarmId);
        const place = alarm ? placeOf(alarm, index) : null;
        if (!place?.position || place.floor === null) return;
        useMapView.getState().setFloor(place.floor);
        viewRef.current?.flyTo(place.position);
      }),
    [index],
  );

  return (
    <section className="site-map" data-testid="site-map">
      <div ref={containerRef} className="site-map__leaflet" data-testid="site-map-canvas" />
      <FloorSwitcher index={index} />
      <MapControls
        onZoomIn={() => viewRef.current?.zoomBy(0.5)}
        onZoomOut={() => viewRef.current?.zoomBy(-0.5)}
        onFitSite={() => viewRef.current?.fitSite()}
      />
      <MapLegend index={index} floor={floor} />
      {backdrop === 'failed' && (
        <p className="site-map__notice" data-testid="backdrop-failed" role="status">
          {t('siteMap.backdropFailed')}
        </p>
      )}
      <DetailsPanel index={index} side={panelSide} />
    </section>
  );
}
