import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { findClientDist } from './plugins/client.js';
import { bootstrap } from './services/bootstrap.js';
import { demoSite } from './sim/demo-site.js';
import { startSimulator } from './sim/simulator.js';
import { demoGuards } from './sim/demo-guards.js';
import { demoPatrolRoute } from './sim/demo-patrol.js';
import { demoWall } from './sim/demo-wall.js';
import { simulatorCheckin, startGuardWalker } from './sim/guard-walker.js';
import { LISTEN_BACKLOG, startOsmAndListener } from './ingest/osmand-listener.js';
import { httpsInfo } from './tls/https-info.js';
import { createHttpsListener } from './tls/https-listener.js';
import { machineNames } from './tls/machine-names.js';
import { loadTls } from './tls/tls-store.js';
import { lockDataDir } from './lib/data-dir-lock.js';
import { Shutdown, exitOnSignals } from './lib/shutdown.js';
import { insecurePasswordHashCost } from './lib/passwords.js';
import { dutyTimersFor } from './scheduler/duty-timers.js';

/** Listens. Everything else is built by `buildApp`. */
async function main(): Promise<void> {
  const config = loadConfig();
  // The embedded database is one process's: a second server (or a backup, a restore) on it waits.
  const lock = config.database.kind === 'pglite' ? lockDataDir(config.dataDir, 'the Vigil server') : null;
  process.on('exit', () => lock?.release());
  const database = await openDatabase(config.database, config.databaseTimeouts);
  const firstRun = await database.exclusively(() =>
    bootstrap(database.db, {
      adminPassword: config.adminPassword,
      ingestApiKey: config.ingestApiKey,
      demoSite: config.demoSite ? demoSite : undefined,
      demoGuards: demoGuards(demoSite.id),
      demoWall: demoWall(demoSite.id, new Date()),
      demoPatrolRoutes: [demoPatrolRoute(demoSite.id)],
    }),
  );
  const clientDist = findClientDist();
  const tlsOptions = { ...config.https, dataDir: config.dataDir, names: () => machineNames(config.https.extraNames) };
  const tls = config.https.port === null ? null : await loadTls(tlsOptions);
  const https = httpsInfo({ publicUrl: config.https.publicUrl ?? null, caCert: tls?.caCert ?? null });
  const app = await buildApp({
    database,
    logger: { level: config.logLevel },
    clientDist,
    https,
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
    osmand: { requireToken: config.osmandRequireToken, listenerPort: config.osmandPort },
    metricsToken: config.metricsToken,
    dutyTimers: dutyTimersFor(config.dutyTimers),
    cluster:
      config.cluster && config.database.kind === 'postgres'
        ? { databaseUrl: config.database.url, redisUrl: config.cluster.redisUrl, redisPrefix: config.cluster.redisPrefix }
        : undefined,
  });
  const httpsListener = tls
    ? createHttpsListener(app, tls, app.log, tls.source === 'generated' ? () => loadTls(tlsOptions) : undefined)
    : null;
  if (!clientDist) app.log.warn('client/dist not found: serving the API only (run `pnpm build`)');

  // The simulator is one more duty: on the leader only, or every node would raise its own alarms
  // and walk the demo guards (with one node, it leads from the start).
  let stopSimulation: (() => void) | null = null;
  const endSimulation = () => {
    stopSimulation?.();
    stopSimulation = null;
  };
  const unsubscribeSimulation = config.simulator
    ? app.leadership.subscribe((leader) => {
        if (!leader) return endSimulation();
        if (stopSimulation) return;
        const stopSimulator = startSimulator(app.deps, app.log);
        const stopWalker = startGuardWalker(app.deps, app.positions.lane, () => app.broadcaster.snapshot('live'), app.log, { checkIn: simulatorCheckin(app.deps) });
        stopSimulation = () => {
          stopWalker();
          stopSimulator();
        };
      })
    : () => undefined;
  const osmand = config.osmandPort ? await startOsmAndListener(app, config.osmandPort, config.host, { requireToken: config.osmandRequireToken }) : null;
  const shutdown = new Shutdown(app.log);
  shutdown.register('intake', 'listeners', () => {
    // New requests get 503 and new connections are refused; those in flight go on.
    app.drain.start();
    app.server.close();
    osmand?.server.close();
  });
  shutdown.register('intake', 'simulator', () => {
    unsubscribeSimulation();
    endSimulation();
  });
  shutdown.register('drain', 'requests', async (deadline) => {
    // Leave time after the drain for the app and the database to close.
    const drained = await app.drain.idle(Math.max(Date.now(), deadline - 3_000));
    if (!drained) app.log.warn({ pending: app.drain.pending }, 'requests still in flight at the drain deadline; closing anyway');
  });
  // Sockets are told to reconnect (elsewhere, or here once back: they resume from lastSeq),
  // the positions batch is flushed, the scheduler and broadcaster stop: app.ts's close hooks.
  shutdown.register('app', 'app', async () => {
    await httpsListener?.close();
    await osmand?.close();
    await app.close();
  });
  shutdown.register('database', 'database', async () => {
    await database.close();
    lock?.release();
  });
  exitOnSignals(shutdown, app.log, { timeoutMs: config.shutdownTimeoutMs });

  const address = await app.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG });
  const port = new URL(address).port;
  https.httpPort = Number(port);
  if (httpsListener && config.https.port !== null) https.port = await httpsListener.listen(config.https.port, config.host);
  // A LAN address phones can type or scan; the certificate covers it (and the host name).
  const lanHost = machineNames().ips.find((ip) => ip.includes('.') && !ip.startsWith('127.')) ?? '<this host>';
  const phoneUrl = https.publicUrl ?? (https.port === null ? null : `https://${lanHost}:${https.port}`);
  const lines = [
    '',
    `  Vigil is running: http://localhost:${port}/wall`,
    `  Database: ${database.target.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}/pglite` : 'PostgreSQL (DATABASE_URL)'}`,
    app.cluster ? `  Cluster: node ${app.cluster.nodeId}, Redis (REDIS_URL, prefix ${config.cluster?.redisPrefix}); duties on the elected leader` : '',
    firstRun.adminPassword
      ? `  First-run login: admin / ${firstRun.adminPassword}   (shown once; set ADMIN_PASSWORD to choose it)`
      : config.adminPassword
        ? '  Login: admin / the ADMIN_PASSWORD you set'
        : '  Login: admin / the password printed at the first start',
    firstRun.ingestKey ? `  Ingest API key: ${firstRun.ingestKey}   (shown once)` : '',
    phoneUrl
      ? `  Guards' phones: ${phoneUrl}/guard   ${tls?.source === 'generated' ? `(install the CA first: http://${lanHost}:${port}/setup/phone)` : tls ? '(certificate: TLS_CERT_FILE)' : '(HTTPS_URL)'}`
      : '  HTTPS: off (HTTPS_PORT=off): phones get no location or camera over plain HTTP',
    `  Simulator: ${config.simulator ? 'on (SIMULATOR=off to stop it)' : 'off'}`,
    config.dutyTimers === 'test' ? '  WARNING: VIGIL_DUTY_TIMERS=test runs the scheduled duties on a test suite\'s short timers (silence alarm after 8 s): never for a deployment' : '',
    insecurePasswordHashCost ? '  WARNING: VIGIL_PASSWORD_HASH_COST=test hashes passwords at a test suite\'s cost: never for a deployment' : '',
    config.osmandPort ? `  Trackers (OsmAnd / Traccar Client): http://<this host>:${config.osmandPort}/ (also /osmand on the main port)` : '',
    '',
  ].filter((line, index, all) => line !== '' || index === 0 || index === all.length - 1);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Vigil failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
