import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the worker's script is. Built (`pnpm build`): dist/pglite.worker.js beside server.js and
 * cli.js, which this module is bundled into. From source (`pnpm dev`, vitest, tsx benches): the
 * worker entry bundled with esbuild (a dev dependency) into node_modules/.cache/vigil, named by
 * a hash of its sources so a changed worker is built again and processes started together share
 * one file. PGlite stays external: it loads its WebAssembly beside its own module.
 */
let script: Promise<URL> | null = null;

export function workerScript(): Promise<URL> {
  script ??= locate();
  return script;
}

async function locate(): Promise<URL> {
  const built = new URL('./pglite.worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  const source = fileURLToPath(new URL('./pglite.worker.ts', import.meta.url));
  if (!existsSync(source)) throw new Error(`the embedded database's worker (pglite.worker.js) is missing beside ${fileURLToPath(import.meta.url)}: run \`pnpm build\` again`);
  const inputs = [source, join(dirname(source), 'protocol.ts')];
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(readFileSync(input));
  const cache = join(packageRoot(dirname(source)), 'node_modules', '.cache', 'vigil');
  const target = join(cache, `pglite.worker.${hash.digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(target)) {
    mkdirSync(cache, { recursive: true });
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const { build } = await import('esbuild');
    await build({
      entryPoints: [source],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      outfile: temporary,
      external: ['@electric-sql/pglite', '@electric-sql/pglite/*'],
      logLevel: 'warning',
    });
    // Atomic: a process starting at the same time sees no file or the whole one.
    renameSync(temporary, target);
  }
  return pathToFileURL(target);
}

function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
