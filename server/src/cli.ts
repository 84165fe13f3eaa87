import { resolve } from 'node:path';
import { loadConfig } from './config.js';
import { DataDirLockedError } from './lib/data-dir-lock.js';
import { backup, restore } from './ops/backup.js';
import { migrateToPostgres } from './ops/migrate-to-postgres.js';
import { OpsError } from './ops/tools.js';

const USAGE = `usage: pnpm vigil <command>

  backup <file>                      PostgreSQL (DATABASE_URL): pg_dump, custom format; may run while Vigil serves
                                     embedded (DATA_DIR): a dump of the data directory; stop Vigil first
  restore <file> [--force]           into an empty database or a new DATA_DIR; --force replaces what is there
                                     (PostgreSQL: pg_restore --clean; embedded: the old data dir is moved aside)
  migrate-to-postgres <DATABASE_URL> moves the embedded installation in DATA_DIR into an empty PostgreSQL
                                     (stop Vigil first; then start it with DATABASE_URL set)

Reads DATA_DIR and DATABASE_URL as the server does.`;

/** pnpm runs root scripts in the workspace root; a file the operator named is relative to where they typed it. */
const fromCaller = (file: string) => resolve(process.env.INIT_CWD ?? process.cwd(), file);

async function main(argv: string[]): Promise<number> {
  const flags = argv.filter((arg) => arg.startsWith('--'));
  const args = argv.filter((arg) => !arg.startsWith('--'));
  const [command, operand, ...rest] = args;
  const unknownFlag = flags.find((flag) => flag !== '--force' || command !== 'restore');
  if (command === undefined || command === 'help' || flags.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (unknownFlag) throw new OpsError(`${unknownFlag}: not an option of ${command}\n\n${USAGE}`);
  if (!operand || rest.length > 0) throw new OpsError(`${command}: takes exactly one ${command === 'migrate-to-postgres' ? 'DATABASE_URL' : 'file'}\n\n${USAGE}`);
  const config = loadConfig();
  // As the server resolves it: `pnpm start` and `pnpm vigil` both run in the workspace root.
  const dataDir = resolve(config.dataDir);
  switch (command) {
    case 'backup': {
      const result = await backup(config.database, dataDir, fromCaller(operand));
      process.stdout.write(`backup of the ${result.kind === 'postgres' ? 'PostgreSQL database' : `embedded database in ${dataDir}`}: ${result.file} (${result.bytes} bytes)\n`);
      return 0;
    }
    case 'restore': {
      const result = await restore(config.database, dataDir, fromCaller(operand), { force: flags.includes('--force') });
      const where = result.kind === 'postgres' ? 'the PostgreSQL database (DATABASE_URL)' : `the embedded database in ${dataDir}`;
      process.stdout.write(`restored ${operand} into ${where}${result.movedAside ? `; the data dir that was there is now ${result.movedAside}` : ''}\n`);
      return 0;
    }
    case 'migrate-to-postgres': {
      if (!/^postgres(ql)?:\/\//.test(operand)) throw new OpsError('migrate-to-postgres: DATABASE_URL must be a postgres:// URL');
      if (config.database.kind === 'postgres') throw new OpsError('migrate-to-postgres: moves the embedded installation; unset DATABASE_URL (the source is DATA_DIR)');
      process.stdout.write(`moving the embedded database in ${dataDir} to PostgreSQL…\n`);
      const result = await migrateToPostgres(dataDir, operand, (line) => process.stdout.write(`${line}\n`));
      const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
      process.stdout.write(
        `done: ${result.tables.length} tables, ${rows} rows, events up to seq ${result.lastSeq}. Start Vigil with DATABASE_URL set to that database; ${dataDir} is left as it was.\n`,
      );
      return 0;
    }
    default:
      throw new OpsError(`${command}: not a command\n\n${USAGE}`);
  }
}

// PGlite's dump awaits work that holds no handle of Node's: without this the process would see
// an empty event loop and exit 0 halfway through a backup.
const keepAlive = setInterval(() => undefined, 60_000);
main(process.argv.slice(2)).then(
  (code) => {
    clearInterval(keepAlive);
    process.exit(code);
  },
  (error: unknown) => {
    const known = error instanceof OpsError || error instanceof DataDirLockedError || (error instanceof Error && error.message.startsWith('invalid configuration'));
    process.stderr.write(`vigil: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
