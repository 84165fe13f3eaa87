import type { FastifyInstance } from 'fastify';
import { RETRY_AFTER_SECONDS } from '../lib/db-errors.js';

/**
 * In-flight HTTP requests of one or more Fastify instances (the app, the tracker listener),
 * so a shutdown can stop taking requests and still let those it took commit and answer.
 * Fastify's own close cuts open connections (forceCloseConnections), answers in flight included:
 * the shutdown waits on `idle` first.
 */
export class RequestDrain {
  private inFlight = 0;
  private draining = false;
  private waiters: (() => void)[] = [];

  /** Counts the instance's requests; call before it is ready. */
  attach(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => {
      if (this.draining) {
        // A balancer sends the retry elsewhere; an Idempotency-Key makes the retry safe.
        return reply
          .code(503)
          .header('connection', 'close')
          .header('retry-after', String(RETRY_AFTER_SECONDS))
          .send({ error: 'unavailable', message: 'server: shutting down; try again (another node, or this one once it is back)', params: {} });
      }
      this.inFlight += 1;
      // 'close' comes once per response, sent or cut: the count cannot drift.
      reply.raw.once('close', () => this.done());
      return undefined;
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      // Answers finished during the drain tell keep-alive clients not to come back on this connection.
      if (this.draining && !reply.raw.headersSent) reply.header('connection', 'close');
      return payload;
    });
  }

  get pending(): number {
    return this.inFlight;
  }

  get active(): boolean {
    return this.draining;
  }

  /** From now on new requests get 503 with `Connection: close`. */
  start(): void {
    this.draining = true;
  }

  /** Resolves true once no request is in flight, false if `deadline` (epoch ms) came first. */
  idle(deadline: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== wake);
        resolve(false);
      }, Math.max(0, deadline - Date.now()));
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push(wake);
    });
  }

  private done(): void {
    this.inFlight -= 1;
    if (this.inFlight > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }
}
