import { can, drillStream, type DomainEvent } from '@vigil/shared';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { FullScreenMessage } from '../../components/FullScreenMessage';
import { describeError } from '../../i18n/describeError';
import { ApiError } from '../../lib/http';
import { RealtimeProvider } from '../../realtime/RealtimeProvider';
import { useAlarmStore } from '../alarms/alarmStore';
import { useSession } from '../auth/sessionStore';
import { guardPositions } from '../guards/guardPositions';
import { useBilingual } from '../incidents/useBilingual';
import { DrillBanner } from './DrillBanner';
import { DrillWatermark } from './DrillWatermark';
import { useDrillScreen, withoutDrill } from './drillScreenStore';
import { drillReportPath, drillsApi, type DrillRun } from './drillsApi';
import { useDrillWalks } from './useDrillWalks';
import './drills.css';

type Load = { status: 'loading' } | { status: 'ready'; run: DrillRun } | { status: 'failed'; error: unknown };

/** Empties what the screens read, so nothing of live shows in the drill, nor of the drill in live after. */
function resetScreenState(): void {
  useAlarmStore.getState().reset();
  guardPositions.reset();
}

/**
 * A screen in a drill (`?drill=<runId>`): its stores emptied, then filled by a socket on the
 * drill's own stream (`drill:<runId>`: the server lets in its controller and participants only),
 * under the DRILL 演练 banner and watermark. Commands go to the drill's stream. The run is read
 * again at its pause, resume and end; once ended, the screen says so and links back to live.
 */
export function DrillProvider({ runId, children }: { runId: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const setScreenRun = useDrillScreen((store) => store.set);

  const refresh = useCallback(() => {
    drillsApi.read(runId).then(
      (run) => setLoad({ status: 'ready', run }),
      // Once shown, a failed read again (a network blip) keeps the screen; a run gone is said so.
      (error: unknown) => setLoad((held) => (held.status === 'ready' && !(error instanceof ApiError && error.status === 404) ? held : { status: 'failed', error })),
    );
  }, [runId]);

  useEffect(() => {
    resetScreenState();
    refresh();
    return () => {
      resetScreenState();
      setScreenRun(null);
    };
  }, [refresh, setScreenRun]);

  const run = load.status === 'ready' ? load.run : null;
  useEffect(() => {
    setScreenRun(run);
  }, [run, setScreenRun]);
  useDrillWalks(run);

  const handleEvent = useCallback(
    (event: DomainEvent) => {
      // An inject may be a guard's walk to draw: the run's fired injects are read again with the rest.
      if (event.type === 'drill.paused' || event.type === 'drill.resumed' || event.type === 'drill.ended' || event.type === 'drill.injected') refresh();
    },
    [refresh],
  );

  if (load.status === 'loading') return <FullScreenMessage message={t('drills.loading')} />;
  if (load.status === 'failed') return <DrillUnavailable error={load.error} />;
  if (load.run.state === 'ended') return <DrillEnded run={load.run} />;
  return (
    <RealtimeProvider key={load.run.stream} stream={drillStream(runId)} onEvent={handleEvent} onRefused={refresh}>
      <div className="drilling" data-testid="drilling" data-run-id={runId}>
        <DrillBanner run={load.run} />
        {children}
        <DrillWatermark />
      </div>
    </RealtimeProvider>
  );
}

function BackToLive() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  return (
    <Link className="button" to={{ pathname, search: withoutDrill(params) }} data-testid="drill-back-to-live">
      {t('drills.backToLive')}
    </Link>
  );
}

function DrillUnavailable({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message = error instanceof ApiError && error.status === 404 ? t('drills.notFound') : t('drills.loadFailed', { message: describeError(error, t) });
  return (
    <FullScreenMessage message={message}>
      <BackToLive />
    </FullScreenMessage>
  );
}

function DrillEnded({ run }: { run: DrillRun }) {
  const { t } = useTranslation();
  const text = useBilingual();
  const mayRun = useSession((session) => (session.user ? can(session.user.role, 'drills.run') || session.user.id === run.controller.id : false));
  return (
    <div className="drilling drilling--ended" data-testid="drill-ended">
      <FullScreenMessage message={`${t('drills.endedTitle')} · ${t('drills.endedBody', { name: text(run.name) })}`}>
        <BackToLive />
        {mayRun && (
          <Link className="button" to={drillReportPath(run.id)} data-testid="drill-report-link">
            {t('drills.control.report')}
          </Link>
        )}
      </FullScreenMessage>
      <DrillWatermark />
    </div>
  );
}

/** Shown for `?drill=` that is no run id: never the live screen instead. */
export function InvalidDrill() {
  const { t } = useTranslation();
  return (
    <FullScreenMessage message={t('drills.invalidRun')}>
      <BackToLive />
    </FullScreenMessage>
  );
}
