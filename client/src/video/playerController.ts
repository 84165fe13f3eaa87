import { ErrorDetails, ErrorTypes, Events, type ErrorData, type HlsConfig } from 'hls.js';
import type Hls from 'hls.js';

/**
 * What a tile's badge says about its stream, read from the video element itself (its playhead
 * moving as playback moves it, not a seek), never from hls.js's reports:
 * - `connecting`: the first start, nothing shown yet;
 * - `live`: frames are advancing (from the first `timeupdate` that moves the playhead);
 * - `stalled`: was live, the picture has not moved for `STALL_AFTER_MS` (the player is still
 *   trying on its own);
 * - `reconnecting`: the player was rebuilt or is waiting to be, after an error or a stall;
 * - `offline`: the camera's playlist is missing (404), or it has failed for `OFFLINE_AFTER_MS`;
 *   still retried on backoff, and back to `live` as soon as frames advance.
 */
export const STREAM_STATES = ['connecting', 'live', 'stalled', 'reconnecting', 'offline'] as const;
export type StreamState = (typeof STREAM_STATES)[number];

/** How often the watchdog looks at the picture. */
export const TICK_MS = 1_000;
/** No progress this long while live: the badge says stalled. */
export const STALL_AFTER_MS = 2_000;
/** No progress this long: jump to the live edge, and if that does not help, rebuild. */
export const WATCHDOG_MS = 6_000;
/** A start (or restart) that shows nothing for this long is torn down and tried again. */
export const START_TIMEOUT_MS = 15_000;
/** Failing this long without a frame: the camera is called offline (and still retried). */
export const OFFLINE_AFTER_MS = 15_000;
/** `recoverMediaError()` at most this often; a media error sooner than that rebuilds the player. */
export const MEDIA_RECOVERY_INTERVAL_MS = 5_000;
/** Latency past this many times hls.js's target latency: jump to the live edge. */
export const MAX_LATENCY_FACTOR = 3;
export const MAX_CATCH_UP_RATE = 1.5;
export const BACKOFF_MIN_MS = 2_000;
export const BACKOFF_MAX_MS = 30_000;

/** The n-th rebuild's delay: doubling from 2 s up to 30 s, jittered so tiles do not retry in step. */
export function backoffDelay(attempt: number, random: number): number {
  const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt);
  return Math.round(Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_MIN_MS, exponential * (0.8 + 0.4 * random))));
}

/** Seconds buffered ahead of the playhead. */
function bufferAhead(media: HTMLMediaElement): number {
  const { buffered, currentTime } = media;
  for (let index = 0; index < buffered.length; index++) {
    if (buffered.start(index) <= currentTime + 0.1 && currentTime < buffered.end(index)) return buffered.end(index) - currentTime;
  }
  return 0;
}

/** A playlist that is not there: the relay (or the camera) has no such stream. */
function isMissingStream(data: ErrorData): boolean {
  const playlist = data.details === ErrorDetails.MANIFEST_LOAD_ERROR || data.details === ErrorDetails.LEVEL_LOAD_ERROR;
  const code = data.response?.code;
  return data.type === ErrorTypes.NETWORK_ERROR && playlist && (code === 404 || code === 410);
}

export interface PlayerDiagnostics {
  url: string;
  state: StreamState;
  hasHls: boolean;
  currentTime: number;
  latency: number | null;
  /** Wall-clock time of the frame on screen, from the playlist's PROGRAM-DATE-TIME (epoch ms). */
  playingDate: number | null;
  rebuilds: number;
  /** The last fatal error, as `type/details[/status]`. */
  lastError: string | null;
}

export interface PlayerEnvironment {
  createHls: (config: Partial<HlsConfig>) => Hls;
  config: Partial<HlsConfig>;
  now: () => number;
  random: () => number;
  /** Told of every hls.js instance made and destroyed (the diagnostics registry). */
  onHlsCreated?: (hls: Hls) => void;
  onHlsDestroyed?: (hls: Hls) => void;
}

/**
 * Plays one live HLS stream in one `<video muted playsinline>` and keeps it playing: hls.js
 * tuned for a wall tile, fatal media errors recovered (at most once per 5 s), anything else
 * torn down and rebuilt on a jittered backoff (2 s → 30 s), a watchdog for a picture that stops
 * or drifts behind live, and a state for the badge. `destroy()` leaves nothing behind: no
 * hls.js instance, MediaSource, timer or listener.
 */
