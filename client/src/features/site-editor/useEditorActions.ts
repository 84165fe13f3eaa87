import type { Device, DeviceKind, Point, Site, Zone, ZoneKind } from '@vigil/shared';
import i18next from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeErrorLines } from '../../i18n/describeError';
import { useSiteEditor } from './editorStore';
import { newEntityId, zoneAt } from './geometry';
import { deviceInputOf, removeDevice, removeZone, saveDevice, saveZone, zoneInputOf } from './siteEditorApi';

export interface EditorActions {
  createZone: (geometry: Zone['geometry']) => Promise<void>;
  createDevice: (position: Point) => Promise<void>;
  updateZone: (zone: Zone) => Promise<boolean>;
  updateDevice: (device: Device) => Promise<boolean>;
  deleteZone: (zone: Zone) => Promise<void>;
  deleteDevice: (device: Device) => Promise<void>;
}

/** Runs a save; a refusal becomes the error list (one line per field), success clears it. */
export async function attempt(run: () => Promise<unknown>): Promise<boolean> {
  const { setErrors } = useSiteEditor.getState();
  try {
    await run();
    setErrors([]);
    return true;
  } catch (error) {
    setErrors(describeErrorLines(error, i18next.t));
    return false;
  }
}

/** Every edit goes through the REST routes; the store updates from the event that follows. */
export function useEditorActions(site: Site | null): EditorActions {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const zh = i18n.getFixedT('zh-CN');
    const en = i18n.getFixedT('en');
    const siteId = site?.id ?? '';
    const { select, setTool } = useSiteEditor.getState();
    return {
      createZone: async (geometry) => {
        const kind: ZoneKind = geometry.type === 'Polygon' ? 'building' : 'perimeter';
        const id = newEntityId(siteId, `z-${kind}`);
        const floor = useSiteEditor.getState().floor;
        setTool('select');
        const ok = await attempt(() => saveZone(siteId, id, { name: zh('siteEditor.newZone'), nameEn: en('siteEditor.newZone'), kind, floor, geometry }));
        if (ok) select({ entity: 'zone', id });
      },
      createDevice: async (position) => {
        const { floor, deviceKind } = useSiteEditor.getState();
        const kind: DeviceKind = deviceKind;
        const id = newEntityId(siteId, kind);
        const camera = kind === 'camera' ? { heading: 0, angle: 60, range: 30 } : null;
        const ok = await attempt(() =>
          saveDevice(siteId, id, {
            name: zh(`deviceKind.${kind}`),
            nameEn: en(`deviceKind.${kind}`),
            kind,
            floor,
            zoneId: site ? zoneAt(site, floor, position) : null,
            position,
            camera,
          }),
        );
        if (ok) select({ entity: 'device', id });
      },
      updateZone: (zone) => attempt(() => saveZone(siteId, zone.id, zoneInputOf(zone))),
      updateDevice: (device) => attempt(() => saveDevice(siteId, device.id, deviceInputOf(device))),
      deleteZone: async (zone) => {
        if (await attempt(() => removeZone(siteId, zone.id))) select(null);
      },
      deleteDevice: async (device) => {
        if (await attempt(() => removeDevice(siteId, device.id))) select(null);
      },
    };
  }, [site, i18n]);
}
