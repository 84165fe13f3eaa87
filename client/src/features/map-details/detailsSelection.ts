import { create } from 'zustand';

/** What the details panel shows: one guard, device or zone picked on the map. */
export type MapFeature = { kind: 'guard' | 'device' | 'zone'; id: string };

interface DetailsSelection {
  feature: MapFeature | null;
  select: (feature: MapFeature | null) => void;
}

export const useDetailsSelection = create<DetailsSelection>((set) => ({
  feature: null,
  select: (feature) => set({ feature }),
}));
