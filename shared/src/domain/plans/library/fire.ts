import type { PlanTemplateInput } from '../../../schemas/plan.schemas.js';
import { bi, call, camerasStep, confirm, dispatch, nearestGuardsStep, reportStep, yesNo } from './steps.js';

/** 火灾: a fire alarm, smoke or heat detector anywhere on site. */
export const FIRE_PLAN: PlanTemplateInput = {
  id: 'fire',
  incidentType: 'fire',
  level: 1,
  name: bi('火灾应急预案', 'Fire'),
  summary: bi(
    '火灾报警控制器、感烟或感温探测器报警时启动。先核实火情，真实火情立即报119、派人到场、疏散人员并扑救初期火灾；误报则复位并记录原因。',
    'Starts on a fire panel, smoke or heat alarm. Verify first; for a real fire call 119, send guards, evacuate and fight the fire while it is small. A false alarm is reset and its cause recorded.',
  ),
  activation: [{ alarmKinds: ['fire', 'smoke', 'heat'], zoneKinds: [], zoneIds: [], maxPriority: null }],
  roles: ['commander', 'operator', 'responder', 'engineering'],
  steps: [
    camerasStep(),
    yesNo({
      id: 'assess',
      role: 'operator',
      title: bi('是否为真实火情？', 'Is it a real fire?'),
      detail: bi(
        '调看联动画面，通知最近的秩序员到场核实：确认火情位置与规模（烟雾、明火、蔓延方向），有无人员被困。',
        'Check the linked cameras and have the nearest guard verify on site: where the fire is and how large (smoke, flames, which way it spreads), and whether anyone is trapped.',
      ),
      due: 60,
      warn: 45,
      required: true,
      next: { yes: 'call_119', no: 'false_alarm' },
    }),
    call('fire_119', {
      id: 'call_119',
      role: 'commander',
      title: bi('拨打119报警', 'Call the fire brigade (119)'),
      detail: bi(
        '报告小区名称和详细地址、起火楼栋及楼层、燃烧物、火势大小、有无人员被困，留下回拨电话。',
        'Give the site name and address, the building and floor, what is burning, how large the fire is and whether anyone is trapped; leave a call-back number.',
      ),
      due: 120,
      warn: 90,
      required: true,
    }),
    nearestGuardsStep(120, 90),
    dispatch(2, {
      id: 'dispatch',
      role: 'commander',
      title: bi('派遣2名秩序员携灭火器到场', 'Send 2 guards with extinguishers'),
      detail: bi('就近取用灭火器，保持对讲畅通，到场后立即向监控中心报告现场情况。', 'They take the nearest extinguishers, keep the radio open and report to the control room on arrival.'),
      due: 180,
      warn: 120,
      required: true,
    }),
    confirm({
      id: 'evacuate',
      role: 'responder',
      title: bi('疏散人员，设置警戒', 'Evacuate and cordon off'),
      detail: bi(
        '组织着火层及上下相邻楼层人员经疏散楼梯撤离，严禁乘坐电梯；划定警戒区，阻止无关人员进入。',
        'Lead people on the fire floor and the floors above and below out by the stairs, never the lifts; cordon off the area and keep everyone else out.',
      ),
      due: 300,
      warn: 240,
      required: true,
    }),
    confirm({
      id: 'first_fire',
      role: 'responder',
      title: bi('扑救初期火灾', 'Fight the fire while it is small'),
      detail: bi(
        '在确保自身安全的前提下，使用灭火器、室内消火栓扑救初期火灾；火势无法控制时立即撤离。',
        'Only if it is safe: use extinguishers and the indoor hydrant while the fire is small; get out at once if it grows beyond control.',
      ),
      due: 300,
      warn: 180,
    }),
    confirm({
      id: 'power_off',
      role: 'engineering',
      title: bi('切断非消防电源，确认消防设施启动', 'Cut non-emergency power; check the fire systems run'),
      detail: bi(
        '工程部切断着火区域非消防电源和燃气，确认消防水泵、排烟风机、应急照明和消防广播已启动。',
        'Engineering cuts non-emergency power and gas to the fire area and checks that the fire pumps, smoke extraction, emergency lighting and PA are running.',
      ),
      due: 420,
      warn: 300,
    }),
    confirm({
      id: 'guide_brigade',
      role: 'responder',
      title: bi('清通消防通道，引导消防车', 'Clear the fire lane; guide the fire engines'),
      detail: bi(
        '派人到小区入口和路口接应消防车，清理占用消防通道的车辆和杂物，向到场消防员报告火场情况。',
        'Meet the fire engines at the gate and the junction, clear cars and clutter from the fire lane, and brief the firefighters when they arrive.',
      ),
      due: 600,
      warn: 420,
    }),
    call('property_manager', {
      id: 'notify_manager',
      role: 'commander',
      title: bi('报告物业负责人', 'Inform the property manager'),
      detail: bi('报告火情、已采取的措施和需要的支援；需要时由客服向业主发布通知。', 'Report the fire, what has been done and what support is needed; Customer Service informs residents if needed.'),
      due: 600,
      warn: 420,
      next: { done: 'report' },
    }),
    confirm({
      id: 'false_alarm',
      role: 'operator',
      title: bi('误报：复位并记录原因', 'False alarm: reset and record the cause'),
      detail: bi(
        '秩序员确认无火情后复位火灾报警控制器，记录误报原因（油烟、水汽、施工粉尘、探测器故障）；探测器故障报工程部维修。',
        'Once the guard confirms there is no fire, reset the fire panel and record the cause (cooking fumes, steam, building dust, a faulty detector); report a faulty detector to Engineering.',
      ),
      due: 300,
      warn: 180,
      required: true,
    }),
    reportStep(
      bi(
        '记录报警时间、位置、起火原因、处置经过、人员伤亡和财产损失，形成事件报告上报物业负责人；保护好现场，配合消防调查。',
        'Record when and where, the cause, what was done, injuries and damage, and send the incident report to the property manager; keep the scene for the fire investigators.',
      ),
    ),
  ],
};
