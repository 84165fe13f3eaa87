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

/** Suites that share nothing (their own databases, ports, directories), run side by side, each line labelled. */
async function runTogether(suites) {
  const chosen = suites.filter((suite) => wanted(suite.name));
  if (chosen.length === 0) return;
  process.stdout.write(`\n=== ${chosen.map((suite) => suite.name).join(' + ')} (side by side) ===\n`);
  const codes = await Promise.all(
    chosen.map((suite) => {
      const { output, args } = vitestArgs(suite.name, suite.args);
      return pnpmLabelled(suite.label, ['--filter', suite.filter, ...args], { env: suite.env }).then((code) => ({ suite, output, code }));
    }),
  );
  for (const { suite, output, code } of codes) count(suite.name, output, code);
}

pnpmOrExit(['install', '--frozen-lockfile']);
pnpmOrExit(['run', 'build']);

run('shared unit', '@vigil/shared', []);
run('client unit', '@vigil/client', []);
// The server's integration tests on both databases at once: each test makes its own database,
// data directory and ports, and most of their time is spent waiting on sockets, timers and
// processes, so side by side they take not much longer than one.
const onPglite = { name: 'server on PGlite', label: 'pglite', filter: '@vigil/server', args: [], env: { VIGIL_TEST_DB: 'pglite' } };
if (process.env.TEST_DATABASE_URL) {
  await runTogether([onPglite, { name: 'server on PostgreSQL', label: 'postgres', filter: '@vigil/server', args: [], env: { VIGIL_TEST_DB: 'postgres' } }]);
} else {
  run(onPglite.name, onPglite.filter, onPglite.args, onPglite.env);
  process.stdout.write('\n(PostgreSQL run not configured: set TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)\n');
}
const chromium = findChromium({ install: true });
if (chromium) {
  run('browser', '@vigil/client', ['--config', 'e2e/vitest.config.ts'], { CHROMIUM_PATH: chromium });
} else {
  process.stderr.write('\nbrowser tests need Chromium: apt-get install chromium, or set CHROMIUM_PATH\n');
  totals.failed += 1;
  totals.suites.push('browser: Chromium not found');
}

rmSync(reports, { recursive: true, force: true });
process.stdout.write(`\n${totals.suites.join('\n')}\n\n${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(totals.failed > 0 ? 1 : 0);
