import { spawn } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/db/client.js';
import { buildAlarm } from './factories.js';
import { openIncident } from './dispatch-incidents.js';
import { makePng } from './png.js';
import { addGuard, buildAnchoredSite, gpsAt } from './positions.js';
import { SERVER_DIR } from './process.js';
import { TestClient, api, createUser, login, postAlarm, startServer, waitFor } from './server.js';
import type { TestDatabaseHandle } from './database.js';

/** `pnpm vigil …` from source, as its own process, with these DATA_DIR / DATABASE_URL. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: SERVER_DIR,
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Every row of every table in the public schema, as JSON text in a stable order, timestamps in
 * UTC: two databases that hold the same compare equal, whichever kind each is.
 */
export async function tableContents(target: DatabaseTarget): Promise<Record<string, string[]>> {
  let query: (text: string) => Promise<Record<string, unknown>[]>;
  let close: () => Promise<void>;
  if (target.kind === 'postgres') {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    query = async (text) => (await client.query(text)).rows as Record<string, unknown>[];
    close = () => client.end();
  } else {
    const client = new PGlite(target.dataDir!);
    query = async (text) => (await client.query<Record<string, unknown>>(text)).rows;
    close = () => client.close();
  }
  try {
    await query(`set timezone to 'UTC'`);
    const tables = await query(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by 1`);
    const contents: Record<string, string[]> = {};
    for (const { name } of tables) {
      const rows = await query(`select row_to_json(t)::text as j from public."${String(name)}" t order by 1`);
      contents[String(name)] = rows.map((row) => String(row.j));
    }
    return contents;
  } finally {
    await close();
  }
}

export interface Seeded {
  alarmIds: string[];
  lastSeq: number;
  /** The admin's session cookie from the seeding: a moved installation keeps it. */
  adminCookie: string;
}

/**
 * An installation with something in every part: alarms new, acknowledged and resolved, an
 * incident, a guard on the roster with fixes, a second user with a session, a site image.
 */
export async function seedInstallation(handle: TestDatabaseHandle): Promise<Seeded> {
  const site = buildAnchoredSite();
  const server = await startServer(handle, { site });
  try {
    const admin = await login(server);
    await createUser(server, admin, 'op-seed', 'operator');
    const client = new TestClient(server, admin);
    await client.connected();
    const alarmIds: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const answer = await postAlarm(server, buildAlarm({ message: `seeded ${i}`, source: { externalId: `seed-${i}` } }));
      if (answer.status !== 201) throw new Error(`alarm ${i}: ${answer.status}`);
      alarmIds.push(answer.body.alarm.id as string);
    }
    for (const [n, id] of alarmIds.slice(0, 3).entries()) {
      const ack = await client.socket.emitWithAck('alarm.acknowledge', { commandId: `seed-ack-${n}`, alarmId: id });
      if (!ack.ok) throw new Error(`ack: ${JSON.stringify(ack)}`);
    }
    const resolved = await client.socket.emitWithAck('alarm.resolve', { commandId: 'seed-res-0', alarmId: alarmIds[0]!, disposition: 'false', note: '猫' });
    if (!resolved.ok) throw new Error(`resolve: ${JSON.stringify(resolved)}`);
    await openIncident(client, { title: '3号楼烟感' });
    const guard = await addGuard(server, admin);
    const now = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 5; i += 1) {
      const { lat, lon } = gpsAt(site, [20 + i * 10, 30]);
      const fix = await fetch(`${server.url}${guard.osmand}?id=${guard.trackerId}&lat=${lat}&lon=${lon}&timestamp=${now - 60 + i}&batt=80`);
      if (fix.status !== 200) throw new Error(`fix ${i}: ${fix.status}`);
    }
    const image = makePng(32, 24, (x, y) => [x * 8, y * 10, 90]);
    const uploaded = await api(server, 'POST', '/api/v1/sites/test/images', { rawBody: image, cookie: admin, headers: { 'content-type': 'image/png' } });
    if (uploaded.status !== 201) throw new Error(`image: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
    const latest = await postAlarm(server, buildAlarm({ message: 'the last one' }));
    alarmIds.push(latest.body.alarm.id as string);
    await waitFor(() => client.lastSeq >= (latest.body.seq as number), 'the last event on the socket');
    const lastSeq = client.lastSeq;
    client.close();
    return { alarmIds, lastSeq, adminCookie: admin };
  } finally {
    await server.close();
  }
}
