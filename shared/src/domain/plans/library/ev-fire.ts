import type { PlanTemplateInput } from '../../../schemas/plan.schemas.js';
import { bi, call, camerasStep, confirm, dispatch, nearestGuardsStep, reportStep, yesNo } from './steps.js';

/** 电动车充电起火: a fire, smoke or heat alarm in a garage (where the charging points are). */
export const EV_FIRE_PLAN: PlanTemplateInput = {
  id: 'ev-fire',
  incidentType: 'ev_fire',
  level: 1,
  name: bi('电动车充电起火应急预案', 'EV charging fire'),
  summary: bi(
    '车库或充电区火警、烟感、温感报警时启动。锂电池起火易复燃、爆燃并产生有毒烟气：先断电，报119，扩大警戒，持续冷却。',
    'Starts on a fire, smoke or heat alarm in a garage or charging area. Lithium batteries reignite, flare and give off toxic smoke: cut the power, call 119, cordon widely and keep cooling.',
  ),
  activation: [{ alarmKinds: ['fire', 'smoke', 'heat'], zoneKinds: ['garage'], zoneIds: [], maxPriority: null }],
  roles: ['commander', 'operator', 'responder', 'engineering'],
  steps: [
    camerasStep(),
    yesNo({
      id: 'assess',
      role: 'operator',
      title: bi('是否有冒烟或明火？', 'Is there smoke or fire?'),
      detail: bi('调看充电区画面，确认起火车辆或充电桩位置、烟雾颜色和火势。', 'Check the charging-area cameras: which vehicle or charger, the colour of the smoke, how large the fire is.'),
      due: 60,
      warn: 45,
      required: true,
      next: { yes: 'cut_charging', no: 'false_alarm' },
    }),
    confirm({
      id: 'cut_charging',
      role: 'responder',
      title: bi('切断充电区电源', 'Cut power to the charging area'),
      detail: bi('就近秩序员或工程人员立即断开充电区总电源，不得带电扑救。', 'The nearest guard or engineer switches off the charging area at once; never fight it live.'),
      due: 120,
      warn: 90,
      required: true,
    }),
    call('fire_119', {
      id: 'call_119',
      role: 'commander',
      title: bi('拨打119报警', 'Call the fire brigade (119)'),
      detail: bi('说明是电动车电池起火、所在车库及入口位置、周边车辆情况。', 'Say it is an e-bike or EV battery fire, which garage and which entrance, and what is parked around it.'),
      due: 120,
      warn: 90,
      required: true,
    }),
    nearestGuardsStep(120, 90),
    dispatch(2, {
      id: 'dispatch',
      role: 'commander',
      title: bi('派遣2名秩序员携灭火器到场', 'Send 2 guards with extinguishers'),
      due: 180,
      warn: 120,
      required: true,
    }),
    confirm({
      id: 'evacuate',
      role: 'responder',
      title: bi('疏散人员车辆，扩大警戒', 'Evacuate and cordon off widely'),
      detail: bi(
        '疏散车库内人员，禁止车辆驶入；警戒范围不小于10米，能安全移动的相邻电动车移离火点。',
        'Clear people out of the garage and stop cars coming in; cordon at least 10 m around, and move neighbouring e-bikes away if it is safe.',
      ),
      due: 300,
      warn: 240,
      required: true,
    }),
    confirm({
      id: 'first_fire',
      role: 'responder',
      title: bi('压制明火，持续喷水冷却', 'Knock down the flames and keep cooling'),
      detail: bi(
        '用灭火器压制明火后，用消火栓持续喷水冷却电池直至消防到场；保持上风向，不得近距离翻动起火车辆。',
        'Knock the flames down with extinguishers, then keep cooling the battery with the hydrant until the brigade arrives; stay upwind and never handle the burning vehicle.',
      ),
      due: 360,
      warn: 240,
    }),
    call('property_manager', {
      id: 'notify_manager',
      role: 'commander',
      title: bi('报告物业负责人', 'Inform the property manager'),
      due: 600,
      warn: 420,
      next: { done: 'report' },
    }),
    confirm({
      id: 'false_alarm',
      role: 'operator',
      title: bi('误报：复位并记录原因', 'False alarm: reset and record the cause'),
      detail: bi('确认无冒烟起火后复位报警，检查充电桩运行是否异常，记录原因。', 'Once no smoke or fire is confirmed, reset the alarm, check the chargers for faults and record the cause.'),
      due: 300,
      warn: 180,
      required: true,
    }),
    reportStep(
      bi(
        '记录起火车辆、车主、充电桩编号、处置经过和损失；排查飞线充电和违规停放，报物业负责人。',
        'Record the vehicle and its owner, the charger number, what was done and the damage; check for illegal charging cables and parking, and report to the property manager.',
      ),
    ),
  ],
};
