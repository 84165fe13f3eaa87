import { can } from '@vigil/shared';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FullScreenMessage } from '../components/FullScreenMessage';
import { useSession } from '../features/auth/sessionStore';
import { ConsoleIncidents } from '../features/incidents/ConsoleIncidents';
import { HandoverPanel } from '../features/handover/HandoverPanel';
import { PatrolPanel } from '../features/patrol/PatrolPanel';
import { EscalationBanner } from '../features/incidents/EscalationBanner';
import { useSiteStore } from '../features/sites/siteStore';
import { useLiveSiteIndex } from '../features/sites/useLiveSiteIndex';
import { CameraList } from '../features/wall/CameraList';
import { CameraPreview } from '../features/wall/CameraPreview';
import { ConsoleFailure } from '../features/wall/ConsoleFailure';
import { MonitorCard } from '../features/wall/MonitorCard';
import { MonitorSettings } from '../features/wall/MonitorSettings';
import { TargetBar } from '../features/wall/TargetBar';
import { useMonitors } from '../features/wall/useWall';
import { useWallCommands } from '../features/wall/useWallCommands';
import { SiteMap } from '../map/SiteMap';
import { ScreenDataProvider } from '../features/replay/ScreenDataProvider';
import { useCanSendCommands, useCommandsOffReason, useShowingStale } from '../realtime/useStale';
import { WallHeader } from './WallHeader';
import { useReplaying } from '../lib/screenClock';
import { describeError } from '../i18n/describeError';

function ConsoleBody() {
  const { t } = useTranslation();
  const load = useSiteStore((store) => store.load);
  const index = useLiveSiteIndex(load.status === 'ready' ? load.index : null);
  const monitors = useMonitors().filter((monitor) => !index || monitor.siteId === index.site.id);
  const commands = useWallCommands();
  const mayConfigure = useSession((session) => (session.user ? can(session.user.role, 'wall.configure') : false));
  const [adding, setAdding] = useState(false);
  const canSend = useCanSendCommands();
  const offReason = useCommandsOffReason();
  const replaying = useReplaying();

  if (!index) {
    if (load.status === 'failed') return <FullScreenMessage message={t('wall.siteError', { message: describeError(load.error, t) })} />;
    return <FullScreenMessage message={load.status === 'empty' ? t('wall.noSite') : t('wall.loadingSite')} />;
  }
  return (
    <main className="console__main">
      {/* Without a connection every wall command is disabled (a disabled fieldset disables each button in it) and says why. */}
      <fieldset className="command-gate command-gate--wrap" disabled={!canSend} title={canSend ? undefined : t('wallOps.stale.commandsOffHint')}>
        <CameraList index={index} commands={commands} />
      </fieldset>
      <section className="console__wall" aria-label={t('console.wall')}>
        {!canSend && (
          <p className="command-gate__reason" data-testid="console-offline" role="status">
            {t(offReason)}
          </p>
        )}
        <fieldset className="command-gate command-gate--wrap" disabled={!canSend}>
          <TargetBar monitors={monitors} siteId={index.site.id} commands={commands} />
        </fieldset>
        <ConsoleFailure />
        <fieldset className="command-gate console__monitors" data-testid="console-monitors" disabled={!canSend}>
          {monitors.map((monitor) => (
            <MonitorCard key={monitor.id} monitor={monitor} index={index} commands={commands} />
          ))}
          {monitors.length === 0 && <p className="console-panel__empty">{t('console.noMonitors')}</p>}
          {mayConfigure && (
            <button type="button" className="console__add-monitor" onClick={() => setAdding(true)} data-testid="add-monitor">
              {t('console.settings.add')}
            </button>
          )}
        </fieldset>
        {adding && <MonitorSettings monitor={null} siteId={index.site.id} onClose={() => setAdding(false)} />}
      </section>
      <aside className="console__side">
        {!replaying && <HandoverPanel siteId={index.site.id} />}
        <ConsoleIncidents siteId={index.site.id} />
        <PatrolPanel site={index.site} />
        <fieldset className="command-gate command-gate--wrap" disabled={!canSend}>
          <CameraPreview index={index} commands={commands} />
        </fieldset>
        <SiteMap index={index} />
      </aside>
    </main>
  );
}

/** Not live: the monitor cards and the map are dimmed, and the header says the time they are from. */
function ConsoleFrame({ children }: { children: ReactNode }) {
  const stale = useShowingStale();
  return (
    <div className={`console${stale ? ' is-stale' : ''}`} data-testid="console" data-stale={stale}>
      {children}
    </div>
  );
}

/** The operator console (操作台): cameras, the wall's monitors, and the map; sends cameras, presets and tours to the wall. */
export function ConsoleScreen() {
  const load = useSiteStore((store) => store.load);
  const fetchSite = useSiteStore((store) => store.fetch);
  useEffect(() => {
    void fetchSite();
  }, [fetchSite]);
  return (
    <ScreenDataProvider>
      <ConsoleFrame>
        <WallHeader site={load.status === 'ready' ? load.index.site : null} />
        <EscalationBanner />
        <ConsoleBody />
      </ConsoleFrame>
    </ScreenDataProvider>
  );
}
