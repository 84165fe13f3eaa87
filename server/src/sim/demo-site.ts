import type { CameraView, Device, DeviceKind, Point, Site, Zone, ZoneKind } from '@vigil/shared';

/**
 * The demo site: 翠湖花园 (Emerald Lake Gardens), a gated residential compound of ten
 * slab towers around a central lake, with an underground garage.
 *
 * Local metres, x east, y north, origin at the south-west corner of the plan. The boundary
 * wall runs 10 m inside the plan, with a chamfered north-east corner; the main gate is in the
 * middle of the south wall, the side gate on the east wall.
 */

const SITE_ID = 'demo';

type Geometry = Zone['geometry'];

function rect(x: number, y: number, width: number, height: number): Geometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + width, y],
        [x + width, y + height],
        [x, y + height],
        [x, y],
      ],
    ],
  };
}

function polygon(...rings: Point[][]): Geometry {
  return { type: 'Polygon', coordinates: rings.map((ring) => [...ring, ring[0] as Point]) };
}

function line(...points: Point[]): Geometry {
  return { type: 'LineString', coordinates: points };
}

/** A closed, slightly irregular ellipse: lakes are never perfect. */
function pond(cx: number, cy: number, rx: number, ry: number, wobble: readonly number[]): Geometry {
  const ring = wobble.map((factor, index): Point => {
    const angle = (index / wobble.length) * 2 * Math.PI;
    return [Math.round((cx + rx * factor * Math.cos(angle)) * 10) / 10, Math.round((cy + ry * factor * Math.sin(angle)) * 10) / 10];
  });
  return polygon(ring);
}

function zone(id: string, kind: ZoneKind, name: string, nameEn: string, geometry: Geometry, floor = 0): Zone {
  return { id: `demo-z-${id}`, siteId: SITE_ID, kind, name, nameEn, geometry, floor };
}

function device(
  id: string,
  kind: DeviceKind,
  name: string,
  nameEn: string,
  position: Point,
  zoneId: string | null,
  floor = 0,
): Device {
  return {
    id: `demo-${id}`,
    siteId: SITE_ID,
    kind,
    name,
    nameEn,
    position,
    floor,
    zoneId: zoneId === null ? null : `demo-z-${zoneId}`,
    status: 'online',
    camera: kind === 'camera' ? aimAtCentre(position) : null,
    linkedCameraIds: [],
  };
}

/** Demo cameras look towards the middle of the compound, 70° wide, 45 m deep. */
function aimAtCentre([x, y]: Point): CameraView {
  const heading = (Math.atan2(210 - x, 150 - y) * 180) / Math.PI;
  return { heading: Math.round((heading + 360) % 360), angle: 70, range: 45 };
}

/** Ten slab towers, 40 m × 14 m, long side facing south: lobby door mid south face, lift core at the east end. */
const BUILDINGS: { no: number; x: number; y: number }[] = [
  { no: 1, x: 45, y: 235 },
  { no: 2, x: 115, y: 235 },
  { no: 3, x: 245, y: 235 },
  { no: 4, x: 315, y: 235 },
  { no: 5, x: 45, y: 160 },
  { no: 6, x: 45, y: 115 },
  { no: 7, x: 335, y: 160 },
  { no: 8, x: 335, y: 115 },
  { no: 9, x: 45, y: 50 },
  { no: 10, x: 110, y: 50 },
];
const BUILDING_WIDTH = 40;
const BUILDING_DEPTH = 14;

const buildingId = (no: number) => `building-${String(no).padStart(2, '0')}`;

const perimeterZones: Zone[] = [
  zone('south-perimeter-w', 'perimeter', '南侧围界西段', 'South perimeter, west', line([10, 10], [188, 10])),
  zone('south-perimeter-e', 'perimeter', '南侧围界东段', 'South perimeter, east', line([232, 10], [410, 10])),
  zone('east-perimeter-s', 'perimeter', '东侧围界南段', 'East perimeter, south', line([410, 10], [410, 188])),
  zone('east-perimeter-n', 'perimeter', '东侧围界北段', 'East perimeter, north', line([410, 208], [410, 250], [370, 290])),
  zone('north-perimeter-e', 'perimeter', '北侧围界东段', 'North perimeter, east', line([370, 290], [190, 290])),
  zone('north-perimeter-w', 'perimeter', '北侧围界西段', 'North perimeter, west', line([190, 290], [10, 290])),
  zone('west-perimeter-n', 'perimeter', '西侧围界北段', 'West perimeter, north', line([10, 290], [10, 150])),
  zone('west-perimeter-s', 'perimeter', '西侧围界南段', 'West perimeter, south', line([10, 150], [10, 10])),
];

