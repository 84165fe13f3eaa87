import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { STREAM_VARIANTS, type StreamVariant } from '@vigil/shared';
import type { Clock } from '../lib/clock.js';
import { demoLivePlaylist, demoSegment, demoSegmentNumber, parseLoopManifest, type DemoLoop } from './demo-playlist.js';
import { shiftSegmentTime, trackTimescale } from './fmp4.js';
import type { UpstreamResponse } from './upstream.js';

/**
 * The demo cameras as an in-process upstream at `demo://<camera id>/…`, served from the assets
 * `scripts/make-demo-video.sh` made (server/assets/demo-video/<camera id>/{main,sub}/, snapshot.jpg):
 *
 *   demo://demo-cam-03/main                   the live playlist
 *   demo://demo-cam-03/main/init.mp4          the init segment
 *   demo://demo-cam-03/main/1796150478.m4s    live segment n: file n mod N of the loop, retimed
 *   demo://demo-cam-03/snapshot               a still
 *
 * It answers like an HTTP upstream, so the relay rewrites and confines it as any camera.
 */

export const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';

/** server/assets/demo-video, found by walking up from this file (works from src/ and dist/). */
export function findDemoVideoDir(from = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'assets', 'demo-video');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

const CAMERA_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function isVariant(value: string | undefined): value is StreamVariant {
  return (STREAM_VARIANTS as readonly string[]).includes(value ?? '');
}

function answer(url: URL, status: number, contentType: string | null, body: Buffer | string): UpstreamResponse {
  return { status, contentType, contentRange: null, url, body: Readable.from([Buffer.from(body)]) };
}

interface LoadedLoop {
  loop: DemoLoop;
  timescale: number;
}

export class DemoSource {
  private readonly loops = new Map<string, Promise<LoadedLoop>>();
  private readonly files = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
  ) {}

  hasCamera(cameraId: string): boolean {
    return CAMERA_ID.test(cameraId) && existsSync(join(this.dir, cameraId, 'main', 'loop.m3u8'));
  }

  /** Whether `url` names one of the demo's streams (`kind` stream) or stills (`kind` snapshot). */
  serves(url: URL, kind: 'stream' | 'snapshot'): boolean {
    if (url.protocol !== 'demo:' || url.search || url.hash || url.username || url.password || url.port) return false;
    const path = url.pathname.slice(1);
    return this.hasCamera(url.hostname) && (kind === 'snapshot' ? path === 'snapshot' : isVariant(path));
  }

  async fetch(url: URL): Promise<UpstreamResponse> {
    const cameraId = url.hostname;
    const [variant, file, ...rest] = url.pathname.slice(1).split('/');
    const notFound = answer(url, 404, 'text/plain', 'not found');
    if (!this.hasCamera(cameraId) || rest.length > 0) return notFound;
    if (variant === 'snapshot' && file === undefined) {
      return answer(url, 200, 'image/jpeg', await this.file(join(cameraId, 'snapshot.jpg')));
    }
    if (!isVariant(variant) || !existsSync(join(this.dir, cameraId, variant, 'loop.m3u8'))) return notFound;
    const { loop, timescale } = await this.loop(cameraId, variant);
    if (file === undefined) return answer(url, 200, PLAYLIST_TYPE, demoLivePlaylist(loop, this.clock(), `${variant}/`));
    if (file === loop.init) return answer(url, 200, 'video/mp4', await this.file(join(cameraId, variant, file)));
    const n = demoSegmentNumber(file);
    if (n === null) return notFound;
    const segment = demoSegment(loop, n, timescale);
    const retimed = shiftSegmentTime(await this.file(join(cameraId, variant, segment.file)), segment.shiftTicks);
    if (!retimed) throw new Error(`demo video ${cameraId}/${variant}/${segment.file}: not a segment the demo script writes`);
    return answer(url, 200, 'video/mp4', retimed);
  }

  private loop(cameraId: string, variant: StreamVariant): Promise<LoadedLoop> {
    const key = `${cameraId}/${variant}`;
    let loop = this.loops.get(key);
    if (!loop) {
      loop = readFile(join(this.dir, cameraId, variant, 'loop.m3u8'), 'utf8').then(async (text) => {
        const parsed = parseLoopManifest(text);
        if ('error' in parsed) throw new Error(`demo video ${key}: ${parsed.error}`);
        const timescale = trackTimescale(await this.file(join(cameraId, variant, parsed.init)));
        if (!timescale) throw new Error(`demo video ${key}: the init segment has no track timescale`);
        return { loop: parsed, timescale };
      });
      void loop.catch(() => this.loops.delete(key));
      this.loops.set(key, loop);
    }
    return loop;
  }

  /** Files are small (the whole demo is a few MB) and read once. */
  private file(relative: string): Promise<Buffer> {
    let file = this.files.get(relative);
    if (!file) {
      file = readFile(join(this.dir, relative));
      void file.catch(() => this.files.delete(relative));
      this.files.set(relative, file);
    }
    return file;
  }
}
