import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { CheckpointPolicy } from '@vigil/shared';
import type { Database } from './db/client.js';
import { systemClock, type Clock } from './lib/clock.js';
import { authPlugin } from './plugins/auth.js';
import { clientPlugin } from './plugins/client.js';
import { errorsPlugin, safeLoggerOptions } from './plugins/errors.js';
import { createPositions, type Positions } from './positions/positions-module.js';
import { BacklogGuard, DEFAULT_BACKLOG_LIMITS, type BacklogLimits } from './realtime/backpressure.js';
import { Broadcaster } from './realtime/broadcaster.js';
import { routeEvent, routeFrame } from './realtime/event-routing.js';
import { createSocketServer, type VigilServer } from './realtime/socket-server.js';
import { alarmsRoutes } from './routes/alarms.routes.js';
import { camerasRoutes } from './routes/cameras.routes.js';
import { dispatchRoutes } from './routes/dispatch.routes.js';
import { guardsRoutes } from './routes/guards.routes.js';
import { osmandRoutes } from './routes/osmand.routes.js';
import { positionsRoutes } from './routes/positions.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { sitesRoutes } from './routes/sites.routes.js';
import { wallRoutes } from './routes/wall.routes.js';
import { siteImagesRoutes } from './routes/site-images.routes.js';
import { usersRoutes } from './routes/users.routes.js';
import { tlsRoutes } from './routes/tls.routes.js';
import { httpsInfo, type HttpsInfo } from './tls/https-info.js';
import { phoneRedirectPlugin } from './tls/phone-redirect.js';
import { apiKeysRoutes } from './routes/api-keys.routes.js';
import type { Deps } from './services/deps.js';
import { createScheduler, type Scheduler } from './scheduler/scheduler.js';
import { INCIDENT_DUTIES, mayAddDueTimes } from './scheduler/duties.js';
import { incidentsRoutes } from './routes/incidents.routes.js';
import { plansRoutes } from './routes/plans.routes.js';
import { replayRoutes } from './routes/replay.routes.js';
import { CheckpointWriter } from './replay/checkpoint-writer.js';
import { drillsRoutes } from './routes/drills.routes.js';
import { reportsRoutes } from './routes/reports.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { handoversRoutes } from './routes/handovers.routes.js';
import { patrolsRoutes } from './routes/patrols.routes.js';
import { PATROL_DUTIES } from './scheduler/patrol-duties.js';
import { createVideo, type VideoOptions } from './video/video-module.js';
import { appendQueueOf } from './services/append-queue.js';
import { Metrics } from './metrics/metrics.js';
import { measureAlarmIngest, metricsRoutes } from './routes/metrics.routes.js';
import { RequestDrain } from './plugins/drain.js';
import { parseSharedFixes, startCluster, type Cluster, type ClusterOptions } from './cluster/cluster.js';
import { leaderScheduler } from './cluster/leader-scheduler.js';
import { logTime } from './repositories/events.repository.js';
import { soleLeadership, type Leadership } from './cluster/leadership.js';
import { registerVideoNamespace } from './video/video-namespace.js';
import { NORMAL_DUTY_TIMERS, type DutyTimers } from './scheduler/duty-timers.js';
import { createTrackers, type Trackers } from './ingest/trackers.js';
import { placementCache } from './services/alarms/placement-cache.js';
import { CheckpointMaintenance, DEFAULT_MAINTENANCE_POLICY, scheduleMaintenance } from './replay/checkpoint-maintenance.js';

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    database: Database;
    broadcaster: Broadcaster;
    io: VigilServer;
    positions: Positions;
    backlog: BacklogGuard;
    scheduler: Scheduler;
    metrics: Metrics;
    drain: RequestDrain;
    /** Whether this node runs the scheduled duties (always, with one node). */
    leadership: Leadership;
    cluster: Cluster | null;
    /** Which guard a tracker reports for (cached), for the tracker ingest routes. */
    trackers: Trackers;
    /** Replay's checkpoints of what the broadcaster folds. */
    checkpoints: CheckpointWriter;
  }
}

