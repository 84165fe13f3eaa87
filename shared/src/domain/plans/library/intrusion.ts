import type { PlanTemplateInput } from '../../../schemas/plan.schemas.js';
import { bi, call, camerasStep, choice, confirm, dispatch, nearestGuardsStep, option, reportStep, yesNo } from './steps.js';

/** 可疑人员/周界入侵: a perimeter beam, fence vibration or forced gate; loitering at the fence. */
export const INTRUSION_PLAN: PlanTemplateInput = {
  id: 'intrusion',
  incidentType: 'intrusion',
  level: 2,
  name: bi('可疑人员及周界入侵应急预案', 'Suspicious person or perimeter intrusion'),
  summary: bi(
    '周界红外对射、振动光纤、大门报警，或围墙、禁区内有人徘徊时启动；其他区域的徘徊报警只在优先级升至2级以上时启动。',
    'Starts on a perimeter beam, fence vibration or gate alarm, or someone loitering at the fence or in a restricted area; loitering elsewhere only once it is priority 2 or higher.',
  ),
  activation: [
    { alarmKinds: ['intrusion', 'vibration', 'door_forced'], zoneKinds: ['perimeter', 'gate'], zoneIds: [], maxPriority: null },
    { alarmKinds: ['intrusion'], zoneKinds: [], zoneIds: [], maxPriority: null },
    { alarmKinds: ['loitering'], zoneKinds: ['perimeter', 'restricted'], zoneIds: [], maxPriority: null },
    { alarmKinds: ['loitering'], zoneKinds: [], zoneIds: [], maxPriority: 2 },
  ],
  roles: ['commander', 'operator', 'responder', 'engineering'],
  steps: [
    camerasStep(),
    yesNo({
      id: 'assess',
      role: 'operator',
      title: bi('是否有人员越界或可疑人员？', 'Is someone crossing or acting suspiciously?'),
      detail: bi(
        '查看联动画面和报警防区，确认人数、特征、位置和移动方向；小动物、树枝、大风触发的按误报处理。',
        'Check the linked cameras and the zone: how many people, what they look like, where they are heading. Animals, branches and wind are a false alarm.',
      ),
      due: 60,
      warn: 45,
      required: true,
      next: { yes: 'guards', no: 'false_alarm' },
    }),
    nearestGuardsStep(90, 60),
    dispatch(2, {
      id: 'dispatch',
      role: 'commander',
      title: bi('派遣2名秩序员到场', 'Send 2 guards'),
      detail: bi('两人一组从不同方向接近，携带对讲机和手电，不单独行动。', 'A pair approaching from two sides with radios and torches; nobody goes alone.'),
      due: 150,
      warn: 120,
      required: true,
    }),
    confirm({
      id: 'track',
      role: 'operator',
      title: bi('持续跟踪目标位置', 'Keep the person on camera'),
      detail: bi('切换相邻摄像机跟踪目标，通过对讲向到场秩序员通报位置和去向。', 'Follow them from camera to camera and tell the guards by radio where they are and where they are going.'),
      due: 300,
      warn: 180,
    }),
    choice(
      {
        id: 'outcome',
        role: 'responder',
        title: bi('到场核实结果？', 'What did the guards find?'),
        detail: bi(
          '礼貌问询并核实身份；对拒不配合或有违法行为者，在保证安全前提下控制并移交警方，不得殴打、搜身。',
          'Ask politely and check who they are; anyone who refuses or is breaking the law is held, if it is safe, for the police. Never strike or search anyone.',
        ),
        due: 600,
        warn: 420,
        required: true,
      },
      [
        option('verified', bi('身份已核实（业主、访客或施工人员）', 'Identified: a resident, visitor or contractor'), 'check_area'),
        option('held', bi('可疑人员已控制', 'Suspect held'), 'call_110'),
        option('escaped', bi('人员已逃离', 'Got away'), 'call_110'),
      ],
    ),
    call('police_110', {
      id: 'call_110',
      role: 'commander',
      title: bi('拨打110报警', 'Call the police (110)'),
      detail: bi('报告人员特征、所在位置或逃离方向，安排人员接应警方。', 'Say what the person looks like and where they are or which way they went; send someone to meet the police.'),
      due: 900,
      warn: 600,
      required: true,
    }),
    confirm({
      id: 'check_area',
      role: 'responder',
      title: bi('检查周界与设施', 'Check the fence and the area'),
      detail: bi(
        '检查围墙、围栏、门禁有无破坏，查看周边财物；发现破损处安排临时看守并通知工程部修复。',
        'Look for damage to walls, fences and access control and check nearby property; guard any breach until Engineering repairs it.',
      ),
      due: 1200,
      warn: 900,
      next: { done: 'report' },
    }),
    confirm({
      id: 'false_alarm',
      role: 'operator',
      title: bi('误报：复位并记录原因', 'False alarm: reset and record the cause'),
      detail: bi('记录误报原因（小动物、树枝遮挡、大风、设备故障），需要时通知工程部调整或维修探测器。', 'Record the cause (animal, branches, wind, a fault) and ask Engineering to adjust or repair the detector if needed.'),
      due: 300,
      warn: 180,
      required: true,
    }),
    reportStep(bi('记录报警防区、人员特征、处置经过和结果，报物业负责人。', 'Record the zone, the people involved, what was done and the outcome; report to the property manager.')),
  ],
};
