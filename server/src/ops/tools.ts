import { spawn } from 'node:child_process';
import pg from 'pg';

/** An operator's mistake or a missing tool: the CLI prints the message alone, no stack. */
export class OpsError extends Error {}

/**
 * A PostgreSQL URL for a client tool's argv without its password (argv is visible to every user
 * in `ps`), and the password in PGPASSWORD instead.
 */
export function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = '';
  return { dbname: parsed.toString(), env: password === undefined ? {} : { PGPASSWORD: password } };
}

/** Runs pg_dump or pg_restore; a missing binary or a failure becomes an OpsError with its stderr. */
export function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      // Bounded: a tool that prints without end must not fill memory.
      if (stderr.length < 64 * 1024) stderr += chunk.toString();
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new OpsError(`${tool} not found: install PostgreSQL's client tools (Debian: apt-get install postgresql-client), the same major version as the server or newer`)
          : error,
      );
    });
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new OpsError(`${tool} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

/** Tables and sequences outside PostgreSQL's own schemas: a database with none is empty. */
export async function userRelations(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: unknown) => {
    throw new OpsError(`cannot connect to the PostgreSQL database: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const result = await client.query<{ count: string }>(
      `select count(*)::text as count from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'S', 'v', 'm') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'`,
    );
    return Number(result.rows[0]!.count);
  } finally {
    await client.end();
  }
}
