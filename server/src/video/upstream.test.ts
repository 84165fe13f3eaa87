import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError, fetchHttp, readAll } from './upstream.js';

describe('fetching an upstream', () => {
  let server: Server;
  let base: string;
  const seen: (string | undefined)[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers.authorization);
      if (request.url === '/chunked') {
        response.writeHead(200, { 'content-type': 'video/mp4' });
        let sent = 0;
        const more = () => {
          if (sent >= 5000) return response.end();
          sent += 500;
          response.write(Buffer.alloc(500, 1), more);
        };
        return more();
      }
      if (request.url === '/declared') return response.writeHead(200, { 'content-length': '5000' }).end(Buffer.alloc(5000));
      if (request.url === '/away') return response.writeHead(301, { location: 'http://example.invalid/x' }).end();
      if (request.url === '/silent') return; // never answers
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const options = { timeoutMs: 300, maxBytes: 1000, redirectError: () => 'not allowed' };
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    return error as UpstreamError;
  };

  it('streams a body and sends the URL credentials as Basic auth, never in the URL', async () => {
    const response = await fetchHttp(new URL(`${base}/ok`), new URL(`http://cam%20user:p%40ss@127.0.0.1/`), options);
    expect(response.status).toBe(200);
    expect((await readAll(response.body, 1000)).toString()).toBe('ok');
    expect(seen.at(-1)).toBe(`Basic ${Buffer.from('cam user:p@ss').toString('base64')}`);
  });

  it('stops a body past the cap, whether declared or streamed', async () => {
    expect((await failure(fetchHttp(new URL(`${base}/declared`), new URL(base), options))).failure).toBe('too_large');
    const response = await fetchHttp(new URL(`${base}/chunked`), new URL(base), options);
    expect((await failure(readAll(response.body, 10_000))).failure).toBe('too_large');
  });

  it('names timeouts, refused connections and refused redirects', async () => {
    expect((await failure(fetchHttp(new URL(`${base}/silent`), new URL(base), options))).failure).toBe('timeout');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failure(fetchHttp(new URL(`http://127.0.0.1:${port}/x`), new URL(base), options));
    expect([refused.failure, refused.message]).toEqual(['unreachable', 'unreachable (ECONNREFUSED)']);
    const redirect = await failure(fetchHttp(new URL(`${base}/away`), new URL(base), options));
    expect(redirect.failure).toBe('redirect_outside');
  });
});
