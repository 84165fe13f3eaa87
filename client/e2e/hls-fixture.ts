import { copyFileSync, createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEMO_VIDEO = resolve(dirname(fileURLToPath(import.meta.url)), '../../server/assets/demo-video');
const WINDOW = 6;

/**
 * Live HLS as a camera's encoder writes it, from the demo cameras' pre-encoded 1 s fMP4 loop
 * (H.264, keyframe every second, shipped with the project: no ffmpeg needed): every second the
 * next segment is written and the playlist's window slides on, with a discontinuity where the
 * loop starts again, and old segments are deleted.
 */
export interface LiveHls {
  dir: string;
  stop(): Promise<void>;
}

export function startLiveHls(name: string, options: { camera?: string; variant?: 'main' | 'sub' } = {}): LiveHls {
  const source = join(DEMO_VIDEO, options.camera ?? 'demo-cam-17', options.variant ?? 'sub');
  const loop = readFileSync(join(source, 'loop.m3u8'), 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('.m4s'));
  const dir = mkdtempSync(join(tmpdir(), `vigil-hls-${name}-`));
  copyFileSync(join(source, 'init.mp4'), join(dir, 'init.mp4'));
  let next = 0;
  const write = () => {
    copyFileSync(join(source, loop[next % loop.length]!), join(dir, `${next}.m4s`));
    const first = Math.max(0, next - WINDOW + 1);
    const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:1', `#EXT-X-MEDIA-SEQUENCE:${first}`];
    // Segment n follows floor(n / loop length) discontinuities.
    lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${Math.floor(first / loop.length)}`);
    lines.push('#EXT-X-MAP:URI="init.mp4"');
    for (let n = first; n <= next; n++) {
      if (n % loop.length === 0 && n > first) lines.push('#EXT-X-DISCONTINUITY');
      lines.push('#EXTINF:1.000000,', `${n}.m4s`);
    }
    writeFileSync(join(dir, 'index.tmp'), `${lines.join('\n')}\n`);
    copyFileSync(join(dir, 'index.tmp'), join(dir, 'index.m3u8'));
    rmSync(join(dir, `${next - WINDOW - 2}.m4s`), { force: true });
    next += 1;
  };
  // A few segments at once, as if the camera had been streaming for a while; then one a second.
  for (let i = 0; i < 3; i++) write();
  const timer = setInterval(write, 1_000);
  return {
    dir,
    stop: async () => {
      clearInterval(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the playlist has at least `segments` segments. */
export async function waitForSegments(hls: LiveHls, segments = 2, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const playlist = join(hls.dir, 'index.m3u8');
    if (existsSync(playlist) && (readFileSync(playlist, 'utf8').match(/#EXTINF/g)?.length ?? 0) >= segments) return;
    if (Date.now() > deadline) throw new Error(`no HLS in ${hls.dir} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function contentType(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/** Sends a file of `dir` by its base name (no paths out of it), or 404. */
export function sendFile(response: ServerResponse, dir: string | null, name: string): void {
  const file = dir ? join(dir, basename(name)) : '';
  if (!dir || !existsSync(file)) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, { 'content-type': contentType(file), 'cache-control': 'no-cache' });
  createReadStream(file).pipe(response);
}

export interface HttpOrigin {
  url: string;
  /** Stops answering (connections refused), as a camera that went away. */
  close(): Promise<void>;
}

/** A plain HTTP HLS origin, as a camera or NVR serves it: `<url>/index.m3u8`. */
export async function serveOrigin(dir: () => string | null, port = 0): Promise<HttpOrigin & { port: number }> {
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    sendFile(response, dir(), new URL(request.url ?? '/', 'http://origin').pathname);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
