import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { findClientDist } from './plugins/client.js';
import { bootstrap } from './services/bootstrap.js';
import { demoSite } from './sim/demo-site.js';
import { startSimulator } from './sim/simulator.js';
import { demoGuards } from './sim/demo-guards.js';
import { demoWall } from './sim/demo-wall.js';
import { startGuardWalker } from './sim/guard-walker.js';
import { startOsmAndListener } from './ingest/osmand-listener.js';

/** Listens. Everything else is built by `buildApp`. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  const firstRun = await bootstrap(database.db, {
    adminPassword: config.adminPassword,
    ingestApiKey: config.ingestApiKey,
    demoSite: config.demoSite ? demoSite : undefined,
    demoGuards: demoGuards(demoSite.id),
    demoWall: demoWall(demoSite.id, new Date()),
  });
  const clientDist = findClientDist();
  const app = await buildApp({ database, logger: { level: config.logLevel }, clientDist, allowedOrigins: config.allowedOrigins });
  if (!clientDist) app.log.warn('client/dist not found: serving the API only (run `pnpm build`)');

  const stopSimulator = config.simulator ? startSimulator(app.deps, app.log) : () => undefined;
  const stopWalker = config.simulator
    ? startGuardWalker(app.deps, app.positions.lane, () => app.broadcaster.snapshot('live'), app.log)
    : () => undefined;
  const osmand = config.osmandPort ? await startOsmAndListener(app, config.osmandPort, config.host) : null;
  app.addHook('preClose', async () => {
    stopWalker();
    await osmand?.close();
  });
  app.addHook('onClose', async () => {
    stopSimulator();
    await database.close();
  });

  const address = await app.listen({ port: config.port, host: config.host });
  const port = new URL(address).port;
  const lines = [
    '',
    `  Vigil is running: http://localhost:${port}/wall`,
    `  Database: ${database.target.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}/pglite` : 'PostgreSQL (DATABASE_URL)'}`,
    firstRun.adminPassword
      ? `  First-run login: admin / ${firstRun.adminPassword}   (shown once; set ADMIN_PASSWORD to choose it)`
      : config.adminPassword
        ? '  Login: admin / the ADMIN_PASSWORD you set'
        : '  Login: admin / the password printed at the first start',
    firstRun.ingestKey ? `  Ingest API key: ${firstRun.ingestKey}   (shown once)` : '',
    `  Simulator: ${config.simulator ? 'on (SIMULATOR=off to stop it)' : 'off'}`,
    config.osmandPort ? `  Trackers (OsmAnd / Traccar Client): http://<this host>:${config.osmandPort}/ (also /osmand on the main port)` : '',
    '',
  ].filter((line, index, all) => line !== '' || index === 0 || index === all.length - 1);
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Vigil failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
