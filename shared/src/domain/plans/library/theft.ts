import type { PlanTemplateInput } from '../../../schemas/plan.schemas.js';
import { bi, call, camerasStep, confirm, dispatch, nearestGuardsStep, reportStep, yesNo } from './steps.js';

/** 盗窃: a door forced or a vibration inside, or someone loitering in the garage. */
export const THEFT_PLAN: PlanTemplateInput = {
  id: 'theft',
  incidentType: 'theft',
  level: 2,
  name: bi('盗窃应急预案', 'Theft or burglary'),
  summary: bi(
    '楼栋、车库、设备房门被强行打开或振动报警，或车库内有人徘徊时启动。核实后封控出入口、报110、保护现场并保存录像。',
    'Starts when a door in a building, garage or plant room is forced or a vibration sensor trips, or someone loiters in the garage. Once verified: close the exits, call 110, keep the scene and the video.',
  ),
  activation: [
    { alarmKinds: ['door_forced', 'vibration'], zoneKinds: ['building', 'garage', 'plant_room'], zoneIds: [], maxPriority: null },
    { alarmKinds: ['loitering'], zoneKinds: ['garage'], zoneIds: [], maxPriority: null },
  ],
  roles: ['commander', 'operator', 'responder', 'customer_service'],
  steps: [
    camerasStep(),
    yesNo({
      id: 'assess',
      role: 'operator',
      title: bi('是否有可疑人员或被盗迹象？', 'Is there a suspect or a sign of theft?'),
      detail: bi(
        '回放报警前后录像，查看门体、锁具有无破坏，确认嫌疑人人数、衣着特征和去向。',
        'Play back the video around the alarm, look for damage to the door or lock, and note how many suspects, what they wear and where they went.',
      ),
      due: 120,
      warn: 90,
      required: true,
      next: { yes: 'guards', no: 'false_alarm' },
    }),
    nearestGuardsStep(150, 120),
    dispatch(2, {
      id: 'dispatch',
      role: 'commander',
      title: bi('派遣2名秩序员到场', 'Send 2 guards'),
      detail: bi('一人到现场，一人守住就近出入口；保持对讲联系，不单独与嫌疑人正面冲突。', 'One goes to the scene, one holds the nearest exit; keep in radio contact and never take on a suspect alone.'),
      due: 180,
      warn: 120,
      required: true,
    }),
    confirm({
      id: 'seal_exits',
      role: 'operator',
      title: bi('封控出入口，跟踪嫌疑人', 'Close the exits; track the suspect'),
      detail: bi(
        '通知各门岗加强盘查，车库道闸暂停放行可疑车辆；切换摄像机持续跟踪嫌疑人去向并通报到场人员。',
        'Tell every gate to check people leaving and hold suspicious cars at the barrier; follow the suspect from camera to camera and tell the guards where they are.',
      ),
      due: 300,
      warn: 180,
    }),
    call('police_110', {
      id: 'call_110',
      role: 'commander',
      title: bi('拨打110报警', 'Call the police (110)'),
      detail: bi('说明地址、被盗部位、损失情况以及嫌疑人特征和去向。', 'Give the address, what was broken into, what is missing, and what the suspects look like and where they went.'),
      due: 300,
      warn: 240,
      required: true,
    }),
    confirm({
      id: 'protect_scene',
      role: 'responder',
      title: bi('保护现场', 'Keep the scene'),
      detail: bi('划定警戒区，禁止无关人员进入或触碰现场物品，等候警方勘查。', 'Cordon it off; nobody goes in or touches anything until the police have examined it.'),
      due: 600,
      warn: 420,
      required: true,
    }),
    call('customer_service', {
      id: 'notify_owner',
      role: 'commander',
      title: bi('通知客服联系失主', 'Have Customer Service contact the owner'),
      due: 900,
      warn: 600,
    }),
    confirm({
      id: 'save_video',
      role: 'operator',
      title: bi('导出并保存录像', 'Export and keep the video'),
      detail: bi('导出报警前后至少30分钟的相关录像并备份，交警方调查使用。', 'Export at least 30 minutes of video around the alarm from every camera involved, back it up and hand it to the police.'),
      due: 1800,
      warn: 1200,
      next: { done: 'report' },
    }),
    confirm({
      id: 'false_alarm',
      role: 'operator',
      title: bi('误报：复位并记录原因', 'False alarm: reset and record the cause'),
      detail: bi('确认门体完好、无人员进出后复位报警，记录原因（门未关好、设备故障等）。', 'Once the door is intact and nobody went through, reset the alarm and record the cause (door left ajar, faulty contact, …).'),
      due: 600,
      warn: 300,
      required: true,
    }),
    reportStep(
      bi('记录报警时间、部位、损失、嫌疑人特征、报警回执和处置经过，报物业负责人。', 'Record the time, place, losses, the suspects, the police reference and what was done; report to the property manager.'),
    ),
  ],
};
