/**
 * Login under a password-guessing flood: how long a real user's correct login takes while N
 * wrong logins arrive at once from one address, with Vigil's throttles and bounded KDF, against
 * the same login with no flood. A report: prints figures and exits 0 (1 only when it breaks).
 *
 *   pnpm bench:login [--flood 50] [--rounds 3]
 *
 * The real app on an in-memory PGlite, on a free port of 127.0.0.1; the flood and the user are
 * told apart by X-Forwarded-For, as a proxy in front of Vigil would tell them.
 */
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/client.js';
import { bootstrap } from '../src/services/bootstrap.js';
import { buildSite } from '../test/helpers/factories.js';

const ADMIN_PASSWORD = 'bench-admin-password';
const { values } = parseArgs({ options: { flood: { type: 'string', default: '50' }, rounds: { type: 'string', default: '3' } } });
const FLOOD = Number(values.flood);
const ROUNDS = Number(values.rounds);

async function main(): Promise<void> {
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  await bootstrap(database.db, { adminPassword: ADMIN_PASSWORD, demoSite: buildSite() });
  const app = await buildApp({ database, video: { cameraHealth: false } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const post = (address: string, username: string, password: string) =>
    fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ username, password }),
    });
  const timed = async (address: string) => {
    const started = performance.now();
    const response = await post(address, 'admin', ADMIN_PASSWORD);
    await response.text();
    if (response.status !== 200) throw new Error(`the real login answered ${response.status}`);
    return performance.now() - started;
  };

  const rows: string[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const quiet = await timed(`198.51.100.${round}`);
    const floodAddress = `203.0.113.${round}`;
    const floodStarted = performance.now();
    const flood = Promise.all(
      Array.from({ length: FLOOD }, (_, index) => post(floodAddress, `guess-${round}-${index}`, 'wrong-password').then(async (r) => (await r.text(), r.status))),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const underFlood = await timed(`198.51.100.${100 + round}`);
    const statuses = await flood;
    const floodMs = performance.now() - floodStarted;
    const count = (status: number) => statuses.filter((value) => value === status).length;
    rows.push(
      `round ${round}: real login alone ${quiet.toFixed(0)} ms, during the flood ${underFlood.toFixed(0)} ms; ` +
        `flood of ${FLOOD}: ${count(401)} checked (401), ${count(429)} refused before the KDF (429), ${count(503)} busy (503), all answered in ${floodMs.toFixed(0)} ms`,
    );
  }
  await app.close();
  await database.close();
  console.log(`login under a flood (${FLOOD} parallel wrong logins from one address, scrypt N=2^17 r=8 p=1)`);
  for (const row of rows) console.log(`  ${row}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
