import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';

/**
 * Live HLS made on the spot: ffmpeg's test pattern at 15 fps, H.264 with a keyframe every
 * second, cut into 1 s fMP4 segments (so the player transmuxes nothing) in a sliding window.
 */
export interface LiveHls {
  dir: string;
  stop(): Promise<void>;
}

export function startLiveHls(name: string, options: { size?: string } = {}): LiveHls {
  const dir = mkdtempSync(join(tmpdir(), `vigil-hls-${name}-`));
  const child: ChildProcess = spawn(
    process.env.FFMPEG_PATH ?? 'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=${options.size ?? '320x180'}:rate=15`],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p'],
      ...['-g', '15', '-keyint_min', '15', '-sc_threshold', '0'],
      ...['-f', 'hls', '-hls_time', '1', '-hls_list_size', '6', '-hls_flags', 'delete_segments'],
      ...['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4'],
      join(dir, 'index.m3u8'),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return {
    dir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until ffmpeg has written a playlist with at least `segments` segments. */
export async function waitForSegments(hls: LiveHls, segments = 2, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const playlist = join(hls.dir, 'index.m3u8');
    if (existsSync(playlist) && (readFileSync(playlist, 'utf8').match(/#EXTINF/g)?.length ?? 0) >= segments) return;
    if (Date.now() > deadline) throw new Error(`no HLS in ${hls.dir} after ${timeoutMs} ms (is ffmpeg installed?)`);
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
