import { withLayout, type Monitor, type TileContent, type WallPreset, type WallView } from '@vigil/shared';

const camera = (no: number): TileContent => ({ kind: 'camera', cameraId: `demo-cam-${String(no).padStart(2, '0')}` });
const cameras = (...numbers: number[]) => numbers.map(camera);
const view = (layout: WallView['layout'], tiles: TileContent[]): WallView => withLayout({ layout, tiles }, layout);

/**
 * The demo control room's wall: a 4×4 main monitor of sixteen cameras, an alarm monitor that
 * shows the map until an alarm takes it over with its cameras, and a perimeter monitor with a
 * camera tour of the walls beside the gates. Presets the operators can send to any of them.
 */
export function demoWall(siteId: string, now: Date): { monitors: Monitor[]; presets: WallPreset[] } {
  const monitor = (id: string, position: number, name: string, nameEn: string, shows: WallView, alarmRule: Monitor['alarmRule'] = null): Monitor => ({
    id,
    siteId,
    name,
    nameEn,
    position,
    view: shows,
    alarmRule,
    releasedAlarmIds: [],
  });
  const perimeterTour: TileContent = {
    kind: 'tour',
    cameraIds: cameras(4, 5, 6, 7, 8, 9, 10, 11).map((tile) => (tile.kind === 'camera' ? tile.cameraId : '')),
    dwellSeconds: 10,
    startedAt: now.toISOString(),
    pausedAt: null,
  };
  const preset = (id: string, name: string, nameEn: string, shows: WallView): WallPreset => ({ id, siteId, name, nameEn, view: shows });
  return {
    monitors: [
      monitor('main', 0, '主屏', 'Main wall', view('4x4', cameras(1, 2, 3, 18, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17))),
      monitor('alarm', 1, '报警联动屏', 'Alarm monitor', view('1', [{ kind: 'map', siteId, floor: 0 }]), {
        kinds: [],
        maxPriority: 3,
        cameraCount: 4,
        radius: 60,
      }),
      monitor('perimeter', 2, '周界与出入口', 'Perimeter and gates', view('1+5', [perimeterTour, ...cameras(1, 2, 3, 18), { kind: 'alarms' }])),
    ],
    presets: [
      preset('overview', '全景十六画面', 'Overview, sixteen cameras', view('4x4', cameras(1, 2, 3, 18, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17))),
      preset('gates', '出入口', 'Gates', view('2x2', cameras(1, 2, 3, 18))),
      preset('perimeter', '周界', 'Perimeter', view('3x3', [...cameras(4, 5, 6, 7, 8, 9, 10, 11), { kind: 'map', siteId, floor: 0 }])),
      preset('lobbies', '楼栋大堂', 'Building lobbies', view('2x2', cameras(12, 13, 14, 15))),
      preset('garage', '地下车库', 'Underground garage', view('2x2', cameras(19, 20, 21, 22))),
      preset('site-map', '电子地图', 'Site map', view('1', [{ kind: 'map', siteId, floor: 0 }])),
    ],
  };
}
