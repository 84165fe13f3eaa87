/**
 * The four drill scenarios Vigil ships for the demo site (翠湖花园), written as a trainer would
 * write them: what happens when, the plan the team should run, and the times it is measured
 * against. They name the demo site's own devices, zones and guards (demo-site.ts,
 * demo-guards.ts) and are checked against them by a test.
 */

const FORMAT = { format: 'vigil-drill-scenario', version: 1, siteId: 'demo' } as const;

/** 夜间地库电动车充电起火: smoke then heat in the garage's charging bays, one guard walks down. */
const evFireGarageNight = {
  ...FORMAT,
  id: 'ev-fire-garage-night',
  mode: 'live',
  name: { zh: '夜间地库电动车充电起火', en: 'EV charging fire in the garage at night' },
  summary: {
    zh: '凌晨2时，地下车库B区充电车位烟感报警，40秒后温感报警。考核：确认火情、断电、报119、派遣两人携灭火器到场、疏散警戒。',
    en: 'At 2 a.m. a smoke detector in the garage charging bays (zone B) goes off, then a heat detector 40 s later. Measured: confirming the fire, cutting the power, calling 119, sending two guards with extinguishers, evacuating and cordoning off.',
  },
  planId: 'ev-fire',
  targets: { acknowledge: 60, planStart: 120, dispatch: 180, arrive: 420, finish: 1_800 },
  injects: [
    {
      id: 'smoke',
      atSec: 0,
      kind: 'alarm',
      alarm: { zoneId: 'demo-z-garage', kind: 'smoke', priority: 1, message: { zh: '地库B区充电车位烟感报警', en: 'Smoke detector, garage zone B charging bays' } },
    },
    {
      id: 'heat',
      atSec: 40,
      kind: 'alarm',
      alarm: { zoneId: 'demo-z-garage', kind: 'heat', priority: 1, message: { zh: '地库B区充电车位温感报警', en: 'Heat detector, garage zone B charging bays' } },
    },
    { id: 'camera-smoke', atSec: 90, kind: 'device_state', deviceId: 'demo-cam-20', status: 'fault' },
    { id: 'first-guard', atSec: 60, kind: 'guard_walk', guardId: 'demo-guard-a1', floor: -1, path: [[182, 97], [182, 175], [330, 175]], speedMps: 2 },
    { id: 'ask-power', atSec: 150, kind: 'note', text: { zh: '若尚未断电，询问指挥：充电区电源由谁切断？', en: 'If the power is still on, ask the commander who is cutting the charging area’s supply.' } },
    { id: 'camera-lost', atSec: 95, kind: 'note', text: { zh: 'B区摄像机被烟雾遮挡：观察指挥是否改派人员现场确认。', en: 'Smoke hides the zone B camera: see whether the commander sends someone to look instead.' } },
  ],
};

/** 北侧围界入侵: a beam, then the fibre further along, someone going over the north fence. */
const perimeterNorth = {
  ...FORMAT,
  id: 'perimeter-north',
  mode: 'live',
  name: { zh: '北侧围界入侵', en: 'Perimeter intrusion on the north fence' },
  summary: {
    zh: '夜间北侧东段红外对射报警，25秒后北围墙振动光纤报警，疑有人翻越围墙。考核：调看画面确认、派遣就近秩序员、两路包抄、报110。',
    en: 'At night the north-east beam breaks, then the north wall fibre 25 s later: someone is going over the fence. Measured: checking the cameras, sending the nearest guards from two sides, calling 110.',
  },
  planId: 'intrusion',
  targets: { acknowledge: 30, planStart: 90, dispatch: 120, arrive: 300, finish: 1_200 },
  injects: [
    {
      id: 'beam',
      atSec: 0,
      kind: 'alarm',
      alarm: { deviceId: 'demo-beam-n1', kind: 'intrusion', priority: 2, message: { zh: '北侧东段红外对射报警', en: 'North-east beam broken' } },
    },
    {
      id: 'fibre',
      atSec: 25,
      kind: 'alarm',
      alarm: { deviceId: 'demo-fibre-n', kind: 'vibration', priority: 2, message: { zh: '北围墙振动光纤报警', en: 'North wall vibration fibre' } },
    },
    { id: 'stand-in', atSec: 40, kind: 'guard_walk', guardId: 'demo-guard-b1', floor: 0, path: [[210, 98], [210, 208], [320, 208], [320, 280]], speedMps: 2.5 },
    { id: 'suspect-seen', atSec: 120, kind: 'note', text: { zh: '告知现场：一名黑衣男子向中心花园方向逃离。', en: 'Tell the responders: a man in black is running towards the central garden.' } },
  ],
};

