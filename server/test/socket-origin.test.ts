import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import { PROTOCOL_VERSION, VIDEO_NAMESPACE } from '@vigil/shared';
import { createTestDatabase, testDbKind, type TestDatabaseHandle } from './helpers/database.js';
import { login, startServer, type TestServer } from './helpers/server.js';

type Outcome = 'connected' | 'refused';

describe(`socket handshakes by Origin (${testDbKind})`, () => {
  let handle: TestDatabaseHandle;
  let server: TestServer;
  let cookie: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    server = await startServer(handle, { allowedOrigins: ['https://wall.example.com'] });
    cookie = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  /** A logged-in handshake as a browser would send it, Origin header included (or left out). */
  function handshake(namespace: string, transport: 'websocket' | 'polling', origin?: string): Promise<Outcome> {
    return new Promise((resolve) => {
      const socket = connectSocket(`${server.url}${namespace}`, {
        transports: [transport],
        reconnection: false,
        forceNew: true,
        extraHeaders: origin ? { cookie, origin } : { cookie },
        auth: { protocol: PROTOCOL_VERSION },
      });
      socket.on('connect', () => {
        socket.disconnect();
        resolve('connected');
      });
      socket.on('connect_error', () => {
        socket.disconnect();
        resolve('refused');
      });
    });
  }

  const own = () => server.url; // http://127.0.0.1:<port>, the Host the request is sent to

  for (const namespace of ['/', VIDEO_NAMESPACE]) {
    for (const transport of ['websocket', 'polling'] as const) {
      it(`refuses another site's page on ${namespace} over ${transport}`, async () => {
        expect(await handshake(namespace, transport, 'http://evil.example')).toBe('refused');
        expect(await handshake(namespace, transport, 'null')).toBe('refused');
      });

      it(`admits its own page, an allowed origin and a client without Origin on ${namespace} over ${transport}`, async () => {
        expect(await handshake(namespace, transport, own())).toBe('connected');
        expect(await handshake(namespace, transport, 'https://wall.example.com')).toBe('connected');
        expect(await handshake(namespace, transport)).toBe('connected');
      });
    }
  }
});