export class PlayerController {
  private hls: Hls | null = null;
  private state: StreamState = 'connecting';
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  private builtAt = 0;
  /**
   * Where the playhead was last seen, as playback left it. A seek (hls.js's start position or
   * live sync, a nudge over a gap, our jump to live) moves it without playing: from `seeking`
   * to `seeked` nothing counts, and the position after the seek is the new mark.
   */
  private mark = 0;
  private seekingNow = false;
  /** When the picture last moved forward as playback does. */
  private progressAt = 0;
  private jumpedSinceProgress = false;
  /** When the stream last stopped being live (a rebuild began), null while live. */
  private failingSince: number | null = null;
  private attempt = 0;
  private rebuilds = 0;
  private lastError: string | null = null;
  private lastRecoveryAt = Number.NEGATIVE_INFINITY;
  private destroyed = false;

  constructor(
    private readonly media: HTMLVideoElement,
    private readonly url: string,
    private readonly env: PlayerEnvironment,
    private readonly onState: (state: StreamState) => void = () => {},
  ) {
    media.muted = true;
    for (const [type, listener] of this.mediaListeners) media.addEventListener(type, listener);
    this.build();
    this.tickTimer = setInterval(() => this.tick(), TICK_MS);
  }

  private readonly handleSeeking = () => {
    this.seekingNow = true;
    this.mark = this.media.currentTime;
  };

  private readonly handleSeeked = () => {
    this.seekingNow = false;
    this.mark = this.media.currentTime;
  };

  private readonly handleTimeUpdate = () => {
    this.observe();
  };

  private readonly mediaListeners: [string, () => void][] = [
    ['seeking', this.handleSeeking],
    ['seeked', this.handleSeeked],
    ['timeupdate', this.handleTimeUpdate],
    ['playing', this.handleTimeUpdate],
  ];

  getState(): StreamState {
    return this.state;
  }