export interface AppOptions {
  database: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** The built client to serve, or null for an API-only app (tests). */
  clientDist?: string | null;
  video?: VideoOptions;
  /** HTTPS for the guard's phone (ports, the local CA); none by default (tests, API-only). */
  https?: HttpsInfo;
  /** The tracker protocol: OSMAND_REQUIRE_TOKEN, and OSMAND_PORT for the tracker URLs shown to admins. */
  osmand?: { requireToken?: boolean; listenerPort?: number };
  /**
   * Whose X-Forwarded-For/-Proto/-Host to believe (TRUST_PROXY). Off by default: believed from
   * anyone, they would let a client choose its own address and slip the per-address login limit.
   */
  trustProxy?: boolean | string;
  /** Browser origins besides the app's own that may open its sockets (`ALLOWED_ORIGINS`). */
  allowedOrigins?: readonly string[];
  /** How far behind a socket may fall before it is cut (tests use small ones). */
  backlogLimits?: Partial<BacklogLimits>;
  /** METRICS_TOKEN for `GET /metrics`; null or unset: loopback scrapers only, none through a proxy. */
  metricsToken?: string | null;
  /** Counts requests in flight for a graceful shutdown; pass one to share it with another listener. */
  drain?: RequestDrain;
  /** Several nodes on one PostgreSQL (REDIS_URL): none for one node, which runs exactly as before. */
  cluster?: ClusterOptions;
  /**
   * Who runs the scheduled duties on one node: always this node by default. Tests pass one they
   * drive to lose and regain leadership without a second node; with `cluster`, its election decides.
   */
  leadership?: Leadership;
  /** How often on-shift guards are checked for silence (SILENCE_CHECK_MS; tests use short ones). */
  silenceCheckMs?: number;
  /** The duties' and the election's periods (VIGIL_DUTY_TIMERS); the normal ones by default. */
  dutyTimers?: Partial<DutyTimers>;
  /** The most rows one alarm-history CSV export writes (100,000 by default; tests use small ones). */
  alarmExportRowLimit?: number;
  /** How often replay's checkpoints are taken (DEFAULT_CHECKPOINT_POLICY; tests use small ones). */
  checkpointPolicy?: CheckpointPolicy;
}

/** Without LISTEN (one node) the sweep only covers a missed wake; with it, a lost notification or a down LISTEN session. */
const SWEEP_MS = 2_000;
const CLUSTER_SWEEP_MS = 5_000;
const CLUSTER_SWEEP_UNLISTENED_MS = 1_000;

