import type { HlsConfig, LoaderConfig } from 'hls.js';
import type { LoaderClass } from './channelLoader';

const noRetryDelay = { retryDelayMs: 0, maxRetryDelayMs: 0 };

/**
 * Load deadlines for 1-second live segments (hls.js's defaults suit VOD: two minutes for a
 * segment). A tile that waits longer than a few seconds is better rebuilt by the controller.
 */
const manifestPolicy: LoaderConfig = {
  maxTimeToFirstByteMs: Infinity,
  maxLoadTimeMs: 8_000,
  timeoutRetry: { maxNumRetry: 1, ...noRetryDelay },
  errorRetry: { maxNumRetry: 1, retryDelayMs: 1_000, maxRetryDelayMs: 4_000 },
};
const playlistPolicy: LoaderConfig = {
  maxTimeToFirstByteMs: 4_000,
  maxLoadTimeMs: 6_000,
  timeoutRetry: { maxNumRetry: 2, ...noRetryDelay },
  errorRetry: { maxNumRetry: 3, retryDelayMs: 500, maxRetryDelayMs: 2_000 },
};
const fragmentPolicy: LoaderConfig = {
  maxTimeToFirstByteMs: 4_000,
  maxLoadTimeMs: 8_000,
  timeoutRetry: { maxNumRetry: 2, ...noRetryDelay },
  errorRetry: { maxNumRetry: 3, retryDelayMs: 500, maxRetryDelayMs: 2_000 },
};

/**
 * hls.js for a wall tile: close to live (3 segments, jump back past 6), small bounded buffers
 * (16 tiles in one page), no LL-HLS (its blocking reloads are for HTTP/2 origins; 1 s segments
 * already give 3–5 s), the transmux worker off the main thread.
 *
 * `maxLiveSyncPlaybackRate` only acts in low-latency mode; the controller speeds a tile that is
 * a little behind itself (see `PlayerController.keepNearLive`).
 */
export function tileHlsConfig(loader: LoaderClass, workerPath: string): Partial<HlsConfig> {
  return {
    loader,
    enableWorker: true,
    // The ESM build has no inline worker: without a path it would transmux on the main thread.
    workerPath,
    lowLatencyMode: false,
    liveSyncDurationCount: 3,
    liveMaxLatencyDurationCount: 6,
    maxLiveSyncPlaybackRate: 1.5,
    maxBufferLength: 5,
    maxMaxBufferLength: 8,
    backBufferLength: 10,
    capLevelToPlayerSize: true,
    manifestLoadPolicy: { default: manifestPolicy },
    playlistLoadPolicy: { default: playlistPolicy },
    fragLoadPolicy: { default: fragmentPolicy },
  };
}