  diagnostics(): PlayerDiagnostics {
    return {
      url: this.url,
      state: this.state,
      hasHls: this.hls !== null,
      currentTime: this.media.currentTime,
      latency: this.hls ? this.hls.latency : null,
      playingDate: this.hls?.playingDate?.getTime() ?? null,
      rebuilds: this.rebuilds,
      lastError: this.lastError,
    };
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.tickTimer);
    clearTimeout(this.rebuildTimer);
    for (const [type, listener] of this.mediaListeners) this.media.removeEventListener(type, listener);
    this.teardown();
  }

  private setState(state: StreamState): void {
    if (state === this.state) return;
    this.state = state;
    this.onState(state);
  }

  private build(): void {
    if (this.destroyed) return;
    const hls = this.env.createHls(this.env.config);
    this.hls = hls;
    this.env.onHlsCreated?.(hls);
    hls.on(Events.ERROR, this.handleError);
    hls.on(Events.MANIFEST_PARSED, this.handleManifestParsed);
    // Source first, then media: MEDIA_ATTACHED fires again on every recoverMediaError().
    hls.loadSource(this.url);
    hls.attachMedia(this.media);
    const now = this.env.now();
    this.builtAt = now;
    this.mark = this.media.currentTime;
    this.seekingNow = false;
    this.progressAt = now;
    this.jumpedSinceProgress = false;
  }

  private teardown(): void {
    const hls = this.hls;
    if (!hls) return;
    this.hls = null;
    hls.off(Events.ERROR, this.handleError);
    hls.off(Events.MANIFEST_PARSED, this.handleManifestParsed);
    hls.destroy();
    this.env.onHlsDestroyed?.(hls);
    this.media.playbackRate = 1;
    this.media.removeAttribute('src');
    this.media.load();
  }

  private readonly handleManifestParsed = () => {
    this.media.play().catch(() => {
      // Muted autoplay is allowed; a refusal (or a teardown meanwhile) is retried by the watchdog.
    });
  };

  private readonly handleError = (_event: Events.ERROR, data: ErrorData) => {
    if (this.destroyed || !this.hls) return;
    // Non-fatal reports (BUFFER_STALLED_ERROR and the like) say nothing the picture does not:
    // hls.js reports stalls that playback never shows (its 100 ms poll on a busy page), and
    // nothing clears them. The badge follows the playhead alone (`observe`, `tick`).
    if (!data.fatal) return;
    const code = data.response?.code;
    this.lastError = `${data.type}/${data.details}${code === undefined ? '' : `/${code}`}`;
    const now = this.env.now();
    if (data.type === ErrorTypes.MEDIA_ERROR && now - this.lastRecoveryAt >= MEDIA_RECOVERY_INTERVAL_MS) {
      this.lastRecoveryAt = now;
      this.hls.recoverMediaError();
      return;
    }
    this.rebuildLater(isMissingStream(data));
  };

  /** Tears the player down and builds a new one after the backoff; `missing`: the stream is not there. */
  private rebuildLater(missing: boolean): void {
    this.teardown();
    const now = this.env.now();
    this.failingSince ??= now;
    this.setState(missing || now - this.failingSince >= OFFLINE_AFTER_MS ? 'offline' : 'reconnecting');
    const delay = backoffDelay(this.attempt, this.env.random());
    this.attempt += 1;
    clearTimeout(this.rebuildTimer);
    this.rebuildTimer = setTimeout(() => {
      this.rebuilds += 1;
      this.build();
    }, delay);
  }

  /**
   * Whether playback moved the playhead since the last look: forward, and not by a seek. Called
   * on every `timeupdate` (about 4 a second while playing) and by the watchdog, so the badge
   * says live as soon as frames move, whatever hls.js reported before.
   */
  private observe(): boolean {
    if (this.destroyed || !this.hls) return false;
    const time = this.media.currentTime;
    if (this.seekingNow || this.media.seeking) {
      this.mark = time;
      return false;
    }
    const moved = time - this.mark > 0.01;
    // Backwards is a new media source (recoverMediaError re-attaches it), not playback: a new mark.
    this.mark = time;
    if (!moved) return false;
    this.progressAt = this.env.now();
    this.jumpedSinceProgress = false;
    this.failingSince = null;
    this.attempt = 0;
    this.setState('live');
    return true;
  }

  private tick(): void {
    if (this.destroyed) return;
    const now = this.env.now();
    const hls = this.hls;
    if (!hls) {
      if (this.state === 'reconnecting' && this.failingSince !== null && now - this.failingSince >= OFFLINE_AFTER_MS) this.setState('offline');
      return;
    }
    this.observe();
    const still = now - this.progressAt;
    if (this.state === 'live' && still < TICK_MS * 1.5) {
      this.keepNearLive(hls);
      return;
    }
    const playing = this.state === 'live' || this.state === 'stalled';
    if (playing) {
      if (still >= STALL_AFTER_MS) this.setState('stalled');
      if (still < WATCHDOG_MS) return;
      if (!this.jumpedSinceProgress && this.jumpToLive(hls)) {
        this.progressAt = now;
        return;
      }
      this.rebuildLater(false);
      return;
    }
    // Starting or restarting: give hls.js its own retries, then start over.
    if (this.state === 'reconnecting' && this.failingSince !== null && now - this.failingSince >= OFFLINE_AFTER_MS) this.setState('offline');
    if (now - this.builtAt >= START_TIMEOUT_MS) this.rebuildLater(false);
  }

  /** Seeks to hls.js's live sync position; false when it has none yet. */
  private jumpToLive(hls: Hls): boolean {
    const position = hls.liveSyncPosition;
    if (position === null || !Number.isFinite(position)) return false;
    this.jumpedSinceProgress = true;
    this.media.currentTime = position;
    return true;
  }

  /**
   * Far behind (a long stall, a sleeping tab): jump to live. A little behind: play faster until
   * caught up. hls.js adapts the rate itself only in low-latency mode, which tiles do not use.
   */
  private keepNearLive(hls: Hls): void {
    const target = hls.targetLatency;
    if (target === null || target <= 0) return;
    const latency = hls.latency;
    if (latency > MAX_LATENCY_FACTOR * target) {
      this.jumpToLive(hls);
      return;
    }
    const behind = latency - target;
    const rate = behind > 0.5 && bufferAhead(this.media) > 1 ? Math.min(MAX_CATCH_UP_RATE, Math.round((1 + behind / 4) * 20) / 20) : 1;
    if (this.media.playbackRate !== rate) this.media.playbackRate = rate;
  }
}
