import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { FullScreenMessage } from '../components/FullScreenMessage';
import { useSiteStore } from '../features/sites/siteStore';
import { TakeoverChecklist } from '../features/incidents/IncidentTile';
import { MonitorGrid } from '../features/wall/MonitorGrid';
import { TakeoverBanner } from '../features/wall/TakeoverBanner';
import { useMonitor, useShownView } from '../features/wall/useWall';
import { ScreenDataProvider } from '../features/replay/ScreenDataProvider';
import { useConnection } from '../realtime/connectionStore';
import { useShowingStale } from '../realtime/useStale';
import { MonitorHeader } from './MonitorHeader';
import { useReplayStore } from '../features/replay/replayStore';
import { useReplaying } from '../lib/screenClock';

/** One monitor of the video wall (`/wall/:monitorId`), full screen, as the live state has it. */
export function MonitorScreen() {
  const { monitorId = '' } = useParams();
  const fetchSite = useSiteStore((store) => store.fetch);

  // The site's names for alarm places (the banner, an alarm tile).
  useEffect(() => {
    void fetchSite();
  }, [fetchSite]);

  return (
    <ScreenDataProvider>
      <MonitorView monitorId={monitorId} />
    </ScreenDataProvider>
  );
}

/** The monitor itself, drawn from the stores alone (the realtime provider fills them). */
export function MonitorView({ monitorId }: { monitorId: string }) {
  const { t } = useTranslation();
  const monitor = useMonitor(monitorId);
  const shown = useShownView(monitor);
  // In a replay the state comes from the replayed moment, not a sync: "unknown" once it is loaded.
  const replayLoaded = useReplayStore((store) => store.load.status === 'ready');
  const replaying = useReplaying();
  const everSynced = useConnection((connection) => connection.everSynced) || (replaying && replayLoaded);
  const stale = useShowingStale();
  const [enlarged, setEnlarged] = useState<number | null>(null);

  // A new view (a layout switch, an alarm taking over or giving back) shows the whole layout.
  const view = shown?.view;
  const takeoverAlarmId = shown?.takeover?.alarm.id ?? null;
  useEffect(() => setEnlarged(null), [view?.layout, takeoverAlarmId]);
  useEffect(() => {
    if (view && enlarged !== null && view.tiles[enlarged]?.kind === 'empty') setEnlarged(null);
  }, [view, enlarged]);

  useEffect(() => {
    if (enlarged === null) return;
    const handleKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setEnlarged(null);
    };
    window.addEventListener('keydown', handleKey);
    return () => window.removeEventListener('keydown', handleKey);
  }, [enlarged]);

  const handleToggleEnlarged = useCallback((index: number) => setEnlarged((current) => (current === null ? index : null)), []);

  if (!monitor || !shown) {
    return (
      <div className="monitor monitor--message" data-testid="monitor-screen">
        {everSynced ? (
          <FullScreenMessage message={t('monitor.unknown', { id: monitorId })}>
            <p className="monitor__hint" data-testid="monitor-unknown">
              {t('monitor.unknownHint')}
            </p>
          </FullScreenMessage>
        ) : (
          <FullScreenMessage message={t('monitor.connecting')} />
        )}
      </div>
    );
  }

  return (
    <div
      className={`monitor${shown.takeover ? ' monitor--takeover' : ''}${stale ? ' is-stale' : ''}`}
      data-testid="monitor-screen"
      data-monitor-id={monitor.id}
      data-stale={stale}
    >
      <MonitorHeader monitor={monitor} />
      {shown.takeover && <TakeoverBanner takeover={shown.takeover} />}
      {/* An alarm that belongs to an open incident: its checklist beside the cameras (nothing otherwise). */}
      <div className="monitor__body">
        <MonitorGrid view={shown.view} monitorNumber={monitor.position + 1} enlarged={enlarged} onToggleEnlarged={handleToggleEnlarged} />
        {shown.takeover && <TakeoverChecklist alarmId={shown.takeover.alarm.id} />}
      </div>
    </div>
  );
}
