import { REPLAY_SPEEDS, replayEnded } from '@vigil/shared';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { describeError } from '../../i18n/describeError';
import { formatClock, formatDate } from '../../i18n/format';
import { screenClockMode, subscribeScreenClock, type ScreenClockMode } from '../../lib/screenClock';
import { useNow } from '../../lib/useNow';
import { liveSearch } from './replayParams';
import type { ReplayControls } from './replaySession';
import { useReplayStore } from './replayStore';
import { ReplayTimeline } from './ReplayTimeline';
import './replay.css';

function useClockMode(): ScreenClockMode {
  return useSyncExternalStore(subscribeScreenClock, screenClockMode);
}

/**
 * Over every screen in a replay: the REPLAY 回放 banner with the replayed time (large, like the
 * header clock), play/pause, the speeds, the timeline to seek on, and the way back to live.
 */
export function ReplayBar({ controls, range }: { controls: ReplayControls; range: { from: number; to: number } }) {
  const { t, i18n } = useTranslation();
  const mode = useClockMode();
  const now = useNow(1_000);
  const load = useReplayStore((store) => store.load);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  if (mode.kind !== 'replay') return null;
  const { clock } = mode;
  const ended = replayEnded(clock, Date.now());
  const moment = new Date(now);

  return (
    <section className="replay-bar" data-testid="replay-bar" aria-label={t('replay.controls')}>
      <div className="replay-bar__banner" data-testid="replay-banner" role="status" title={t('replay.bannerHint')}>
        <span className="replay-bar__badge">{t('replay.banner')}</span>
        <time className="replay-bar__time" dateTime={moment.toISOString()} data-testid="replay-time" aria-label={t('replay.time')}>
          {formatClock(moment, i18n.language)}
        </time>
        <span className="replay-bar__date">{formatDate(moment, i18n.language)}</span>
      </div>
      <div className="replay-bar__controls">
        {clock.playing && !ended ? (
          <button type="button" className="button replay-bar__play" onClick={controls.pause} data-testid="replay-pause">
            <span aria-hidden="true">❚❚</span> {t('replay.pause')}
          </button>
        ) : (
          <button type="button" className="button button--primary replay-bar__play" onClick={controls.play} data-testid="replay-play">
            <span aria-hidden="true">▶</span> {t('replay.play')}
          </button>
        )}
        <div className="replay-bar__speeds" role="group" aria-label={t('replay.speeds')}>
          {REPLAY_SPEEDS.map((speed) => (
            <button
              key={speed}
              type="button"
              className={`replay-bar__speed${speed === clock.speed ? ' is-chosen' : ''}`}
              aria-pressed={speed === clock.speed}
              onClick={() => controls.setSpeed(speed)}
              data-testid={`replay-speed-${speed}`}
            >
              {t('replay.speed', { speed })}
            </button>
          ))}
        </div>
      </div>
      <ReplayTimeline range={range} now={now} onSeek={controls.seek} />
      <div className="replay-bar__status" data-testid="replay-status" data-status={load.status}>
        {load.status === 'loading' && <span>{t('replay.loading')}</span>}
        {load.status === 'failed' && (
          <>
            <span className="replay-bar__error">{t('replay.failed', { message: describeError(load.error, t) })}</span>
            <button type="button" className="button button--small" onClick={controls.retry} data-testid="replay-retry">
              {t('replay.retry')}
            </button>
          </>
        )}
        {load.status === 'ready' && ended && <span>{t('replay.ended')}</span>}
        {load.status === 'ready' && !ended && <span className="replay-bar__read-only">{t('replay.readOnly')}</span>}
      </div>
      <button type="button" className="button replay-bar__live" onClick={() => void navigate({ pathname, search: liveSearch(params) })} data-testid="replay-back-to-live">
        {t('replay.backToLive')}
      </button>
    </section>
  );
}
