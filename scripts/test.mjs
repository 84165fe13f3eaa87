// `npm test`: every test — unit, integration (PGlite, and PostgreSQL when TEST_DATABASE_URL is
// set) and browser — then one closing line `N passed, N failed`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pnpm, pnpmOrExit } from './pnpm.mjs';
import { findChromium } from './chromium.mjs';

const only = process.argv.slice(2);
const reports = mkdtempSync(join(tmpdir(), 'vigil-test-reports-'));
const totals = { passed: 0, failed: 0, suites: [] };

function run(name, filter, args, env = {}) {
  if (only.length > 0 && !only.some((word) => name.includes(word))) return;
  process.stdout.write(`\n=== ${name} ===\n`);
  const output = join(reports, `${name.replace(/\W+/g, '-')}.json`);
  const code = pnpm(['--filter', filter, 'exec', 'vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`], { env });
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

pnpmOrExit(['install', '--frozen-lockfile']);
pnpmOrExit(['run', 'build']);

run('shared unit', '@vigil/shared', []);
run('client unit', '@vigil/client', []);
run('server on PGlite', '@vigil/server', [], { VIGIL_TEST_DB: 'pglite' });
if (process.env.TEST_DATABASE_URL) {
  run('server on PostgreSQL', '@vigil/server', [], { VIGIL_TEST_DB: 'postgres' });
} else {
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
