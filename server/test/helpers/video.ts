import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { VIDEO_NAMESPACE, type VideoClientToServerEvents, type VideoResponse, type VideoServerToClientEvents } from '@vigil/shared';
import { api, type TestServer } from './server.js';

export const DEMO_ASSETS = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'assets', 'demo-video');

export type VideoSocket = Socket<VideoServerToClientEvents, VideoClientToServerEvents>;

/** GET as a browser would, keeping the body's bytes. */
export async function getBytes(
  server: TestServer,
  path: string,
  cookie?: string,
): Promise<{ status: number; contentType: string | null; bytes: Buffer; headers: Headers; text: string }> {
  const response = await fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, contentType: response.headers.get('content-type'), bytes, headers: response.headers, text: bytes.toString('utf8') };
}

/** The URIs of a playlist's segments (non-tag lines) and of its `URI="…"` attributes. */
export function playlistUris(text: string): { segments: string[]; attributes: string[] } {
  const lines = text.trim().split('\n');
  return {
    segments: lines.filter((line) => line !== '' && !line.startsWith('#')),
    attributes: lines.flatMap((line) => [...line.matchAll(/(?:^|[:,])URI="([^"]*)"/g)].map((match) => match[1]!)),
  };
}

export function tagValue(text: string, tag: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`#${tag}:`));
  return Number(line?.slice(tag.length + 2));
}

export async function setStreams(server: TestServer, cookie: string, cameraId: string, body: Record<string, unknown>): Promise<void> {
  const response = await api(server, 'PUT', `/api/v1/cameras/${cameraId}/streams`, { cookie, body });
  if (response.status !== 200) throw new Error(`set streams failed: ${response.status} ${JSON.stringify(response.body)}`);
}

/** A real socket.io-client on the `/video` namespace. */
export function videoSocket(server: TestServer, cookie?: string): VideoSocket {
  return connectSocket(`${server.url}${VIDEO_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: cookie ? { cookie } : {},
  });
}

export function videoConnected(socket: VideoSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

export function videoConnectError(socket: VideoSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.disconnect();
      reject(new Error('connected without the right credentials'));
    });
    socket.once('connect_error', (error) => {
      socket.disconnect();
      resolve(error.message);
    });
  });
}

export function videoGet(socket: VideoSocket, request: unknown): Promise<VideoResponse> {
  return socket.timeout(10_000).emitWithAck('video.get', request as { path: string });
}

export function bodyOf(response: VideoResponse): Buffer {
  if (!response.ok) throw new Error(`video.get failed: ${response.status} ${response.error}`);
  return Buffer.from(response.body);
}

export interface Upstream {
  url: string;
  port: number;
  /** Paths (with query) requested so far, and the Authorization header of each. */
  hits: { path: string; authorization: string | undefined }[];
  close(): Promise<void>;
  listen(): Promise<void>;
}

/** A small HTTP server standing in for a camera, an NVR or MediaMTX; `port` 0 picks one. */
export async function startUpstream(handler: (request: IncomingMessage, response: ServerResponse, upstream: Upstream) => void, port = 0): Promise<Upstream> {
  let server: Server | null = null;
  const upstream: Upstream = {
    url: '',
    port,
    hits: [],
    async listen() {
      server = createServer((request, response) => {
        upstream.hits.push({ path: request.url ?? '', authorization: request.headers.authorization });
        handler(request, response, upstream);
      });
      await new Promise<void>((resolve) => server!.listen(upstream.port, '127.0.0.1', resolve));
      upstream.port = (server.address() as AddressInfo).port;
      upstream.url = `http://127.0.0.1:${upstream.port}`;
    },
    async close() {
      const closing = server;
      server = null;
      if (!closing) return;
      closing.closeAllConnections();
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
  await upstream.listen();
  return upstream;
}