/** Builds the app without listening: `server.ts` listens, tests use port 0. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    logger: safeLoggerOptions(options.logger),
    bodyLimit: 64 * 1024,
    trustProxy: options.trustProxy ?? false,
    forceCloseConnections: true,
    // The video relay's refs (video/refs.ts) are sealed URLs, longer than the default 100.
    routerOptions: { maxParamLength: 4096 },
  };
  const app = Fastify(serverOptions);
  const drain = options.drain ?? new RequestDrain();
  drain.attach(app);
  app.decorate('drain', drain);
  const clock = options.clock ?? systemClock;
  const timers: DutyTimers = { ...NORMAL_DUTY_TIMERS, ...options.dutyTimers, ...(options.silenceCheckMs ? { silenceCheckMs: options.silenceCheckMs } : {}) };
  const metrics: Metrics = new Metrics({
    socketsPerNamespace: () => [...app.io._nsps].map(([name, namespace]) => [name, namespace.sockets.size]),
    database: () => options.database.stats(),
    broadcastSeq: () => broadcaster.broadcastSeq,
    pendingPositionRows: () => positions.lane.pendingRows,
    appendQueue: () => appendQueueOf(options.database.db),
    leader: () => leadership.isLeader(),
  });
  app.decorate('metrics', metrics);
  measureAlarmIngest(app, metrics);
  const trackers = createTrackers(options.database.db, app.log);
  app.decorate('trackers', trackers);
  const checkpoints = new CheckpointWriter(
    options.database.db,
    () => leadership.isLeader(),
    (error) => app.log.warn({ err: error }, 'replay checkpoint not written; the next one is due at the next event'),
    options.checkpointPolicy,
  );
  const broadcaster = new Broadcaster(
    options.database.db,
    (event, state, to) => {
      routeEvent(app.io, event, state, to);
      if (to !== event.stream) return; // a live reference event, shared with a drill's screens
      // Every node applies every committed event: a roster change drops its cached trackers here.
      trackers.directory.observe(event);
      placementCache.observe(event);
      metrics.emitted(event.seq);
    },
    (error) => app.log.error({ err: error }, 'broadcast failed; will retry on the next commit'),
    clock,
    (event, state) => checkpoints.offer(event, state),
  );
  let lastWake = Date.now();
  /** Set once the broadcaster has its projection: a wake before would read the log from seq 0. */
  let projected = false;
  const wakeFromLog = () => {
    if (!projected) return;
    lastWake = Date.now();
    void broadcaster.wake();
    // Another node's commit may have added a due time.
    scheduler.wake();
  };
  if (options.cluster && options.database.target.kind !== 'postgres') {
    throw new Error('REDIS_URL: several nodes need a shared PostgreSQL (DATABASE_URL); the embedded database serves one node only');
  }
  const cluster = options.cluster ? await startCluster({ leaderIntervalMs: timers.leaderIntervalMs, ...options.cluster }, options.database.db, app.log, wakeFromLog) : null;
  const leadership = cluster?.leadership ?? options.leadership ?? soleLeadership();
  const deps: Deps = {
    db: options.database.db,
    clock,
    // The edge: HTTP routes, ingest and the positions lane act on the live stream.
    stream: 'live',
    // Several nodes: one clock for `at` (the database's), whatever each node's own says.
    ...(cluster ? { logClock: logTime } : {}),
    onCommitted: (events) => {
      broadcaster.committed(events);
      // The other nodes read the log now rather than at their next poll.
      cluster?.notifier.committed(Math.max(...events.map((event) => event.seq)));
      // A commit that may add a due time re-arms the scheduler's timer at once.
      if (events.some(mayAddDueTimes)) scheduler.wake();
    },
  };
  const scheduler: Scheduler = leaderScheduler(
    () =>
      createScheduler(deps, [...INCIDENT_DUTIES, ...PATROL_DUTIES], {
        maxSleepMs: timers.schedulerMaxSleepMs,
        onRound: () => metrics.dutyRound('scheduler'),
        onError: (error, duty) => app.log.error({ err: error, duty }, 'scheduled duty failed; it runs again on the next round'),
      }),
    leadership,
  );
  app.decorate('leadership', leadership);
  app.decorate('cluster', cluster);
  app.decorate('scheduler', scheduler);
  app.decorate('deps', deps);
  app.decorate('database', options.database);
  await broadcaster.start();
  await checkpoints.start([{ stream: 'live', state: broadcaster.snapshot('live') }], clock());
  // Backfills stretches of the log without checkpoints and thins old ones, on the leader.
  const checkpointMaintenance = scheduleMaintenance(
    new CheckpointMaintenance(options.database.db, 'live', { ...DEFAULT_MAINTENANCE_POLICY, recent: checkpoints.policy }),
    () => leadership.isLeader(),
    clock,
    (error) => app.log.warn({ err: error }, 'replay checkpoint maintenance failed; it runs again later'),
  );
  projected = true;
  app.decorate('checkpoints', checkpoints);
  app.decorate('broadcaster', broadcaster);
  const positions = createPositions(
    deps,
    broadcaster,
    (frame, stream) => routeFrame(app.io, frame, stream),
    app.log,
    (source, count) => metrics.fixesWritten(source, count),
    {
      isLeader: () => leadership.isLeader(),
      onRound: () => metrics.dutyRound('silence_check'),
      shared: cluster !== null,
      // The other nodes keep this node's fixes as their latest too (frames, snapshots, nearest guard, silence).
      shareFixes: cluster ? (fixes) => app.io.serverSideEmit('vigil:fixes', fixes) : undefined,
    },
    { checkMs: timers.silenceCheckMs, silentAfterMs: timers.silentAfterMs },
  );
  await positions.start();
  app.decorate('positions', positions);
  app.decorate(
    'io',
    createSocketServer(app.server, deps, broadcaster, app.log, positions.hooks, { allowedOrigins: options.allowedOrigins ?? [], adapter: cluster?.adapter }),
  );
  if (cluster) {
    trackers.share(app.io);
    app.io.of('/').on('vigil:fixes', (fixes: unknown) => {
      const parsed = parseSharedFixes(fixes);
      if (parsed) positions.lane.adopt(parsed);
      else app.log.warn('dropped a malformed fixes message from another node');
    });
  }
  const backlog = new BacklogGuard(app.io, { ...DEFAULT_BACKLOG_LIMITS, ...options.backlogLimits }, (shed) =>
    app.log.warn(shed, 'socket fell too far behind; closed so it reconnects and resumes from its lastSeq'),
  );
  app.decorate('backlog', backlog);
  const health = options.video?.cameraHealth;
  const created = createVideo(deps, app.log, {
    ...options.video,
    cameraHealth:
      health === false
        ? false
        : { intervalMs: timers.cameraHealthMs, ...health, isLeader: () => leadership.isLeader(), onRound: () => metrics.dutyRound('camera_health') },
  });
  // Camera health probes use the bare relay: only what goes to screens is counted.
  const video = { ...created, relay: metrics.countRelay(created.relay) };
  registerVideoNamespace(app.io, deps, video.relay, app.log, backlog);
  // A slow safety net: if a wake (or another node's notification) was ever missed, nothing stays
  // unsent for long; faster while the LISTEN session is down, the log's only other signal then.
  const sweep = cluster
    ? setInterval(() => {
        const idleMs = Date.now() - lastWake;
        if (!cluster.listener.listening || idleMs >= CLUSTER_SWEEP_MS) wakeFromLog();
      }, CLUSTER_SWEEP_UNLISTENED_MS)
    : setInterval(() => void broadcaster.wake(), SWEEP_MS);
  sweep.unref();

  await app.register(errorsPlugin, { spa: Boolean(options.clientDist) });
  await app.register(phoneRedirectPlugin, { https: options.https ?? httpsInfo() });
  await app.register(authPlugin);
  await app.register(healthRoutes);
  await app.register(metricsRoutes, { metrics, token: options.metricsToken ?? null });
  await app.register(authRoutes);
  await app.register(sitesRoutes);
  await app.register(siteImagesRoutes);
  await app.register(alarmsRoutes, { exportRowLimit: options.alarmExportRowLimit });
  await app.register(usersRoutes);
  await app.register(apiKeysRoutes);
  await app.register(guardsRoutes, { osmandListenerPort: options.osmand?.listenerPort });
  await app.register(wallRoutes);
  await app.register(positionsRoutes);
  await app.register(dispatchRoutes);
  await app.register(incidentsRoutes);
  await app.register(plansRoutes);
  await app.register(replayRoutes);
  await app.register(drillsRoutes);
  await app.register(reportsRoutes);
  await app.register(auditRoutes);
  await app.register(handoversRoutes);
  await app.register(patrolsRoutes);
  await app.register(camerasRoutes, video);
  await app.register(osmandRoutes, { path: '/osmand', requireToken: options.osmand?.requireToken });
  await app.register(tlsRoutes, { https: options.https ?? httpsInfo() });
  if (options.clientDist) await app.register(clientPlugin, { root: options.clientDist });
  // Plan step timers, unanswered dispatches, escalations: from the due times in the database.
  scheduler.start();

  // Sockets first: open WebSockets would otherwise hold the HTTP server open.
  app.addHook('preClose', async () => {
    clearInterval(sweep);
    backlog.close();
    // Closing the connections, not disconnecting the sockets: a client told "io server
    // disconnect" does not reconnect; one whose transport closed reconnects (to another node, or
    // here once back) and resumes from its lastSeq.
    await app.io.close();
  });
  app.addHook('onClose', async () => {
    await scheduler.stop();
    await video.close();
    await positions.close();
    await broadcaster.close();
    await checkpointMaintenance.stop();
    await checkpoints.close();
    // After the scheduler stopped: leadership ends with nothing of this node still firing.
    await cluster?.close();
  });
  return app;
}
