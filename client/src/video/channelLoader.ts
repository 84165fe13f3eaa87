import {
  LoadStats,
  type HlsConfig,
  type Loader,
  type LoaderCallbacks,
  type LoaderConfiguration,
  type LoaderContext,
  type LoaderResponse,
  type RetryConfig,
} from 'hls.js';
import type { ChannelResult, VideoChannel } from './videoChannel';

export type LoaderClass = new (config: HlsConfig) => Loader<LoaderContext>;

/** hls.js's own rule (utils/error-helper.ts): retry timeouts, 5xx and offline, never other 4xx. */
function shouldRetry(retry: RetryConfig, count: number, isTimeout: boolean, response?: LoaderResponse): boolean {
  const status = response?.code;
  const offline = status === 0 && typeof navigator !== 'undefined' && navigator.onLine === false;
  const retryableStatus = offline || (!!status && (status < 400 || status > 499));
  const verdict = count < retry.maxNumRetry && (retryableStatus || isTimeout);
  return retry.shouldRetry ? retry.shouldRetry(retry, count, isTimeout, response, verdict) : verdict;
}

function retryDelay(retry: RetryConfig, count: number): number {
  const factor = retry.backoff === 'linear' ? 1 : 2 ** count;
  return Math.min(factor * retry.retryDelayMs, retry.maxRetryDelayMs);
}

/** The relay path (`/api/v1/cameras/...?...`) of a URL hls.js resolved, or null if it is not ours. */
export function relayPath(url: string, origin: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url, origin);
  } catch {
    return null;
  }
  if (parsed.origin !== origin || !parsed.pathname.startsWith('/api/v1/cameras/')) return null;
  return `${parsed.pathname}${parsed.search}`;
}

const pageOrigin = () => (typeof location === 'undefined' ? 'http://localhost' : location.origin);

/**
 * An hls.js loader (`config.loader`) that GETs relay paths over the page's video channel
 * instead of HTTP, so every tile shares one WebSocket. It keeps hls.js's contract as the
 * fetch and XHR loaders do: the load policy's deadline and retries (timeouts, 5xx; never 4xx),
 * then `onTimeout` or `onError({ code })` so hls.js's error controller decides what follows,
 * text for playlists and an ArrayBuffer for segments, nothing called back after `abort`.
 *
 * The relay answers a request whole, so its first byte is its last: the deadline is the
 * policy's `maxLoadTimeMs` (and `maxTimeToFirstByteMs` when that is shorter). A byte range is
 * asked of the relay, which passes it upstream and answers 206 with only those bytes.
 */
export function createChannelLoader(channel: VideoChannel, origin: () => string = pageOrigin): LoaderClass {
  return class ChannelLoader implements Loader<LoaderContext> {
    context: LoaderContext | null = null;
    stats: LoadStats = new LoadStats();
    private config: LoaderConfiguration | null = null;
    private callbacks: LoaderCallbacks<LoaderContext> | null = null;
    private deadline: ReturnType<typeof setTimeout> | undefined;
    private retryTimer: ReturnType<typeof setTimeout> | undefined;
    /** Bumped by every attempt, abort and destroy: a late answer of an older attempt is ignored. */
    private attempt = 0;

    load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      if (this.stats.loading.start) throw new Error('Loader can only be used once.');
      this.stats.loading.start = performance.now();
      this.context = context;
      this.config = config;
      this.callbacks = callbacks;
      this.loadAttempt();
    }

    abort(): void {
      this.cancel();
      if (this.context) this.callbacks?.onAbort?.(this.stats, this.context, null);
    }

    destroy(): void {
      this.cancel();
      this.callbacks = null;
      this.config = null;
      this.context = null;
    }

    getCacheAge(): number | null {
      return null;
    }

    getResponseHeader(): string | null {
      return null;
    }

    private cancel(): void {
      clearTimeout(this.deadline);
      clearTimeout(this.retryTimer);
      this.attempt += 1;
      if (!this.stats.loading.end) this.stats.aborted = true;
    }

    private loadAttempt(): void {
      const { context, config } = this;
      if (!context || !config) return;
      const attempt = ++this.attempt;
      const stats = this.stats;
      stats.loading.first = 0;
      stats.loaded = 0;
      stats.aborted = false;

      const path = relayPath(context.url, origin());
      if (path === null) {
        this.fail({ code: 0, text: `not a relay path: ${context.url}` });
        return;
      }
      const { maxTimeToFirstByteMs, maxLoadTimeMs } = config.loadPolicy;
      const budget = Number.isFinite(maxTimeToFirstByteMs) ? Math.min(maxTimeToFirstByteMs, maxLoadTimeMs) : maxLoadTimeMs;
      config.timeout = budget;
      this.deadline = setTimeout(() => this.timedOut(attempt), budget);
      // hls.js's byte range (EXT-X-BYTERANGE): rangeEnd is exclusive, and 0 when there is none.
      const range = context.rangeEnd ? { start: context.rangeStart ?? 0, end: context.rangeEnd - 1 } : undefined;
      void channel.get(path, budget, range).then((result) => {
        if (attempt === this.attempt) this.answered(result);
      });
    }

    private timedOut(attempt: number): void {
      if (attempt !== this.attempt || !this.config || !this.context) return;
      const retry = this.config.loadPolicy.timeoutRetry;
      if (retry && shouldRetry(retry, this.stats.retry, true)) {
        this.retry(retry);
        return;
      }
      const callbacks = this.callbacks;
      this.cancel();
      callbacks?.onTimeout(this.stats, this.context, null);
    }

    private answered(result: ChannelResult): void {
      clearTimeout(this.deadline);
      const { context, config, stats } = this;
      if (!context || !config) return;
      if (!result.ok) {
        // The channel's own deadline matches ours; a transport failure is HTTP's status 0.
        if (result.status === 0 && result.error === 'timeout') {
          this.timedOut(this.attempt);
          return;
        }
        const response: LoaderResponse = { url: context.url, data: undefined, code: result.status };
        const retry = config.loadPolicy.errorRetry;
        if (retry && shouldRetry(retry, stats.retry, false, response)) this.retry(retry);
        else this.fail({ code: result.status, text: result.error });
        return;
      }
      const now = performance.now();
      stats.loading.first = Math.max(now, stats.loading.start);
      stats.loading.end = stats.loading.first;
      // The relay answers a range 206 with just its bytes; a 200 to a range (a server from before
      // ranges) is the whole resource, and the range is cut from it here.
      const bytes = context.rangeEnd && result.status !== 206 ? result.body.slice(context.rangeStart ?? 0, context.rangeEnd) : result.body;
      const data = context.responseType === 'arraybuffer' ? bytes : new TextDecoder().decode(bytes);
      stats.loaded = stats.total = bytes.byteLength;
      stats.bwEstimate = (stats.total * 8000) / Math.max(1, stats.loading.end - stats.loading.start);
      const response: LoaderResponse = { url: context.url, data, code: result.status };
      this.callbacks?.onProgress?.(stats, context, data, null);
      this.callbacks?.onSuccess(response, stats, context, null);
    }

    private retry(retry: RetryConfig): void {
      const delay = retryDelay(retry, this.stats.retry);
      this.stats.retry += 1;
      clearTimeout(this.deadline);
      clearTimeout(this.retryTimer);
      this.attempt += 1;
      this.retryTimer = setTimeout(() => this.loadAttempt(), delay);
    }

    private fail(error: { code: number; text: string }): void {
      const { context, callbacks } = this;
      if (!context) return;
      callbacks?.onError(error, context, null, this.stats);
    }
  };
}
