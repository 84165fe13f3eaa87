import type { PlanTemplateInput } from '../../../schemas/plan.schemas.js';
import { bi, call, camerasStep, confirm, dispatch, nearestGuardsStep, reportStep, yesNo } from './steps.js';

/** 其他: the short general procedure for what no other plan covers. */
export const OTHER_PLAN: PlanTemplateInput = {
  id: 'other',
  incidentType: 'other',
  level: 3,
  name: bi('一般突发事件处置流程', 'Other incident'),
  summary: bi('其他预案未覆盖的事件：初判、派人到场先期处置、请求支援、记录上报。', 'For incidents no other plan covers: assess, send a guard to deal with it first, ask for support, record and report.'),
  activation: [{ alarmKinds: ['other'], zoneKinds: [], zoneIds: [], maxPriority: null }],
  roles: ['commander', 'operator', 'responder'],
  steps: [
    camerasStep(),
    yesNo({
      id: 'assess',
      role: 'operator',
      title: bi('是否需要到场处置？', 'Does it need someone on site?'),
      detail: bi('查看画面、联系报警人，初步判断事件性质和规模。', 'Check the cameras and reach whoever reported it: what is it, and how big.'),
      due: 120,
      warn: 90,
      required: true,
      next: { yes: 'guards', no: 'report' },
    }),
    nearestGuardsStep(150, 120),
    dispatch(1, {
      id: 'dispatch',
      role: 'commander',
      title: bi('派遣1名秩序员到场', 'Send a guard'),
      due: 240,
      warn: 180,
      required: true,
    }),
    confirm({
      id: 'handle',
      role: 'responder',
      title: bi('现场先期处置', 'Deal with it on site'),
      detail: bi('根据现场情况设置警戒、疏散无关人员或先行处置，随时向监控中心报告。', 'As the scene needs: cordon off, move people away or deal with it, and keep the control room informed.'),
      due: 600,
      warn: 420,
      required: true,
    }),
    call('property_manager', {
      id: 'support',
      role: 'commander',
      title: bi('报告物业负责人，请求支援', 'Inform the property manager; ask for support'),
      due: 900,
      warn: 600,
    }),
    reportStep(bi('记录事件经过、处置措施和结果。', 'Record what happened, what was done and the outcome.')),
  ],
};
