import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import staticFiles from '@fastify/static';

/** The built client (client/dist), found by walking up from this file; null when not built. */
export function findClientDist(from = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'client', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Serves the built client; hashed assets are cached for a year, index.html never. */
export const clientPlugin = fp<{ root: string }>(async (app, options) => {
  await app.register(staticFiles, {
    root: options.root,
    wildcard: false,
    index: 'index.html',
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
});
