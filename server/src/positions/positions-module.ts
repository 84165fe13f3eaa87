import type { GuardFix, PositionsFrame } from '@vigil/shared';
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
  emit: (frame: PositionsFrame) => void,
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
  const lane = new PositionLane({
    deps,
    live,
    emitFrame: emit,
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
        if (socket.data.stream !== 'live') return;
        for (const frame of lane.fullFrames(siteIds)) socket.emit('positions', frame);
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