/** 电梯困人伴突发疾病: a lift stops between floors, and one of the people in it is taken ill. */
const elevatorMedical = {
  ...FORMAT,
  id: 'elevator-medical',
  mode: 'live',
  name: { zh: '电梯困人伴突发疾病', en: 'Elevator entrapment with a medical emergency' },
  summary: {
    zh: '3号楼电梯困人报警，对讲中被困老人诉胸闷。考核：安抚被困人员、通知维保、派人携AED到场、报120、救出后交接。',
    en: 'The lift in building 3 reports people trapped; on the intercom an elderly passenger says his chest is tight. Measured: reassuring them, calling the lift company, sending a guard with the AED, calling 120, handing over once they are out.',
  },
  planId: 'elevator-entrapment',
  targets: { acknowledge: 60, planStart: 120, dispatch: 180, arrive: 300, finish: 2_400 },
  injects: [
    {
      id: 'trapped',
      atSec: 0,
      kind: 'alarm',
      alarm: { deviceId: 'demo-lift-b03', kind: 'elevator_entrapment', priority: 2, message: { zh: '3号楼电梯困人报警', en: 'Building 3 lift: people trapped' } },
    },
    {
      id: 'taken-ill',
      atSec: 90,
      kind: 'alarm',
      alarm: { deviceId: 'demo-lift-b03', kind: 'panic', priority: 1, message: { zh: '3号楼电梯内乘客诉胸闷（对讲）', en: 'Building 3 lift: a passenger says his chest is tight (intercom)' } },
    },
    { id: 'aed-walk', atSec: 100, kind: 'guard_walk', guardId: 'demo-guard-a2', floor: 0, path: [[268, 46], [268, 98], [282, 228]], speedMps: 2.5 },
    { id: 'intercom', atSec: 30, kind: 'note', text: { zh: '扮演被困者：“我们四个人，有位老人家。”', en: 'Play the trapped passengers: “There are four of us, one of them is elderly.”' } },
  ],
};

/** 暴雨地库进水并停电: water at the ramp foot, then the corners, then the substation trips. */
const basementFloodPowerCut = {
  ...FORMAT,
  id: 'basement-flood-power-cut',
  mode: 'live',
  name: { zh: '暴雨地库进水并停电', en: 'Basement flooding in a rainstorm, with a power cut' },
  summary: {
    zh: '暴雨中坡道底部水浸报警，2分钟后车库西南角水浸，5分钟后变配电室停电，车库摄像机离线。考核：挡水、启动水泵、疏导车辆、停电后应急照明与人员清查。',
    en: 'In a rainstorm the ramp-foot water sensor goes off, the south-west corner 2 minutes later, and 5 minutes in the substation trips and the garage cameras go dark. Measured: blocking the water, starting the pumps, moving cars out, emergency lighting and a sweep for people once the power is off.',
  },
  planId: 'flooding',
  targets: { acknowledge: 60, planStart: 120, dispatch: 240, arrive: 480, finish: 3_600 },
  injects: [
    {
      id: 'ramp-water',
      atSec: 0,
      kind: 'alarm',
      alarm: { deviceId: 'demo-water-02', kind: 'water_leak', priority: 2, message: { zh: '坡道底部水浸报警', en: 'Water at the ramp foot' } },
    },
    {
      id: 'corner-water',
      atSec: 120,
      kind: 'alarm',
      alarm: { deviceId: 'demo-water-03', kind: 'water_leak', priority: 2, message: { zh: '车库西南角水浸报警', en: 'Water in the garage’s south-west corner' } },
    },
    {
      id: 'power-cut',
      atSec: 300,
      kind: 'alarm',
      alarm: { zoneId: 'demo-z-substation', kind: 'power_failure', priority: 1, message: { zh: '变配电室跳闸停电', en: 'Substation tripped: power cut' } },
    },
    { id: 'ramp-camera-dark', atSec: 305, kind: 'device_state', deviceId: 'demo-cam-21', status: 'offline' },
    { id: 'pump-camera-dark', atSec: 310, kind: 'device_state', deviceId: 'demo-cam-22', status: 'offline' },
    { id: 'sandbags', atSec: 60, kind: 'guard_walk', guardId: 'demo-guard-b2', floor: 0, path: [[326, 60], [250, 60], [182, 58]], speedMps: 1.5 },
    { id: 'car-owner', atSec: 200, kind: 'note', text: { zh: '扮演业主来电：“我的车还在B区，能不能开出来？”', en: 'Play a resident calling: “My car is still in zone B, can I drive it out?”' } },
  ],
};

/** As a trainer would import them: each goes through `parseDrillScenario` before use. */
export const DEMO_DRILL_SCENARIOS: readonly unknown[] = [evFireGarageNight, perimeterNorth, elevatorMedical, basementFloodPowerCut];