const groundZones: Zone[] = [
  zone(
    'grounds',
    'green',
    '小区绿化',
    'Landscaped grounds',
    polygon([
      [29, 29],
      [391, 29],
      [391, 242],
      [362, 271],
      [29, 271],
    ]),
  ),
  zone(
    'central-park',
    'green',
    '中心花园',
    'Central garden',
    polygon([
      [135, 98],
      [285, 98],
      [305, 115],
      [305, 185],
      [285, 200],
      [135, 200],
      [115, 185],
      [115, 115],
    ]),
  ),
  zone(
    'ring-road',
    'road',
    '环形车道',
    'Ring road',
    polygon(
      [
        [22, 22],
        [398, 22],
        [398, 245],
        [365, 278],
        [22, 278],
      ],
      [
        [29, 29],
        [391, 29],
        [391, 242],
        [362, 271],
        [29, 271],
      ],
    ),
  ),
  zone('main-avenue', 'road', '入口大道', 'Entrance avenue', rect(203, 10, 14, 88)),
  zone('north-lane', 'road', '北侧车道', 'North lane', rect(29, 205, 362, 6)),
  zone('south-lane', 'road', '南侧车道', 'South lane', rect(29, 85, 362, 6)),
  zone('side-gate-road', 'road', '侧门车道', 'Side gate road', rect(391, 192, 19, 12)),
  zone('entrance-plaza', 'public', '入口广场', 'Entrance plaza', rect(182, 29, 56, 18)),
  zone('playground', 'public', '儿童乐园', 'Playground', rect(120, 165, 28, 24)),
  zone('lake', 'water', '翠湖', 'Emerald Lake', pond(212, 150, 58, 30, [1, 1.05, 0.95, 0.9, 1, 1.08, 1.04, 0.96, 0.92, 1, 1.06, 1.02, 0.97, 0.9, 0.98, 1.04])),
  zone('main-gate', 'gate', '正门', 'Main gate', rect(188, 4, 44, 14)),
  zone('side-gate', 'gate', '侧门', 'Side gate', rect(404, 188, 12, 20)),
  zone('garage-entrance', 'garage', '地库出入口', 'Garage entrance', rect(168, 50, 28, 16)),
  zone('clubhouse', 'building', '会所', 'Clubhouse', rect(250, 42, 50, 28)),
  zone('plant-room', 'plant_room', '设备房', 'Plant room', rect(330, 45, 30, 18)),
  zone('substation', 'restricted', '变配电室', 'Substation', rect(368, 45, 18, 18)),
  ...BUILDINGS.map(({ no, x, y }) =>
    zone(buildingId(no), 'building', `${no}号楼`, `Building ${no}`, rect(x, y, BUILDING_WIDTH, BUILDING_DEPTH)),
  ),
];

const garageZones: Zone[] = [
  zone(
    'garage',
    'garage',
    '地下车库',
    'Underground garage',
    polygon([
      [40, 40],
      [196, 40],
      [196, 95],
      [380, 95],
      [380, 255],
      [40, 255],
    ]),
    -1,
  ),
  zone('garage-ramp', 'road', '车库坡道', 'Garage ramp', rect(170, 40, 24, 58), -1),
  zone('garage-aisle-main', 'road', '车库主通道', 'Garage main aisle', rect(40, 170, 340, 9), -1),
  zone('garage-aisle-west', 'road', '车库西通道', 'Garage west aisle', rect(100, 95, 9, 160), -1),
  zone('garage-aisle-east', 'road', '车库东通道', 'Garage east aisle', rect(300, 95, 9, 160), -1),
  zone('garage-link', 'road', '车库连接通道', 'Garage link aisle', rect(100, 95, 209, 9), -1),
  zone('pump-room', 'plant_room', '水泵房', 'Pump room', rect(340, 100, 35, 25), -1),
  // Each tower's lift lobby in the basement, under its lift core.
  ...BUILDINGS.map(({ no, x, y }) =>
    zone(`${buildingId(no)}-b1`, 'building', `${no}号楼电梯厅`, `Building ${no} lift lobby`, rect(x + BUILDING_WIDTH - 10, y + 3, 10, 8), -1),
  ),
];

