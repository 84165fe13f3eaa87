import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMigrationsFolder } from '../src/db/client.js';

/**
 * Rolling upgrades (README, "Upgrades and migrations"): while nodes are upgraded one by one the
 * previous release runs on the new schema, so the newest migration may only add. What it may not
 * do, each with why the previous release breaks:
 */
const CONTRACTING: { rule: RegExp | ((statement: string) => boolean); why: string }[] = [
  { rule: /\bDROP\s+TABLE\b/i, why: 'drops a table the previous release may read' },
  { rule: /\bDROP\s+COLUMN\b/i, why: 'drops a column the previous release may read' },
  { rule: /\bRENAME\b/i, why: 'renames what the previous release reads by its old name' },
  { rule: /\bALTER\s+COLUMN\s+"?\w+"?\s+(SET\s+DATA\s+)?TYPE\b/i, why: 'changes a column type under the previous release' },
  { rule: /\bALTER\s+COLUMN\s+"?\w+"?\s+SET\s+NOT\s+NULL\b/i, why: 'makes a column required that the previous release may leave empty' },
  {
    rule: (statement) =>
      [...statement.matchAll(/\bADD\s+COLUMN\s+([^,;]*)/gi)].some(([, definition]) => /\bNOT\s+NULL\b/i.test(definition!) && !/\bDEFAULT\b/i.test(definition!)),
    why: 'adds a required column without a default: inserts by the previous release fail',
  },
];

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** The statements of one migration, as drizzle-kit writes them (split at its breakpoints). */
function contractions(sql: string): { statement: string; why: string }[] {
  const found: { statement: string; why: string }[] = [];
  for (const statement of sql.split('--> statement-breakpoint').map((part) => part.trim()).filter(Boolean)) {
    for (const { rule, why } of CONTRACTING) {
      if (typeof rule === 'function' ? rule(statement) : rule.test(statement)) found.push({ statement, why });
    }
  }
  return found;
}

describe('migrations are safe for a rolling upgrade', () => {
  it('the newest migration only adds (expand): no drop, rename, type change or new required column', () => {
    const folder = findMigrationsFolder();
    const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
    const newest = journal.entries.reduce((a, b) => (b.idx > a.idx ? b : a));
    const sql = readFileSync(join(folder, `${newest.tag}.sql`), 'utf8');
    expect(contractions(sql), newest.tag).toEqual([]);
  });

  it('recognises what would break the previous release', () => {
    const sample = [
      'ALTER TABLE "alarms" DROP COLUMN "note";',
      'ALTER TABLE "alarms" RENAME COLUMN "note" TO "notes";',
      'ALTER TABLE "alarms" ALTER COLUMN "priority" SET DATA TYPE bigint;',
      'ALTER TABLE "alarms" ALTER COLUMN "note" SET NOT NULL;',
      'ALTER TABLE "alarms" ADD COLUMN "storm_id" text NOT NULL;',
      'DROP TABLE "wall_presets" CASCADE;',
    ].join('--> statement-breakpoint\n');
    expect(contractions(sample).map((found) => found.why)).toHaveLength(6);
    const adding = [
      'CREATE TABLE "leases" ("name" text PRIMARY KEY NOT NULL, "holder" text NOT NULL);',
      'ALTER TABLE "alarms" ADD COLUMN "storm_id" text;',
      'ALTER TABLE "alarms" ADD COLUMN "folded" boolean DEFAULT false NOT NULL;',
      'CREATE INDEX "alarms_raised_idx" ON "alarms" USING btree ("raised_at","id");',
    ].join('--> statement-breakpoint\n');
    expect(contractions(adding)).toEqual([]);
  });
});
