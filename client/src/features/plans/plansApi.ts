import type { PlanLibraryFile, PlanTemplate, PlanTemplateInput } from '@vigil/shared';
import { requestJson } from '../../lib/http';

/** A version in the library; `retired` plans are kept for history, no longer suggested or startable. */
export type LibraryPlan = PlanTemplate & { retired?: boolean };

const planPath = (id: string) => `/api/v1/plans/${encodeURIComponent(id)}`;

/**
 * The newest version of each plan. Retired plans come marked `retired`, in the list or in a
 * `retired` list of their own, when the server sends them (it may send only the current ones).
 */
export async function fetchPlans(): Promise<LibraryPlan[]> {
  const body = await requestJson<{ plans: LibraryPlan[]; retired?: LibraryPlan[] }>('/api/v1/plans');
  return [...body.plans, ...(body.retired ?? []).map((plan) => ({ ...plan, retired: true }))];
}

/** Every version of one plan, newest first. */
export async function fetchVersions(id: string): Promise<LibraryPlan[]> {
  const body = await requestJson<{ versions?: LibraryPlan[]; plans?: LibraryPlan[] }>(`${planPath(id)}/versions`);
  return [...(body.versions ?? body.plans ?? [])].sort((a, b) => b.version - a.version);
}

/** Publishes the next version (a new id starts at version 1). A refusal names the step and field. */
export async function publishPlan(plan: PlanTemplateInput): Promise<LibraryPlan> {
  return (await requestJson<{ plan: LibraryPlan }>('/api/v1/plans', { method: 'POST', body: plan })).plan;
}

/** A library file, all or nothing. */
export async function importPlans(file: unknown): Promise<LibraryPlan[]> {
  return (await requestJson<{ plans: LibraryPlan[] }>('/api/v1/plans/import', { method: 'POST', body: file })).plans;
}

export async function exportPlans(): Promise<PlanLibraryFile> {
  return requestJson<PlanLibraryFile>('/api/v1/plans/export');
}

export async function retirePlan(id: string): Promise<void> {
  await requestJson(`${planPath(id)}/retire`, { method: 'POST' });
}