const cameras: Device[] = [
  device('cam-01', 'camera', '正门入口摄像机', 'Main gate entry camera', [199, 15], 'main-gate'),
  device('cam-02', 'camera', '正门出口摄像机', 'Main gate exit camera', [222, 15], 'main-gate'),
  device('cam-03', 'camera', '侧门摄像机', 'Side gate camera', [407, 205], 'side-gate'),
  device('cam-04', 'camera', '西南角摄像机', 'South-west corner camera', [12, 12], 'south-perimeter-w'),
  device('cam-05', 'camera', '东南角摄像机', 'South-east corner camera', [408, 12], 'south-perimeter-e'),
  device('cam-06', 'camera', '东北角摄像机', 'North-east corner camera', [389, 270], 'east-perimeter-n'),
  device('cam-07', 'camera', '西北角摄像机', 'North-west corner camera', [12, 288], 'west-perimeter-n'),
  device('cam-08', 'camera', '北围墙摄像机', 'North wall camera', [280, 288], 'north-perimeter-e'),
  device('cam-09', 'camera', '西围墙摄像机', 'West wall camera', [12, 100], 'west-perimeter-s'),
  device('cam-10', 'camera', '东围墙摄像机', 'East wall camera', [408, 100], 'east-perimeter-s'),
  device('cam-11', 'camera', '南围墙摄像机', 'South wall camera', [100, 12], 'south-perimeter-w'),
  device('cam-12', 'camera', '1号楼大堂摄像机', 'Building 1 lobby camera', [51, 237], 'building-01'),
  device('cam-13', 'camera', '3号楼大堂摄像机', 'Building 3 lobby camera', [251, 237], 'building-03'),
  device('cam-14', 'camera', '7号楼大堂摄像机', 'Building 7 lobby camera', [341, 162], 'building-07'),
  device('cam-15', 'camera', '10号楼大堂摄像机', 'Building 10 lobby camera', [116, 52], 'building-10'),
  device('cam-16', 'camera', '会所大厅摄像机', 'Clubhouse hall camera', [275, 58], 'clubhouse'),
  device('cam-17', 'camera', '湖边摄像机', 'Lakeside camera', [212, 112], 'central-park'),
  device('cam-18', 'camera', '地库出入口摄像机', 'Garage entrance camera', [172, 63], 'garage-entrance'),
  device('cam-19', 'camera', '车库A区摄像机', 'Garage zone A camera', [70, 175], 'garage', -1),
  device('cam-20', 'camera', '车库B区摄像机', 'Garage zone B camera', [340, 175], 'garage', -1),
  device('cam-21', 'camera', '车库坡道摄像机', 'Garage ramp camera', [182, 90], 'garage-ramp', -1),
  device('cam-22', 'camera', '水泵房摄像机', 'Pump room camera', [372, 122], 'pump-room', -1),
];

/** One infrared beam pair (红外对射) per perimeter segment. */
const beams: Device[] = [
  device('beam-s1', 'perimeter_beam', '南侧西段红外对射', 'South-west beam', [60, 10], 'south-perimeter-w'),
  device('beam-s2', 'perimeter_beam', '南侧东段红外对射', 'South-east beam', [320, 10], 'south-perimeter-e'),
  device('beam-e1', 'perimeter_beam', '东侧南段红外对射', 'East-south beam', [410, 140], 'east-perimeter-s'),
  device('beam-e2', 'perimeter_beam', '东侧北段红外对射', 'East-north beam', [410, 232], 'east-perimeter-n'),
  device('beam-n1', 'perimeter_beam', '北侧东段红外对射', 'North-east beam', [320, 290], 'north-perimeter-e'),
  device('beam-n2', 'perimeter_beam', '北侧西段红外对射', 'North-west beam', [100, 290], 'north-perimeter-w'),
  device('beam-w1', 'perimeter_beam', '西侧北段红外对射', 'West-north beam', [10, 220], 'west-perimeter-n'),
  device('beam-w2', 'perimeter_beam', '西侧南段红外对射', 'West-south beam', [10, 55], 'west-perimeter-s'),
];

