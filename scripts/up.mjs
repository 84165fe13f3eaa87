// `npm run up`: install everything, build, and start Vigil on embedded PostgreSQL (PGlite)
// with the demo site and the simulator. Environment variables pass through (see README).
import { spawn } from 'node:child_process';
import { pnpmOrExit } from './pnpm.mjs';

pnpmOrExit(['install', '--frozen-lockfile']);
pnpmOrExit(['run', 'build']);

const server = spawn(process.execPath, ['server/dist/server.js'], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
