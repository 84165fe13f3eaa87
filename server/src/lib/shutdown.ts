/**
 * Graceful shutdown: one ordered list of closers that any part of the server registers into
 * (listeners, the simulator, the positions lane, the scheduler, Redis, the database), run once
 * on SIGTERM or SIGINT, with the whole run bounded so a stuck closer cannot keep the process up.
 *
 * Phases run in this order; the closers of one phase run together:
 * - `intake`   stop taking new work: listeners stop accepting, new requests get 503, simulators stop
 * - `drain`    wait for the work in flight: HTTP requests get their answers after their commits
 * - `app`      the app itself: sockets told to reconnect elsewhere, scheduler stopped, the
 *              positions batch flushed, the broadcaster stopped (Fastify's close and its hooks)
 * - `clients`  connections the app used until now (Redis, a leader lock)
 * - `database` last, when nothing can write any more: PGlite's data dir is left cleanly shut down
 */
export const SHUTDOWN_PHASES = ['intake', 'drain', 'app', 'clients', 'database'] as const;
export type ShutdownPhase = (typeof SHUTDOWN_PHASES)[number];

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

export interface ShutdownLog {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

interface Closer {
  phase: ShutdownPhase;
  name: string;
  close: (deadline: number) => Promise<void> | void;
}

export interface ShutdownResult {
  /** Every closer finished, none failed, within the time. */
  clean: boolean;
  failed: string[];
}

export class Shutdown {
  private readonly closers: Closer[] = [];
  private running: Promise<ShutdownResult> | null = null;

  constructor(private readonly log: ShutdownLog) {}

  /** True from the first signal on: new work should be refused. */
  get started(): boolean {
    return this.running !== null;
  }

  /**
   * Registers `close` to run in `phase`; it gets the run's deadline (epoch ms) to bound its own
   * waits. Returns a function that takes it off again (a part closed earlier by other means).
   */
  register(phase: ShutdownPhase, name: string, close: (deadline: number) => Promise<void> | void): () => void {
    const closer: Closer = { phase, name, close };
    this.closers.push(closer);
    return () => {
      const index = this.closers.indexOf(closer);
      if (index >= 0) this.closers.splice(index, 1);
    };
  }

  /** Runs every phase once (a second call gets the first run's result). */
  run(reason: string, timeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS): Promise<ShutdownResult> {
    this.running ??= this.runPhases(reason, Date.now() + timeoutMs);
    return this.running;
  }

  private async runPhases(reason: string, deadline: number): Promise<ShutdownResult> {
    this.log.info({ reason }, 'shutting down');
    const failed: string[] = [];
    for (const phase of SHUTDOWN_PHASES) {
      const closers = this.closers.filter((closer) => closer.phase === phase);
      await Promise.all(
        closers.map(async (closer) => {
          try {
            await closer.close(deadline);
          } catch (error) {
            failed.push(`${phase}/${closer.name}`);
            this.log.error({ err: error, phase, closer: closer.name }, 'a shutdown step failed; going on with the next');
          }
        }),
      );
    }
    const clean = failed.length === 0 && Date.now() <= deadline;
    this.log.info({ clean, failed }, 'shut down');
    return { clean, failed };
  }
}

export interface SignalOptions {
  timeoutMs?: number;
  signals?: readonly NodeJS.Signals[];
  exit?: (code: number) => void;
}

/**
 * SIGTERM and SIGINT run the shutdown and exit 0 once it is clean, 1 if a step failed; if it
 * has not finished within `timeoutMs` the process exits 1 regardless (what is unanswered by
 * then is retried by its sender: nothing unanswered counts as acknowledged).
 */
export function exitOnSignals(shutdown: Shutdown, log: ShutdownLog, options: SignalOptions = {}): () => void {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdown.started) {
      log.info({ signal }, 'already shutting down');
      return;
    }
    const force = setTimeout(() => {
      log.error({ timeoutMs }, 'shutdown took too long; exiting now');
      exit(1);
    }, timeoutMs);
    // Not unref'd: a closer awaiting work that holds no handle must not let the process end
    // with 0 half-way; this timer keeps it up until the run ends or the time is out.
    shutdown.run(signal, timeoutMs).then(
      (result) => {
        clearTimeout(force);
        exit(result.clean ? 0 : 1);
      },
      () => exit(1),
    );
  };
  const signals = options.signals ?? (['SIGTERM', 'SIGINT'] as const);
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
