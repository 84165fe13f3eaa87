import type { CameraView, DeviceKind } from '@vigil/shared';
import { create } from 'zustand';

export type EditorTool = 'select' | 'polygon' | 'line' | 'device';
export type Selection = { entity: 'zone'; id: string } | { entity: 'device'; id: string } | null;

interface EditorStore {
  floor: number;
  tool: EditorTool;
  /** The kind a "place device" click creates. */
  deviceKind: DeviceKind;
  selection: Selection;
  /** The camera view being typed in the panel, drawn live before it is saved. */
  draftCamera: { deviceId: string; camera: CameraView } | null;
  /** The server's answer to the last failed save or import, one line per feature/field. */
  errors: string[];
  setFloor: (floor: number) => void;
  setTool: (tool: EditorTool) => void;
  setDeviceKind: (kind: DeviceKind) => void;
  select: (selection: Selection) => void;
  setDraftCamera: (draft: { deviceId: string; camera: CameraView } | null) => void;
  setErrors: (errors: string[]) => void;
}

export const useSiteEditor = create<EditorStore>((set) => ({
  floor: 0,
  tool: 'select',
  deviceKind: 'camera',
  selection: null,
  draftCamera: null,
  errors: [],
  setFloor: (floor) => set({ floor, selection: null, draftCamera: null }),
  setTool: (tool) => set({ tool }),
  setDeviceKind: (deviceKind) => set({ deviceKind, tool: 'device' }),
  select: (selection) => set({ selection, draftCamera: null }),
  setDraftCamera: (draftCamera) => set({ draftCamera }),
  setErrors: (errors) => set({ errors }),
}));

/** Splits a server message (`a: …; b: …`) into one line per field. */
export function errorLines(message: string): string[] {
  return message
    .split(/;\s+(?=[\w[(.]+[^;]*?:\s)/)
    .map((line) => line.trim())
    .filter(Boolean);
}
