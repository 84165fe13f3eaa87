import { pause, play, replayClock, replayedAt, replayEnded, seek, setSpeed, type ReplayClockState, type ReplaySpeed } from '@vigil/shared';
import { screenClockMode, setLiveClock, setReplayClock, subscribeScreenClock } from '../../lib/screenClock';
import { useAlarmStore } from '../alarms/alarmStore';
import { guardPositions } from '../guards/guardPositions';
import { useSiteStore } from '../sites/siteStore';
import type { ReplayApi } from './replayApi';
import { ReplaySource } from './replaySource';
import { useReplayStore } from './replayStore';

/** What the replay bar does: the clock's controls, and a seek that refetches the moment. */
export interface ReplayControls {
  play: () => void;
  pause: () => void;
  setSpeed: (speed: ReplaySpeed) => void;
  seek: (at: number) => void;
  /** The moment's fetch failed: try it again. */
  retry: () => void;
}

function currentClock(): ReplayClockState {
  const mode = screenClockMode();
  if (mode.kind !== 'replay') throw new Error('not replaying');
  return mode.clock;
}

/**
 * A replay on this page: the screen clock set to the replay clock, the stores the screens read
 * filled by a ReplaySource instead of the socket, one animation frame per screen frame while
 * playing (none while paused), the timeline's markers. `stop` puts the page back as it was.
 */
export function startReplaySession(api: ReplayApi, request: { from: number; to: number; at: number }): { controls: ReplayControls; stop: () => void } {
  useAlarmStore.getState().reset();
  guardPositions.reset();
  useReplayStore.getState().reset();
  setReplayClock(replayClock({ from: request.from, to: request.to }, Date.now(), { at: request.at }));

  const source = new ReplaySource({
    api,
    clock: currentClock,
    siteId: () => {
      const { load } = useSiteStore.getState();
      return load.status === 'ready' ? load.index.site.id : null;
    },
    onState: (live) => useAlarmStore.setState({ live }),
    onTracks: (tracks) => guardPositions.replaceAll(tracks),
    onLoad: (load) => useReplayStore.getState().set({ load }),
  });

  let frame = 0;
  const loop = () => {
    frame = 0;
    source.advance();
    const clock = currentClock();
    if (clock.playing && !replayEnded(clock, Date.now())) frame = requestAnimationFrame(loop);
  };
  const stopListening = subscribeScreenClock(() => {
    if (screenClockMode().kind !== 'replay') return;
    if (frame === 0) loop();
  });
  // The site arriving after the moment: its guards' fixes are fetched on the next advance.
  const stopSite = useSiteStore.subscribe((store, previous) => {
    if (store.load !== previous.load && frame === 0) source.advance();
  });

  const change = (next: (clock: ReplayClockState, wallNow: number) => ReplayClockState) => setReplayClock(next(currentClock(), Date.now()));
  const seekTo = (at: number) => {
    const clock = seek(currentClock(), at, Date.now());
    // The source first (it drops what it showed at once), then the clock: one fetch of the moment.
    void source.seek(clock.anchorAt);
    setReplayClock(clock);
  };
  void source.seek(request.at);
  api
    .range(new Date(request.from).toISOString(), new Date(request.to).toISOString())
    .then((range) => useReplayStore.getState().set({ markers: range.markers, truncated: range.truncated }))
    .catch(() => useReplayStore.getState().set({ markersFailed: true }));

  return {
    controls: {
      play: () => change(play),
      pause: () => change(pause),
      setSpeed: (speed) => change((clock, wallNow) => setSpeed(clock, speed, wallNow)),
      seek: seekTo,
      retry: () => seekTo(replayedAt(currentClock(), Date.now())),
    },
    stop: () => {
      source.stop();
      cancelAnimationFrame(frame);
      stopListening();
      stopSite();
      setLiveClock();
      useAlarmStore.getState().reset();
      guardPositions.reset();
      useReplayStore.getState().reset();
    },
  };
}
