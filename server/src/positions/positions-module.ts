import type { GuardFix, LiveState, PositionsFrame, Stream } from '@vigil/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Broadcaster } from '../realtime/broadcaster.js';
import { registerDispatchCommands } from '../realtime/dispatch-commands.js';
import { registerGuardCommands } from '../realtime/guard-commands.js';
import type { PositionsHooks } from '../realtime/socket-server.js';
import type { Deps } from '../services/deps.js';
import { createSiteWalkGrids } from '../services/dispatch/walk-grids.js';
import { createGuardFacts } from '../services/positions/guard-facts.js';
import { PositionLane, type PositionLaneOptions } from './position-lane.js';
import { FrameThrottle } from './frame-throttle.js';
import { findDrillRunByStream } from '../repositories/drills.repository.js';
import type { VigilSocket } from '../realtime/commands.js';

/**
 * Real guards who take part in a drill (their logins are among its participants) carry their
 * phones: their live fixes go to the drill's screens too, so its map shows them beside the
 * simulated ones. Per drill stream this node has screens of, while it has any.
 */
class DrillFrames {
  private readonly streams = new Map<Stream, { guardIds: ReadonlySet<string>; sockets: number }>();

  constructor(
    private readonly deps: Deps,
    private readonly live: () => LiveState,
  ) {}

  /** A drill screen synced: its drill's guards, read once per stream; forgotten with its last screen. */
  async join(socket: VigilSocket): Promise<ReadonlySet<string>> {
    const stream = socket.data.stream;
    let entry = this.streams.get(stream);
    if (!entry) {
      const run = await findDrillRunByStream(this.deps.db, stream);
      const people = new Set([...(run?.participants ?? []), ...(run ? [run.controllerId] : [])]);
      const guardIds = new Set([...this.live().guards.values()].filter((guard) => guard.userId !== null && people.has(guard.userId)).map((guard) => guard.id));
      entry = this.streams.get(stream) ?? { guardIds, sockets: 0 };
      this.streams.set(stream, entry);
    }
    entry.sockets += 1;
    const joined = entry;
    socket.once('disconnect', () => {
      joined.sockets -= 1;
      if (joined.sockets <= 0 && this.streams.get(stream) === joined) this.streams.delete(stream);
    });
    return entry.guardIds;
  }

  /** A live frame's fixes of each drill's guards, to that drill's screens. */
  route(frame: PositionsFrame, emit: (frame: PositionsFrame, stream: Stream) => void): void {
    for (const [stream, { guardIds }] of this.streams) {
      const fixes = frame.fixes.filter((fix) => guardIds.has(fix.guardId));
      if (fixes.length > 0) emit({ ...frame, full: false, fixes }, stream);
    }
  }
}

/** How often on-shift guards are checked for silence. */
export const SILENCE_CHECK_MS = 15_000;

export interface Positions {
  lane: PositionLane;
  hooks: PositionsHooks;
  /** Resolves when every discrete fact noticed so far is committed. */
  idle(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface PositionsClusterOptions {
  /** Silence checks run on the leader only (one "guard silent" alarm, not one per node). */
  isLeader: () => boolean;
  /** Each silence round this node runs as leader (/metrics: `vigil_duty_rounds_total{duty="silence_check"}`). */
  onRound?: () => void;
  /** Several nodes share the positions table: a silence is confirmed against it first. */
  shared: boolean;
  /** Several nodes: this node's newest fixes to the others, batched per site like frames. */
  shareFixes?: (fixes: GuardFix[]) => void;
}

/** Builds the positions lane and what it plugs into: frames to sockets, facts to the log, the silence timer. */
export function createPositions(
  deps: Deps,
  broadcaster: Broadcaster,
  emit: (frame: PositionsFrame, stream?: Stream) => void,
  log: FastifyBaseLogger,
  onWritten?: PositionLaneOptions['onWritten'],
  cluster: PositionsClusterOptions = { isLeader: () => true, shared: false },
  silence: { checkMs?: number; silentAfterMs?: number } = {},
): Positions {
  const silenceCheckMs = silence.checkMs ?? SILENCE_CHECK_MS;
  const live = () => broadcaster.snapshot('live');
  const facts = createGuardFacts(deps, (error, what) => log.error({ err: error }, `${what} failed`), live);
  const share = cluster.shareFixes;
  // The same pacing as frames: at most 4 messages a second per site, each with the latest fix per guard.
  const sharing = share ? new FrameThrottle((frame) => share(frame.fixes)) : null;
  const drills = new DrillFrames(deps, live);
  const lane = new PositionLane({
    deps,
    live,
    emitFrame: (frame) => {
      emit(frame);
      drills.route(frame, emit);
    },
    facts,
    onError: (error) => log.error({ err: error }, 'writing positions failed'),
    onWritten,
    confirmSilenceFromStore: cluster.shared,
    silentAfterMs: silence.silentAfterMs,
    shareFix: sharing ? (fix) => sharing.changed(fix) : undefined,
  });
  const grids = createSiteWalkGrids();
  let timer: NodeJS.Timeout | undefined;
  let warmUp: NodeJS.Timeout | undefined;
  return {
    lane,
    idle: () => facts.idle(),
    hooks: {
      register: (socket, context) => {
        registerGuardCommands(socket, { ...context, lane, live });
        // Suggestions rank the guards of the socket's own stream (a drill's statuses are its own).
        registerDispatchCommands(socket, { ...context, live: () => broadcaster.snapshot(socket.data.stream), latestFix: (guardId) => lane.latestFix(guardId), grids });
      },
      afterSync: (socket, siteIds) => {
        if (socket.data.stream === 'live') {
          for (const frame of lane.fullFrames(siteIds)) socket.emit('positions', frame);
          return;
        }
        if (siteIds.length === 0) return;
        drills
          .join(socket)
          .then((guardIds) => {
            for (const frame of lane.fullFrames(siteIds)) socket.emit('positions', { ...frame, fixes: frame.fixes.filter((fix) => guardIds.has(fix.guardId)) });
          })
          .catch((error: unknown) => log.warn({ err: error, stream: socket.data.stream }, "a drill screen's guard positions were not read"));
      },
    },
    async start() {
      await lane.start();
      timer = setInterval(() => {
        // Every node keeps track of who is expected to report since when (a follower that becomes
        // leader must know a guard just came on shift); only the leader raises.
        const leader = cluster.isLeader();
        if (leader) cluster.onRound?.();
        lane.checkSilence(leader);
      }, silenceCheckMs);
      timer.unref();
      // Draw each site's walking grid now, off the first dispatch.suggest's path (it took
      // seconds on a loaded machine, past the client's command timeout).
      warmUp = setTimeout(() => {
        for (const site of Object.values(live().sites)) grids.gridFor(site);
      }, 0);
      warmUp.unref();
    },
    async close() {
      clearInterval(timer);
      clearTimeout(warmUp);
      sharing?.close();
      await lane.close();
      await facts.idle();
    },
  };
}
