// Bundles the server (and @vigil/shared, which ships as TypeScript) into dist/server.js, the operator's CLI into dist/cli.js,
// and the embedded database's worker thread into dist/pglite.worker.js (found beside them at run time, see
// src/db/embedded/worker-source.ts). Every other dependency stays external and is loaded from node_modules.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => name !== '@vigil/shared');
// Only imported from source, to bundle the worker there; never reached in the bundle.
external.push('esbuild');

await build({
  entryPoints: { server: 'src/server.ts', cli: 'src/cli.ts', 'pglite.worker': 'src/db/embedded/pglite.worker.ts' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outdir: 'dist',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  logLevel: 'warning',
});
