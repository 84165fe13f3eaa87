import { matchPlans, type Alarm, type IncidentType, type PlanMatch, type PlanTemplate, type Zone } from '@vigil/shared';
import { create } from 'zustand';
import { ApiError, requestJson } from '../../lib/http';

type PlanLoad = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; plans: PlanTemplate[] } | { status: 'failed'; error: ApiError };

interface PlanLibraryStore {
  load: PlanLoad;
  /** Reads the library once per page (again after a failure). */
  ensure: () => Promise<void>;
}

/** The published plans (GET /api/v1/plans), for suggesting and starting one. */
export const usePlanLibrary = create<PlanLibraryStore>((set, get) => ({
  load: { status: 'idle' },
  ensure: async () => {
    const { load } = get();
    if (load.status === 'loading' || load.status === 'ready') return;
    set({ load: { status: 'loading' } });
    try {
      const { plans } = await requestJson<{ plans: PlanTemplate[] }>('/api/v1/plans');
      set({ load: { status: 'ready', plans } });
    } catch (error) {
      set({ load: { status: 'failed', error: error instanceof ApiError ? error : new ApiError(0, 'client', String(error)) } });
    }
  },
}));

/** Plans for an alarm, best first, each with the rule that matched (matchPlans). */
export function plansForAlarm(plans: readonly PlanTemplate[], alarm: Alarm, zone: Zone | null): PlanMatch<PlanTemplate>[] {
  return matchPlans(plans, alarm, zone);
}

/** Plans for an incident without an alarm to match: its type's plans first, then the rest. */
export function plansForType(plans: readonly PlanTemplate[], type: IncidentType): PlanTemplate[] {
  return [...plans].sort((a, b) => Number(b.incidentType === type) - Number(a.incidentType === type) || a.level - b.level || a.id.localeCompare(b.id));
}
