import { create } from 'zustand';

interface SelectionStore {
  selectedAlarmId: string | null;
  /** Bumped on every request to show an alarm, so the map flies there even if it was selected already. */
  focusRequest: number;
  select: (alarmId: string | null) => void;
  focus: (alarmId: string) => void;
}

export const useAlarmSelection = create<SelectionStore>((set) => ({
  selectedAlarmId: null,
  focusRequest: 0,
  select: (alarmId) => set({ selectedAlarmId: alarmId }),
  focus: (alarmId) => set(({ focusRequest }) => ({ selectedAlarmId: alarmId, focusRequest: focusRequest + 1 })),
}));
