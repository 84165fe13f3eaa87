import { createConnection, createServer, type Server, type Socket } from 'node:net';

interface Pair {
  client: Socket;
  upstream: Socket | null;
}

/**
 * A TCP proxy in front of the shared PostgreSQL, so a test can make *its own* database hang or go
 * away without touching the server others use. `freeze()`: no byte passes either way and every
 * socket stays open, as with a SIGSTOPped or partitioned server; `down()`: connections are cut
 * and new ones refused, as with a stopped server.
 */
export class TcpProxy {
  private server: Server | null = null;
  private pairs = new Set<Pair>();
  private frozen = false;
  port = 0;

  constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
  ) {}

  async start(port = 0): Promise<number> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
    return this.port;
  }

  private accept(client: Socket): void {
    const pair: Pair = { client, upstream: null };
    this.pairs.add(pair);
    const forget = () => {
      this.pairs.delete(pair);
      client.destroy();
      pair.upstream?.destroy();
    };
    client.on('error', forget);
    client.on('close', forget);
    client.on('data', (chunk) => pair.upstream?.write(chunk));
    client.pause();
    if (!this.frozen) this.connectUpstream(pair);
  }

  private connectUpstream(pair: Pair): void {
    const upstream = createConnection({ host: this.upstreamHost, port: this.upstreamPort });
    pair.upstream = upstream;
    upstream.on('data', (chunk) => pair.client.write(chunk));
    upstream.on('error', () => pair.client.destroy());
    upstream.on('close', () => pair.client.destroy());
    upstream.once('connect', () => {
      if (!this.frozen) pair.client.resume();
    });
    if (this.frozen) upstream.pause();
  }

  /** Stops every byte both ways; sockets stay open and new connections are accepted but never answered. */
  freeze(): void {
    this.frozen = true;
    for (const pair of this.pairs) {
      pair.client.pause();
      pair.upstream?.pause();
    }
  }

  /** Lets the held bytes and connections through again. */
  unfreeze(): void {
    this.frozen = false;
    for (const pair of this.pairs) {
      if (!pair.upstream) this.connectUpstream(pair);
      else {
        pair.upstream.resume();
        if (!pair.upstream.connecting) pair.client.resume();
      }
    }
  }

  /** Cuts every connection and refuses new ones (the port is closed) until `up()`. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    this.pairs.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async up(): Promise<void> {
    await this.start(this.port);
  }

  async close(): Promise<void> {
    this.frozen = false;
    await this.down();
  }
}
