import { create } from 'zustand';

interface MapViewStore {
  /** The floor the map shows: its zones, devices and alarms only. */
  floor: number;
  setFloor: (floor: number) => void;
}

export const useMapView = create<MapViewStore>((set) => ({
  floor: 0,
  setFloor: (floor) => set({ floor }),
}));
