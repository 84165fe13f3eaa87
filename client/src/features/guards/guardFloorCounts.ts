import { create } from 'zustand';

interface GuardFloorCounts {
  /** Guards with a fix on each floor level; replaced only when a count changes. */
  counts: Readonly<Record<number, number>>;
  set: (counts: Record<number, number>) => void;
}

export const useGuardFloorCounts = create<GuardFloorCounts>((set, get) => ({
  counts: {},
  set: (counts) => {
    const current = get().counts;
    const keys = new Set([...Object.keys(current), ...Object.keys(counts)].map(Number));
    for (const key of keys) {
      if ((current[key] ?? 0) !== (counts[key] ?? 0)) {
        set({ counts });
        return;
      }
    }
  },
}));
