import type { PlanTemplate } from '@vigil/shared';
import type { PlanTemplateRow } from '../repositories/plan-templates.repository.js';

export function presentPlanTemplate(row: PlanTemplateRow): PlanTemplate {
  return {
    id: row.id,
    version: row.version,
    incidentType: row.incidentType,
    level: row.level,
    name: row.name,
    summary: row.summary,
    activation: row.activation,
    roles: row.roles,
    steps: row.steps,
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedById ? { id: row.publishedById, name: row.publishedByName ?? '' } : null,
  };
}
