import { and, asc, count, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { positions } from '../db/schema/index.js';

export type PositionRow = typeof positions.$inferSelect;

const toNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * One insert of many rows as 14 array parameters (`unnest`), so a 500-row batch costs one small
 * statement to build and parse; a (guard, instant) already stored is skipped. Returns the keys stored.
 */
export async function insertPositions(db: Executor, rows: PositionRow[]): Promise<{ guardId: string; at: Date }[]> {
  if (rows.length === 0) return [];
  const column = <T>(pick: (row: PositionRow) => T) => sql.param(rows.map(pick));
  const result = await db.execute(sql`
    insert into ${positions} (guard_id, at, received_at, site_id, x, y, floor, lat, lon, accuracy, heading, speed, battery, source)
    select * from unnest(
      ${column((r) => r.guardId)}::text[], ${column((r) => r.at.toISOString())}::timestamptz[],
      ${column((r) => r.receivedAt.toISOString())}::timestamptz[], ${column((r) => r.siteId)}::text[],
      ${column((r) => r.x)}::float8[], ${column((r) => r.y)}::float8[], ${column((r) => r.floor)}::int[],
      ${column((r) => r.lat)}::float8[], ${column((r) => r.lon)}::float8[], ${column((r) => r.accuracy)}::float8[],
      ${column((r) => r.heading)}::float8[], ${column((r) => r.speed)}::float8[], ${column((r) => r.battery)}::float8[],
      ${column((r) => r.source)}::text[])
    on conflict do nothing
    returning guard_id, at`);
  const inserted = (result as unknown as { rows: { guard_id: string; at: string | Date }[] }).rows;
  return inserted.map((row) => ({ guardId: row.guard_id, at: new Date(row.at) }));
}

/** The latest stored fix of every guard, or of these guards only. */
export async function latestPositions(db: Executor, guardIds?: readonly string[]): Promise<PositionRow[]> {
  if (guardIds?.length === 0) return [];
  const only = guardIds ? sql`where guard_id in (${sql.join(guardIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  const result = await db.execute(sql`
    select distinct on (guard_id) guard_id, at, received_at, site_id, x, y, floor, lat, lon, accuracy, heading, speed, battery, source
    from ${positions} ${only} order by guard_id, at desc`);
  return (result as unknown as { rows: Record<string, unknown>[] }).rows.map(positionRowOf);
}

/** A positions row as a raw statement returns it. */
export function positionRowOf(row: Record<string, unknown>): PositionRow {
  return {
    guardId: String(row.guard_id),
    at: new Date(row.at as string | Date),
    receivedAt: new Date(row.received_at as string | Date),
    siteId: String(row.site_id),
    x: Number(row.x),
    y: Number(row.y),
    floor: Number(row.floor),
    lat: toNumber(row.lat),
    lon: toNumber(row.lon),
    accuracy: toNumber(row.accuracy),
    heading: toNumber(row.heading),
    speed: toNumber(row.speed),
    battery: toNumber(row.battery),
    source: row.source as PositionRow['source'],
  };
}

export async function positionsSince(db: Executor, siteId: string, since: Date): Promise<PositionRow[]> {
  return db
    .select()
    .from(positions)
    .where(and(eq(positions.siteId, siteId), gte(positions.at, since)))
    .orderBy(asc(positions.guardId), asc(positions.at));
}

export async function countPositions(db: Executor, guardId?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(positions)
    .where(guardId ? eq(positions.guardId, guardId) : undefined);
  return Number(row?.n ?? 0);
}
