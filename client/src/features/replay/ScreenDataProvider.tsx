import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { FullScreenMessage } from '../../components/FullScreenMessage';
import { RealtimeProvider } from '../../realtime/RealtimeProvider';
import { liveSearch, REPLAY_PARAMS, replayRequest } from './replayParams';
import { ReplayProvider } from './ReplayProvider';
import { DrillProvider, InvalidDrill } from '../drills/DrillProvider';
import { drillRequest } from '../drills/drillScreenStore';

/**
 * Where a screen's state comes from: the socket, live; or, when the address asks for a moment
 * (`?at=`, `?replay=1&from=&to=`), a replay of it, read-only; or, with `?drill=<runId>`, the
 * drill's own stream under its banner and watermark. Switching remounts the screen, so nothing
 * of the one carries into the other.
 */
export function ScreenDataProvider({ children }: { children: ReactNode }) {
  const [params] = useSearchParams();
  const drill = drillRequest(params);
  if (drill.kind === 'invalid') return <InvalidDrill />;
  if (drill.kind === 'drill') {
    return (
      <DrillProvider key={drill.runId} runId={drill.runId}>
        {children}
      </DrillProvider>
    );
  }
  return <LiveOrReplay>{children}</LiveOrReplay>;
}

function LiveOrReplay({ children }: { children: ReactNode }) {
  const [params] = useSearchParams();
  const key = REPLAY_PARAMS.map((name) => params.get(name) ?? '').join('|');
  // Only the replay's own parameters decide it (an incident chosen on /command does not).
  const request = useMemo(() => replayRequest(params), [key]);
  if (request.kind === 'live') return <RealtimeProvider key="live">{children}</RealtimeProvider>;
  if (request.kind === 'invalid') return <InvalidReplay field={request.field} />;
  return (
    <ReplayProvider key={key} request={request}>
      {children}
    </ReplayProvider>
  );
}

function InvalidReplay({ field }: { field: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  return (
    <FullScreenMessage message={field === 'stream' ? t('replay.invalidStream') : t('replay.invalid', { field })}>
      <Link className="button" to={{ pathname, search: liveSearch(params) }} data-testid="replay-back-to-live">
        {t('replay.backToLive')}
      </Link>
    </FullScreenMessage>
  );
}