/** Vibration fibre (振动光纤) on the long walls; the point is where its zone controller sits. */
const fibres: Device[] = [
  device('fibre-n', 'vibration_fibre', '北围墙振动光纤', 'North wall vibration fibre', [150, 290], 'north-perimeter-w'),
  device('fibre-e', 'vibration_fibre', '东围墙振动光纤', 'East wall vibration fibre', [410, 60], 'east-perimeter-s'),
  device('fibre-s', 'vibration_fibre', '南围墙振动光纤', 'South wall vibration fibre', [370, 10], 'south-perimeter-e'),
  device('fibre-w', 'vibration_fibre', '西围墙振动光纤', 'West wall vibration fibre', [10, 260], 'west-perimeter-n'),
];

const buildingDevices: Device[] = BUILDINGS.flatMap(({ no, x, y }) => {
  const index = String(no).padStart(2, '0');
  return [
    device(`door-b${index}`, 'door', `${no}号楼大堂门禁`, `Building ${no} lobby door`, [x + BUILDING_WIDTH / 2, y], buildingId(no)),
    device(`lift-b${index}`, 'elevator', `${no}号楼电梯`, `Building ${no} lift`, [x + BUILDING_WIDTH - 3, y + BUILDING_DEPTH / 2], buildingId(no)),
  ];
});

const clubhouseAndPlant: Device[] = [
  device('door-club', 'door', '会所门禁', 'Clubhouse door', [262, 42], 'clubhouse'),
  device('door-plant', 'door', '设备房门禁', 'Plant room door', [345, 45], 'plant-room'),
  device('door-substation', 'door', '变配电室门禁', 'Substation door', [377, 45], 'substation'),
  device('smoke-01', 'smoke_detector', '会所大厅烟感', 'Clubhouse hall smoke detector', [260, 63], 'clubhouse'),
  device('smoke-02', 'smoke_detector', '会所活动室烟感', 'Clubhouse function room smoke detector', [290, 63], 'clubhouse'),
  device('smoke-03', 'smoke_detector', '会所前台烟感', 'Clubhouse reception smoke detector', [277, 49], 'clubhouse'),
  device('smoke-04', 'smoke_detector', '设备房烟感1', 'Plant room smoke detector 1', [337, 56], 'plant-room'),
  device('smoke-05', 'smoke_detector', '设备房烟感2', 'Plant room smoke detector 2', [353, 56], 'plant-room'),
  device('smoke-06', 'smoke_detector', '变配电室烟感', 'Substation smoke detector', [377, 57], 'substation'),
  device('heat-01', 'heat_detector', '会所厨房温感', 'Clubhouse kitchen heat detector', [294, 48], 'clubhouse'),
  device('mcp-01', 'call_point', '会所手动报警按钮1', 'Clubhouse call point 1', [252, 50], 'clubhouse'),
  device('mcp-02', 'call_point', '会所手动报警按钮2', 'Clubhouse call point 2', [298, 66], 'clubhouse'),
  device('mcp-03', 'call_point', '设备房手动报警按钮', 'Plant room call point', [358, 50], 'plant-room'),
  device('fire-panel', 'fire_panel', '消防报警主机', 'Fire alarm panel', [254, 66], 'clubhouse'),
  device('aed-01', 'aed', '会所AED', 'Clubhouse AED', [268, 46], 'clubhouse'),
  device('supplies-01', 'supplies', '应急物资柜', 'Emergency supplies cabinet', [326, 60], 'grounds'),
];

const gateDevices: Device[] = [
  device('panic-main', 'panic_button', '正门岗亭紧急按钮', 'Main gate panic button', [192, 8], 'main-gate'),
  device('panic-side', 'panic_button', '侧门岗亭紧急按钮', 'Side gate panic button', [413, 192], 'side-gate'),
  device('barrier-main', 'gate_barrier', '正门道闸', 'Main gate barrier', [210, 16], 'main-gate'),
  device('barrier-garage', 'gate_barrier', '地库道闸', 'Garage barrier', [190, 58], 'garage-entrance'),
  device('spk-01', 'speaker', '入口广场广播', 'Entrance plaza speaker', [228, 40], 'entrance-plaza'),
  device('spk-02', 'speaker', '中心花园广播', 'Central garden speaker', [140, 150], 'central-park'),
];

