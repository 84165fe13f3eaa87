import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { VIDEO_NAMESPACE, type VideoClientToServerEvents, type VideoResponse, type VideoServerToClientEvents } from '@vigil/shared';
import { Server as SocketServer } from 'socket.io';
import { contentType, sendFile } from './hls-fixture';

const CAMERA_PATH = /^\/api\/v1\/cameras\/([^/]+)\/(main|sub)\/([^/?]+)/;

export interface FakeRelay {
  url: string;
  /** `video.get`s answered over the WebSocket, and relay paths asked over plain HTTP. */
  counts: { socket: number; http: number };
  close(): Promise<void>;
}

/** Where a camera's HLS is: a directory, `down` (its origin does not answer: 502), or none (404). */
export type CameraSource = string | 'down' | null;

/**
 * Stands in for the server's relay on this branch: serves a built page from `pageDir` and
 * answers `video.get` on the `/video` namespace (and plain HTTP) from each camera's HLS
 * directory, as `GET /api/v1/cameras/:id/:variant/<file>`.
 */
export async function startFakeRelay(pageDir: string, cameraSource: (cameraId: string) => CameraSource): Promise<FakeRelay> {
  const cameraDir = (cameraId: string) => {
    const source = cameraSource(cameraId);
    return source === 'down' ? null : source;
  };
  const counts = { socket: 0, http: 0 };
  const assets = join(pageDir, 'assets');
  const http: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://relay').pathname;
    const camera = CAMERA_PATH.exec(path);
    if (camera) {
      counts.http += 1;
      sendFile(response, cameraDir(decodeURIComponent(camera[1] ?? '')), camera[3] ?? '');
    } else if (path.startsWith('/assets/')) sendFile(response, assets, path);
    else if (path.endsWith('.html')) sendFile(response, pageDir, path);
    else response.writeHead(404).end();
  });

  const io = new SocketServer<VideoClientToServerEvents, VideoServerToClientEvents>(http, { transports: ['websocket'] });
  io.of(VIDEO_NAMESPACE).on('connection', (socket) => {
    socket.on('video.get', ({ path }, ack) => {
      counts.socket += 1;
      const camera = CAMERA_PATH.exec(path);
      const dir = camera ? cameraDir(decodeURIComponent(camera[1] ?? '')) : null;
      const file = dir && camera ? join(dir, basename(camera[3] ?? '')) : null;
      const down = camera !== null && cameraSource(decodeURIComponent(camera[1] ?? '')) === 'down';
      let response: VideoResponse = down ? { ok: false, status: 502, error: 'upstream unreachable' } : { ok: false, status: 404, error: 'not found' };
      if (file && existsSync(file)) {
        try {
          const bytes = readFileSync(file);
          response = { ok: true, status: 200, contentType: contentType(file), body: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
        } catch {
          // deleted by the live source's sliding window between the check and the read
        }
      }
      ack(response);
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: async () => {
      await io.close();
      http.closeAllConnections();
    },
  };
}
