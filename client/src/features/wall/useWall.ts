import { monitorTakeover, type Monitor, type Takeover, type WallPreset, type WallView } from '@vigil/shared';
import { useMemo } from 'react';
import { useAlarmStore } from '../alarms/alarmStore';

/** The wall's monitors, left to right, as the live state has them. */
export function useMonitors(): Monitor[] {
  const monitors = useAlarmStore((store) => store.live.monitors);
  return useMemo(() => Object.values(monitors).sort((a, b) => a.position - b.position || a.id.localeCompare(b.id)), [monitors]);
}

export function useMonitor(monitorId: string): Monitor | undefined {
  return useAlarmStore((store) => store.live.monitors[monitorId]);
}

export function usePresets(): WallPreset[] {
  const presets = useAlarmStore((store) => store.live.presets);
  return useMemo(() => Object.values(presets).sort((a, b) => a.name.localeCompare(b.name)), [presets]);
}

export interface ShownView {
  /** What the monitor shows now: the alarm takeover's view, else its own. */
  view: WallView;
  takeover: Takeover | null;
}

/** What a monitor shows: an alarm that takes it over (报警联动) wins until resolved or released. */
export function useShownView(monitor: Monitor | undefined): ShownView | null {
  const alarms = useAlarmStore((store) => store.live.alarms);
  const sites = useAlarmStore((store) => store.live.sites);
  return useMemo(() => {
    if (!monitor) return null;
    const takeover = monitorTakeover(monitor, alarms.values(), sites);
    return { view: takeover?.view ?? monitor.view, takeover };
  }, [monitor, alarms, sites]);
}
