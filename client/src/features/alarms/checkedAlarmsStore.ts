import { create } from 'zustand';

/** The alarms ticked in the queue for a batch command, and where the last plain tick was (for shift-click). */
export interface CheckedAlarms {
  checked: readonly string[];
  anchor: string | null;
}

/**
 * A tick on `alarmId`. Plain: flips it and makes it the anchor. With shift (`range`): ticks every
 * alarm from the anchor to it in the queue's order (`order`), leaving the others as they are.
 */
export function tick(state: CheckedAlarms, alarmId: string, order: readonly string[], range: boolean): CheckedAlarms {
  const from = state.anchor === null ? -1 : order.indexOf(state.anchor);
  const to = order.indexOf(alarmId);
  if (range && from !== -1 && to !== -1) {
    const span = order.slice(Math.min(from, to), Math.max(from, to) + 1);
    return { checked: [...new Set([...state.checked, ...span])], anchor: state.anchor };
  }
  const checked = state.checked.includes(alarmId) ? state.checked.filter((id) => id !== alarmId) : [...state.checked, alarmId];
  return { checked, anchor: alarmId };
}

/** Drops ticks on alarms no longer in the queue (resolved here or elsewhere). */
export function keepOpen(state: CheckedAlarms, open: ReadonlySet<string>): CheckedAlarms {
  const checked = state.checked.filter((id) => open.has(id));
  const anchor = state.anchor !== null && open.has(state.anchor) ? state.anchor : null;
  return checked.length === state.checked.length && anchor === state.anchor ? state : { checked, anchor };
}

interface CheckedAlarmsStore extends CheckedAlarms {
  tick: (alarmId: string, order: readonly string[], range: boolean) => void;
  keepOpen: (open: ReadonlySet<string>) => void;
  clear: () => void;
}

/**
 * Ticks for batch handling, apart from the one alarm the map is showing (`useAlarmSelection`):
 * ticking alarms does not move the map.
 */
export const useCheckedAlarms = create<CheckedAlarmsStore>((set) => ({
  checked: [],
  anchor: null,
  tick: (alarmId, order, range) => set((state) => tick(state, alarmId, order, range)),
  keepOpen: (open) => set((state) => keepOpen(state, open)),
  clear: () => set({ checked: [], anchor: null }),
}));
