import { create } from 'zustand';

/** A bulk command on a storm's alarms: sending (with how many answered), or done (with how many failed). */
export type StormBulkReport =
  | { phase: 'sending'; command: 'acknowledge' | 'resolve'; done: number; total: number }
  | { phase: 'done'; command: 'acknowledge' | 'resolve'; total: number; failed: number };

interface StormBulkStore {
  byStorm: Record<string, StormBulkReport>;
  report: (stormKey: string, report: StormBulkReport | null) => void;
}

/**
 * Bulk reports by storm key, outside the card: resolving a storm's alarms unfolds its card once 20
 * or fewer are left, and the report must still say how the batch ended (the queue shows it then).
 */
export const useStormBulk = create<StormBulkStore>((set) => ({
  byStorm: {},
  report: (stormKey, report) =>
    set(({ byStorm }) => {
      const next = { ...byStorm };
      if (report) next[stormKey] = report;
      else delete next[stormKey];
      return { byStorm: next };
    }),
}));
