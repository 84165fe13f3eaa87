import { create } from 'zustand';
import type { DrillRun } from './drillsApi';

/**
 * The drill this page's screen shows, while it shows one (`?drill=<runId>`): the banner, the
 * connection badge and the header read it. Null on a live screen.
 */
interface DrillScreenStore {
  run: DrillRun | null;
  set: (run: DrillRun | null) => void;
}

export const useDrillScreen = create<DrillScreenStore>((set) => ({
  run: null,
  set: (run) => set({ run }),
}));

/** Whether the page shows a drill (a hook: re-renders on entering or leaving one). */
export const useInDrill = () => useDrillScreen((store) => store.run !== null);

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What `?drill=` asks: nothing (live), a run, or a value that is no run id. */
export function drillRequest(params: URLSearchParams): { kind: 'live' } | { kind: 'drill'; runId: string } | { kind: 'invalid' } {
  const value = params.get('drill');
  if (value === null) return { kind: 'live' };
  return RUN_ID.test(value) ? { kind: 'drill', runId: value.toLowerCase() } : { kind: 'invalid' };
}

/** The same address without `?drill=`: the live screen. */
export function withoutDrill(params: URLSearchParams): string {
  const rest = new URLSearchParams(params);
  rest.delete('drill');
  const search = rest.toString();
  return search ? `?${search}` : '';
}
