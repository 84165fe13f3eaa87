import { can } from '@vigil/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FullScreenMessage } from '../components/FullScreenMessage';
import { useSession } from '../features/auth/sessionStore';
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
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { WallHeader } from './WallHeader';
import { describeError } from '../i18n/describeError';

function ConsoleBody() {
  const { t } = useTranslation();
  const load = useSiteStore((store) => store.load);
  const index = useLiveSiteIndex(load.status === 'ready' ? load.index : null);
  const monitors = useMonitors().filter((monitor) => !index || monitor.siteId === index.site.id);
  const commands = useWallCommands();
  const mayConfigure = useSession((session) => (session.user ? can(session.user.role, 'wall.configure') : false));
  const [adding, setAdding] = useState(false);

  if (!index) {
    if (load.status === 'failed') return <FullScreenMessage message={t('wall.siteError', { message: describeError(load.error, t) })} />;
    return <FullScreenMessage message={load.status === 'empty' ? t('wall.noSite') : t('wall.loadingSite')} />;
  }
  return (
    <main className="console__main">
      <CameraList index={index} commands={commands} />
      <section className="console__wall" aria-label={t('console.wall')}>
        <TargetBar monitors={monitors} siteId={index.site.id} commands={commands} />
        <ConsoleFailure />
        <div className="console__monitors" data-testid="console-monitors">
          {monitors.map((monitor) => (
            <MonitorCard key={monitor.id} monitor={monitor} index={index} commands={commands} />
          ))}
          {monitors.length === 0 && <p className="console-panel__empty">{t('console.noMonitors')}</p>}
          {mayConfigure && (
            <button type="button" className="console__add-monitor" onClick={() => setAdding(true)} data-testid="add-monitor">
              {t('console.settings.add')}
            </button>
          )}
        </div>
        {adding && <MonitorSettings monitor={null} siteId={index.site.id} onClose={() => setAdding(false)} />}
      </section>
      <aside className="console__side">
        <CameraPreview index={index} commands={commands} />
        <SiteMap index={index} />
      </aside>
    </main>
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
    <RealtimeProvider>
      <div className="console" data-testid="console">
        <WallHeader site={load.status === 'ready' ? load.index.site : null} />
        <ConsoleBody />
      </div>
    </RealtimeProvider>
  );
}