const patrolCheckpoints: Device[] = [
  device('cp-01', 'checkpoint', '西南巡更点', 'South-west checkpoint', [26, 26], 'ring-road'),
  device('cp-02', 'checkpoint', '东南巡更点', 'South-east checkpoint', [394, 26], 'ring-road'),
  device('cp-03', 'checkpoint', '东北巡更点', 'North-east checkpoint', [376, 266], 'ring-road'),
  device('cp-04', 'checkpoint', '西北巡更点', 'North-west checkpoint', [26, 274], 'ring-road'),
];

/** Water sensors (水浸) where a garage floods first: the ramp foot, the low corners, the pump room. */
const waterSensors: Device[] = [
  device('water-01', 'water_sensor', '地库出入口水浸', 'Garage entrance water sensor', [180, 53], 'garage-entrance'),
  device('water-02', 'water_sensor', '坡道底部水浸', 'Ramp foot water sensor', [182, 97], 'garage', -1),
  device('water-03', 'water_sensor', '车库西南角水浸', 'Garage south-west water sensor', [48, 48], 'garage', -1),
  device('water-04', 'water_sensor', '车库东北角水浸', 'Garage north-east water sensor', [372, 248], 'garage', -1),
  device('water-05', 'water_sensor', '水泵房水浸', 'Pump room water sensor', [350, 106], 'pump-room', -1),
];

/** Cameras that watch a device (its alarms bring them up first); other devices get the nearest. */
const LINKED_CAMERAS: Record<string, string[]> = {
  'beam-s1': ['cam-11', 'cam-04'],
  'beam-s2': ['cam-05'],
  'beam-e1': ['cam-10', 'cam-05'],
  'beam-e2': ['cam-06', 'cam-03'],
  'beam-n1': ['cam-08', 'cam-06'],
  'beam-n2': ['cam-07', 'cam-08'],
  'beam-w1': ['cam-07', 'cam-09'],
  'beam-w2': ['cam-09', 'cam-04'],
  'panic-main': ['cam-01', 'cam-02'],
  'panic-side': ['cam-03'],
  'barrier-main': ['cam-01', 'cam-02'],
  'barrier-garage': ['cam-18', 'cam-21'],
  'door-b01': ['cam-12'],
  'door-b03': ['cam-13'],
  'door-b07': ['cam-14'],
  'door-b10': ['cam-15'],
  'door-club': ['cam-16'],
  'fire-panel': ['cam-16'],
  'water-02': ['cam-21'],
  'water-05': ['cam-22'],
};

function withLinks(devices: Device[]): Device[] {
  return devices.map((device) => {
    const links = LINKED_CAMERAS[device.id.replace(/^demo-/, '')];
    return links ? { ...device, linkedCameraIds: links.map((id) => `demo-${id}`) } : device;
  });
}

export const demoSite: Site = {
  id: SITE_ID,
  name: '翠湖花园',
  nameEn: 'Emerald Lake Gardens',
  plan: { width: 420, height: 300 },
  // West of Hangzhou: plan (0,0) at the south-west corner, x east, y north.
  anchor: {
    controlPoints: [
      { plan: [0, 0], lat: 30.2741, lon: 120.1551 },
      { plan: [420, 0], lat: 30.2741, lon: 120.159474 },
      { plan: [0, 300], lat: 30.276798, lon: 120.1551 },
      { plan: [420, 300], lat: 30.276798, lon: 120.159474 },
    ],
  },
  backdrop: null,
  floors: [
    { level: 0, name: '地面', nameEn: 'Ground' },
    { level: -1, name: '地下车库', nameEn: 'Underground garage' },
  ],
  zones: [...perimeterZones, ...groundZones, ...garageZones],
  devices: withLinks([
    ...cameras,
    ...beams,
    ...fibres,
    ...buildingDevices,
    ...clubhouseAndPlant,
    ...gateDevices,
    ...patrolCheckpoints,
    ...waterSensors,
  ]),
};
