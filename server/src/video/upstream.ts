import { Readable, Transform } from 'node:stream';

/** What an upstream (a camera, an NVR, the in-process demo) answered. */
export interface UpstreamResponse {
  status: number;
  contentType: string | null;
  /** A 206's `Content-Range`, as the upstream sent it. */
  contentRange: string | null;
  /** The URL that answered, after redirects: relative URIs in a playlist resolve against it. */
  url: URL;
  body: Readable;
}

export type UpstreamFailure = 'timeout' | 'unreachable' | 'too_large' | 'redirect_outside';

export class UpstreamError extends Error {
  constructor(
    readonly failure: UpstreamFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Why a redirect target is refused, or null to follow it. */
  redirectError: (target: URL) => string | null;
  /** A `Range` header to send (`bytes=a-b`). */
  range?: string;
}

const MAX_REDIRECTS = 3;

/** Basic credentials from a URL's user info; fetch refuses URLs that carry them. */
function authorization(url: URL): Record<string, string> {
  if (!url.username && !url.password) return {};
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` };
}

function bare(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** Passes bytes through until `maxBytes`, then fails the stream. */
export function capBytes(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new UpstreamError('too_large', `answer is larger than ${maxBytes} bytes`));
      else callback(null, chunk);
    },
  });
}

/** Reads a whole body, failing past `maxBytes`. */
export async function readAll(body: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    length += buffer.length;
    if (length > maxBytes) {
      body.destroy();
      throw new UpstreamError('too_large', `answer is larger than ${maxBytes} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, length);
}

function failureOf(error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return new UpstreamError('timeout', 'did not answer in time');
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : 'connection failed';
  return new UpstreamError('unreachable', `unreachable (${code})`);
}

/**
 * GETs an http(s) upstream: a timeout over the whole exchange, the configured credentials,
 * redirects followed only where `redirectError` allows, and a size cap on the body. Never
 * throws anything but UpstreamError.
 */
export async function fetchHttp(target: URL, credentials: URL, options: FetchOptions): Promise<UpstreamResponse> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = target;
  try {
    for (let hop = 0; ; hop += 1) {
      const headers = { ...authorization(credentials), ...(options.range ? { range: options.range } : {}) };
      const response = await fetch(bare(url), { headers, redirect: 'manual', signal });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        const next = new URL(location, url);
        const refused = options.redirectError(next);
        if (refused || hop >= MAX_REDIRECTS) throw new UpstreamError('redirect_outside', `redirected where the relay may not follow (${refused ?? 'too many redirects'})`);
        url = next;
        continue;
      }
      const length = Number(response.headers.get('content-length') ?? Number.NaN);
      if (length > options.maxBytes) {
        await response.body?.cancel();
        throw new UpstreamError('too_large', `answer is larger than ${options.maxBytes} bytes`);
      }
      const source = response.body ? Readable.fromWeb(response.body) : Readable.from([]);
      const body = source.pipe(capBytes(options.maxBytes));
      source.on('error', (error) => body.destroy(failureOf(error)));
      body.on('close', () => source.destroy());
      return { status: response.status, contentType: response.headers.get('content-type'), contentRange: response.headers.get('content-range'), url, body };
    }
  } catch (error) {
    throw failureOf(error);
  }
}
