import { and, desc, eq, max, sql } from 'drizzle-orm';
import type { PlanTemplate } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { planTemplates } from '../db/schema/index.js';

/** The plan library (预案库): one row per version of a plan; reference data, shared by every stream. */

export type PlanTemplateRow = typeof planTemplates.$inferSelect;

export async function insertPlanTemplate(db: Executor, template: PlanTemplate): Promise<void> {
  await db.insert(planTemplates).values({
    id: template.id,
    version: template.version,
    incidentType: template.incidentType,
    level: template.level,
    name: template.name,
    summary: template.summary,
    activation: template.activation,
    roles: template.roles,
    steps: template.steps,
    retired: false,
    publishedAt: new Date(template.publishedAt),
    publishedById: template.publishedBy?.id ?? null,
    publishedByName: template.publishedBy?.name ?? null,
  });
}

export async function countPlanTemplates(db: Executor): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(planTemplates);
  return Number(row?.count ?? 0);
}

/** The highest version a plan has (retired or not), 0 when it has none. */
export async function latestVersion(db: Executor, id: string): Promise<number> {
  const [row] = await db.select({ version: max(planTemplates.version) }).from(planTemplates).where(eq(planTemplates.id, id));
  return Number(row?.version ?? 0);
}

/** The newest version of each plan that is not retired, ordered by plan id. */
export async function listCurrentTemplates(db: Executor): Promise<PlanTemplateRow[]> {
  const rows = await db
    .selectDistinctOn([planTemplates.id])
    .from(planTemplates)
    .where(eq(planTemplates.retired, false))
    .orderBy(planTemplates.id, desc(planTemplates.version));
  return rows;
}

/**
 * The newest version of each plan that is retired and has not been published again since, ordered
 * by plan id: kept for history and for runs that started from it, shown apart in the library.
 */
export async function listRetiredTemplates(db: Executor): Promise<PlanTemplateRow[]> {
  const rows = await db
    .selectDistinctOn([planTemplates.id])
    .from(planTemplates)
    .orderBy(planTemplates.id, desc(planTemplates.version));
  return rows.filter((row) => row.retired);
}

/** The newest non-retired version of one plan: what a run starts from. */
export async function findCurrentTemplate(db: Executor, id: string): Promise<PlanTemplateRow | undefined> {
  const [row] = await db
    .select()
    .from(planTemplates)
    .where(and(eq(planTemplates.id, id), eq(planTemplates.retired, false)))
    .orderBy(desc(planTemplates.version))
    .limit(1);
  return row;
}

export function listVersions(db: Executor, id: string): Promise<PlanTemplateRow[]> {
  return db.select().from(planTemplates).where(eq(planTemplates.id, id)).orderBy(desc(planTemplates.version));
}

/** Retires every version of a plan; answers how many rows it changed. */
export async function retirePlan(db: Executor, id: string): Promise<number> {
  const rows = await db.update(planTemplates).set({ retired: true }).where(eq(planTemplates.id, id)).returning({ version: planTemplates.version });
  return rows.length;
}
