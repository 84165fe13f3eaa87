/** The limiter's queue is full: the caller answers 503 and the client tries again later. */
export class LimiterFull extends Error {
  constructor() {
    super('busy: too many logins are waiting; try again in a moment');
  }
}

interface Waiter {
  start: () => void;
}

/**
 * Runs at most `concurrency` tasks at once and queues the rest (at most `maxQueued`), taking
 * queued tasks round-robin by key: a flood from one address waits behind itself, not in front
 * of everyone else. Used to bound the password KDF, which is CPU and memory heavy.
 */
export class FairLimiter {
  private running = 0;
  private queued = 0;
  /** Insertion order is the round-robin order; a key's entry goes when its queue empties. */
  private readonly queues = new Map<string, Waiter[]>();

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
  ) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.queued >= this.maxQueued) throw new LimiterFull();
      await new Promise<void>((resolve) => this.enqueue(key, { start: resolve }));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      this.next();
    }
  }

  private enqueue(key: string, waiter: Waiter): void {
    this.queued += 1;
    const queue = this.queues.get(key);
    if (queue) queue.push(waiter);
    else this.queues.set(key, [waiter]);
  }

  /** Hands the finished task's slot to the first waiter of the next key in turn. */
  private next(): void {
    const first = this.queues.entries().next();
    if (first.done) {
      this.running -= 1;
      return;
    }
    const [key, queue] = first.value;
    const waiter = queue.shift();
    // The key goes to the back of the line (or away when it has no one left).
    this.queues.delete(key);
    if (queue.length > 0) this.queues.set(key, queue);
    this.queued -= 1;
    waiter?.start();
  }
}
