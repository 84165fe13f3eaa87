// `npm test`: every test — unit, integration (PGlite, and PostgreSQL when TEST_DATABASE_URL is
// set) and browser — then one closing line `N passed, N failed`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pnpm, pnpmLabelled, pnpmOrExit } from './pnpm.mjs';
import { findChromium } from './chromium.mjs';

const only = process.argv.slice(2);
const reports = mkdtempSync(join(tmpdir(), 'vigil-test-reports-'));
const totals = { passed: 0, failed: 0, suites: [] };

const wanted = (name) => only.length === 0 || only.some((word) => name.includes(word));
const vitestArgs = (name, args) => {
  const output = join(reports, `${name.replace(/\W+/g, '-')}.json`);
  return { output, args: ['exec', 'vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`] };
};

function count(name, output, code) {
  let passed = 0;
  let failed = 0;
  if (existsSync(output)) {
    const report = JSON.parse(readFileSync(output, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests + (report.numTotalTests === 0 ? 1 : 0);
  }
  if (code !== 0 && failed === 0) failed = 1; // a suite that crashed before reporting counts as a failure
  totals.passed += passed;
  totals.failed += failed;
  totals.suites.push(`${name}: ${passed} passed, ${failed} failed`);
}

function run(name, filter, args, env = {}) {
  if (!wanted(name)) return;
  process.stdout.write(`\n=== ${name} ===\n`);
  const { output, args: full } = vitestArgs(name, args);
  count(name, output, pnpm(['--filter', filter, ...full], { env }));
}

/**
 * Lanes run side by side, the suites of one lane one after another, each line labelled by its
 * suite. Suites in different lanes share nothing (their own databases, ports, directories).
 */
async function runLanes(lanes) {
  const chosen = lanes.map((lane) => lane.filter((suite) => wanted(suite.name))).filter((lane) => lane.length > 0);
  if (chosen.length === 0) return;
  process.stdout.write(`\n=== ${chosen.map((lane) => lane.map((suite) => suite.name).join(', then ')).join(' | ')} (side by side) ===\n`);
  const runLane = async (lane) => {
    for (const suite of lane) {
      const { output, args } = vitestArgs(suite.name, suite.args);
      const code = await pnpmLabelled(suite.label, ['--filter', suite.filter, ...args], { env: suite.env });
      count(suite.name, output, code);
    }
  };
  await Promise.all(chosen.map(runLane));
}

pnpmOrExit(['install', '--frozen-lockfile']);
pnpmOrExit(['run', 'build']);

run('shared unit', '@vigil/shared', []);
run('client unit', '@vigil/client', []);
// Two lanes on two cores: the server's integration tests on PGlite in one; on PostgreSQL and then
// the browser tests in the other. Most of their time is spent waiting on sockets, timers and
// processes, so two at once take not much longer than one.
const onPglite = { name: 'server on PGlite', label: 'pglite', filter: '@vigil/server', args: [], env: { VIGIL_TEST_DB: 'pglite' } };
const onPostgres = { name: 'server on PostgreSQL', label: 'postgres', filter: '@vigil/server', args: [], env: { VIGIL_TEST_DB: 'postgres' } };
const chromium = wanted('browser') ? findChromium({ install: true }) : null;
const browser = chromium ? [{ name: 'browser', label: 'browser', filter: '@vigil/client', args: ['--config', 'e2e/vitest.config.ts'], env: { CHROMIUM_PATH: chromium } }] : [];
if (wanted('browser') && !chromium) {
  process.stderr.write('\nbrowser tests need Chromium: apt-get install chromium, or set CHROMIUM_PATH\n');
  totals.failed += 1;
  totals.suites.push('browser: Chromium not found');
}
if (process.env.TEST_DATABASE_URL) {
  await runLanes([[onPglite], [onPostgres, ...browser]]);
} else {
  await runLanes([[onPglite], browser]);
  process.stdout.write('\n(PostgreSQL run not configured: set TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)\n');
}

rmSync(reports, { recursive: true, force: true });
process.stdout.write(`\n${totals.suites.join('\n')}\n\n${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(totals.failed > 0 ? 1 : 0);
