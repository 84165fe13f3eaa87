import {
  PLAN_LIBRARY_FORMAT,
  PLAN_LIBRARY_VERSION,
  parsePlanLibraryFile,
  parsePlanTemplate,
  type PlanLibraryFile,
  type PlanTemplate,
  type PlanTemplateInput,
  type User,
} from '@vigil/shared';
import type { Executor } from '../../db/client.js';
import { notFound, validationError } from '../../lib/http-error.js';
import { presentPlanTemplate } from '../../presenters/plan-template.presenter.js';
import { insertPlanTemplate, latestVersion, listCurrentTemplates, listRetiredTemplates, listVersions, retirePlan } from '../../repositories/plan-templates.repository.js';
import { runCommand, type CommandLog } from '../append.js';
import { appendAdminChange } from '../audit/record-audit.js';
import type { Deps } from '../deps.js';

/**
 * The plan library (预案库). Templates are reference data, shared by every stream; a publish is
 * a new version row, so a run started from an older version keeps its own copy untouched.
 * Writes go through the append path (serialized with every other write); each publish, import
 * and retirement appends its `admin.changed` entry to the audit stream in the same transaction.
 */

const audited = (log: CommandLog, user: User, action: 'published' | 'retired', plan: { id: string; name: string }, detail: string | null) =>
  appendAdminChange(log, user, { subject: 'plan', action, targetId: plan.id, targetName: plan.name, detail });

async function publishIn(db: Executor, input: PlanTemplateInput, by: { id: string; name: string } | null, now: Date): Promise<PlanTemplate> {
  const template: PlanTemplate = { ...input, version: (await latestVersion(db, input.id)) + 1, publishedAt: now.toISOString(), publishedBy: by };
  await insertPlanTemplate(db, template);
  return template;
}

const publisher = (user: User) => ({ id: user.id, name: user.displayName });

/** Publishes a new version of one plan; a bad plan is refused with issues naming the step and field. */
export async function publishPlan(deps: Deps, body: unknown, user: User): Promise<PlanTemplate> {
  const parsed = parsePlanTemplate(body);
  if (!parsed.ok) throw validationError(parsed);
  const done = await runCommand(deps, { stream: 'audit' }, async (log) => {
    const template = await publishIn(log.tx, parsed.value, publisher(user), log.now);
    await audited(log, user, 'published', { id: template.id, name: template.name.zh }, `v${template.version}`);
    return template;
  });
  return done.value;
}

/** A library file: every plan published as a new version, or, if any plan is bad, none. */
export async function importPlans(deps: Deps, body: unknown, user: User): Promise<PlanTemplate[]> {
  const parsed = parsePlanLibraryFile(body);
  if (!parsed.ok) throw validationError(parsed);
  const done = await runCommand(deps, { stream: 'audit' }, async (log) => {
    const published: PlanTemplate[] = [];
    for (const plan of parsed.value.plans) {
      const template = await publishIn(log.tx, plan, publisher(user), log.now);
      await audited(log, user, 'published', { id: template.id, name: template.name.zh }, `v${template.version} (import)`);
      published.push(template);
    }
    return published;
  });
  return done.value;
}

/** The shipped plans as version 1, when the library is empty (first start). */
export async function publishShippedPlans(db: Executor, plans: readonly PlanTemplateInput[], now: Date): Promise<void> {
  for (const plan of plans) await publishIn(db, plan, null, now);
}

export async function currentPlans(db: Executor): Promise<PlanTemplate[]> {
  return (await listCurrentTemplates(db)).map(presentPlanTemplate);
}

/** The newest version of each retired plan, marked `retired`. */
export async function retiredPlans(db: Executor): Promise<(PlanTemplate & { retired: true })[]> {
  return (await listRetiredTemplates(db)).map((row) => ({ ...presentPlanTemplate(row), retired: true as const }));
}

export async function planVersions(db: Executor, id: string): Promise<(PlanTemplate & { retired: boolean })[]> {
  const rows = await listVersions(db, id);
  if (rows.length === 0) throw notFound(`id: no plan with id "${id}"`);
  return rows.map((row) => ({ ...presentPlanTemplate(row), retired: row.retired }));
}

/** The current versions as a library file (what import takes back). */
export async function exportLibrary(db: Executor): Promise<PlanLibraryFile> {
  const plans = (await currentPlans(db)).map(({ version: _version, publishedAt: _at, publishedBy: _by, ...input }) => input);
  return { format: PLAN_LIBRARY_FORMAT, version: PLAN_LIBRARY_VERSION, plans };
}

/** Retires a plan (every version): kept for history and running copies, no longer offered or startable. */
export async function retirePlanTemplate(deps: Deps, id: string, user: User): Promise<void> {
  await runCommand(deps, { stream: 'audit' }, async (log) => {
    const [current] = await listVersions(log.tx, id);
    if ((await retirePlan(log.tx, id)) === 0) throw notFound(`id: no plan with id "${id}"`);
    await audited(log, user, 'retired', { id, name: current?.name.zh ?? id }, null);
  });
}
