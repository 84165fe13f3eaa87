import { can, isOpenIncident, type Point } from '@vigil/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HandoverPanel } from '../features/handover/HandoverPanel';
import { useSearchParams } from 'react-router-dom';
import { FullScreenMessage } from '../components/FullScreenMessage';
import { DispatchPanel } from '../features/incidents/DispatchPanel';
import { EscalationBanner } from '../features/incidents/EscalationBanner';
import { IncidentHeader } from '../features/incidents/IncidentHeader';
import { IncidentList } from '../features/incidents/IncidentList';
import { IncidentMap } from '../features/incidents/IncidentMap';
import { IncidentTimeline } from '../features/incidents/IncidentTimeline';
import { NewIncidentForm } from '../features/incidents/NewIncidentForm';
import { PlanChecklist } from '../features/incidents/PlanChecklist';
import { StartPlanPanel } from '../features/incidents/StartPlanPanel';
import { UnlinkedAlarms } from '../features/incidents/UnlinkedAlarms';
import { useIncident, useOpenIncidents, useRole } from '../features/incidents/useIncidents';
import { useSiteStore } from '../features/sites/siteStore';
import { useLiveSiteIndex } from '../features/sites/useLiveSiteIndex';
import { describeError } from '../i18n/describeError';
import { ScreenDataProvider } from '../features/replay/ScreenDataProvider';
import { useShowingStale } from '../realtime/useStale';
import { WallHeader } from './WallHeader';
import { useReplaying } from '../lib/screenClock';

/**
 * The duty commander's screen (`/command`): the open incidents on the left; the chosen one in the
 * middle (its head, the running checklist, the timeline); dispatch and the map on the right.
 */
export function CommandScreen() {
  const fetchSite = useSiteStore((store) => store.fetch);
  useEffect(() => {
    void fetchSite();
  }, [fetchSite]);
  return (
    <ScreenDataProvider>
      <CommandView />
    </ScreenDataProvider>
  );
}

/** The screen drawn from the stores alone (the realtime provider fills them). */
export function CommandView() {
  const { t } = useTranslation();
  const load = useSiteStore((store) => store.load);
  const index = useLiveSiteIndex(load.status === 'ready' ? load.index : null);
  const stale = useShowingStale();
  const role = useRole();
  const [params, setParams] = useSearchParams();
  const open = useOpenIncidents();
  const requested = params.get('incident');
  const selectedId = requested ?? open[0]?.id ?? null;
  const incident = useIncident(selectedId);
  const [creating, setCreating] = useState(false);
  const [place, setPlace] = useState<{ position: Point; floor: number } | null>(null);
  const [dispatchFocus, setDispatchFocus] = useState(0);

  const select = useCallback(
    (incidentId: string) => {
      setCreating(false);
      // The other parameters (a replay's moment) stay.
      setParams((current) => {
        const next = new URLSearchParams(current);
        next.set('incident', incidentId);
        return next;
      });
    },
    [setParams],
  );
  const handlePick = useCallback((position: Point, floor: number) => setPlace({ position, floor }), []);
  const startCreating = () => {
    setPlace(null);
    setCreating(true);
  };

  useEffect(() => {
    document.title = `${t('incidents.commandTitle')} · ${t('app.name')}`;
  }, [t]);

  const replaying = useReplaying();
  const mayOpen = !replaying && role !== null && can(role, 'incidents.open');
  const shownLocation = creating ? (place ? { ...place, zoneId: null } : null) : (incident?.location ?? null);

  return (
    <div className={`command${stale ? ' is-stale' : ''}`} data-testid="command-screen" data-stale={stale}>
      <WallHeader site={index?.site ?? null} />
      <EscalationBanner />
      <main className="command__main">
        <aside className="command__left">
          {mayOpen && index && (
            <button type="button" className="button command__new" onClick={startCreating} data-testid="new-incident-button">
              {t('incidents.list.newIncident')}
            </button>
          )}
          <IncidentList selectedId={creating ? null : selectedId} onSelect={select} />
          <UnlinkedAlarms />
          {index && !replaying && <HandoverPanel siteId={index.site.id} />}
        </aside>
        <section className="command__center" aria-label={t('incidents.commandTitle')}>
          {creating && index ? (
            <NewIncidentForm
              index={index}
              place={place}
              onCancel={() => setCreating(false)}
              onOpened={(incidentId) => {
                setCreating(false);
                select(incidentId);
              }}
            />
          ) : incident ? (
            <>
              <IncidentHeader incident={incident} />
              {incident.plan ? (
                <PlanChecklist incident={incident} variant="full" onDispatch={() => setDispatchFocus((count) => count + 1)} />
              ) : (
                isOpenIncident(incident) && <StartPlanPanel incident={incident} />
              )}
              <IncidentTimeline incident={incident} />
            </>
          ) : (
            <p className="command__nothing">{open.length === 0 ? t('incidents.list.empty') : t('incidents.header.noSelection')}</p>
          )}
        </section>
        <aside className="command__right">
          {incident && !creating && <DispatchPanel incident={incident} focusRequest={dispatchFocus} />}
          {index ? (
            <IncidentMap index={index} location={shownLocation} onPick={creating ? handlePick : undefined} />
          ) : load.status === 'failed' ? (
            <FullScreenMessage message={t('wall.siteError', { message: describeError(load.error, t) })} />
          ) : (
            <FullScreenMessage message={load.status === 'empty' ? t('wall.noSite') : t('wall.loadingSite')} />
          )}
        </aside>
      </main>
    </div>
  );
}
