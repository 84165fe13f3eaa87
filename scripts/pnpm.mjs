// Runs pnpm 10: the installed one when it is pnpm 10, else through npx, so a machine with
// only Node and npm needs nothing else.
import { spawn, spawnSync } from 'node:child_process';

const PNPM_VERSION = '10.34.9';

function installedPnpmIsTen() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  return probe.status === 0 && probe.stdout.trim().startsWith('10.');
}

const useInstalled = installedPnpmIsTen();

/** Runs `pnpm <args>`, streaming its output; resolves with the exit code. */
export function pnpm(args, options = {}) {
  const [command, prefix] = useInstalled ? ['pnpm', []] : ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
  const result = spawnSync(command, [...prefix, ...args], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    ...options,
    env: { ...process.env, ...options.env },
  });
  return result.status ?? 1;
}

export function pnpmOrExit(args, options) {
  const code = pnpm(args, options);
  if (code !== 0) {
    process.stderr.write(`\npnpm ${args.join(' ')} failed with exit code ${code}\n`);
    process.exit(code);
  }
}

/**
 * Runs `pnpm <args>` alongside other work: each line of its output goes out as it comes, after
 * `label` (so two runs side by side can be told apart); resolves with the exit code.
 */
export function pnpmLabelled(label, args, options = {}) {
  const [command, prefix] = useInstalled ? ['pnpm', []] : ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
  const child = spawn(command, [...prefix, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
    ...options,
    env: { ...process.env, ...options.env },
  });
  const relay = (stream, to) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) to.write(`[${label}] ${line}\n`);
    });
    stream.on('end', () => {
      if (rest) to.write(`[${label}] ${rest}\n`);
    });
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}
