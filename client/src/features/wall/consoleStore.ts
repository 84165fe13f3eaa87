import type { CommandRefusal } from '@vigil/shared';
import { create } from 'zustand';

/** Where the operator sends things: a whole monitor, or one of its tiles. */
export interface WallTarget {
  monitorId: string;
  /** null: the whole monitor (a camera then fills it). */
  index: number | null;
}

export type ConsoleFailure = { kind: 'timeout' } | { kind: 'offline' } | { kind: 'rejected'; refusal: CommandRefusal };

interface ConsoleStore {
  target: WallTarget | null;
  /** Cameras ticked for a tour, in the order ticked. */
  tourCameraIds: string[];
  dwellSeconds: number;
  /** The camera shown in the console's preview. */
  previewCameraId: string | null;
  failure: ConsoleFailure | null;
  setTarget: (target: WallTarget | null) => void;
  toggleTourCamera: (cameraId: string) => void;
  clearTour: () => void;
  setDwell: (seconds: number) => void;
  preview: (cameraId: string | null) => void;
  /** A command went out: the last failure is no longer news. */
  started: () => void;
  finished: (failure: ConsoleFailure | null) => void;
  dismissFailure: () => void;
}

export const DEFAULT_DWELL_SECONDS = 10;

export const useConsole = create<ConsoleStore>((set) => ({
  target: null,
  tourCameraIds: [],
  dwellSeconds: DEFAULT_DWELL_SECONDS,
  previewCameraId: null,
  failure: null,
  setTarget: (target) => set({ target }),
  toggleTourCamera: (cameraId) =>
    set(({ tourCameraIds }) => ({
      tourCameraIds: tourCameraIds.includes(cameraId) ? tourCameraIds.filter((id) => id !== cameraId) : [...tourCameraIds, cameraId],
    })),
  clearTour: () => set({ tourCameraIds: [] }),
  setDwell: (dwellSeconds) => set({ dwellSeconds }),
  preview: (previewCameraId) => set({ previewCameraId }),
  started: () => set({ failure: null }),
  finished: (failure) => set({ failure }),
  dismissFailure: () => set({ failure: null }),
}));
