import type { AutoAction, Bilingual, CallParty, ChoiceOption, PlanRole, PlanStep, StepKind } from '../../plan.js';

/** Short builders for the shipped plans, so each plan file reads as its procedure. */

export const bi = (zh: string, en: string): Bilingual => ({ zh, en });

export interface StepSpec {
  id: string;
  role: PlanRole;
  title: Bilingual;
  detail?: Bilingual | null;
  /** Seconds after the run starts: due, and the warning before it. */
  due: number;
  warn: number;
  required?: boolean;
  next?: PlanStep['next'];
}

function step(kind: StepKind, spec: StepSpec, extra: Partial<Pick<PlanStep, 'options' | 'party' | 'action' | 'guards'>> = {}): PlanStep {
  return {
    id: spec.id,
    kind,
    title: spec.title,
    detail: spec.detail ?? null,
    role: spec.role,
    dueAfterSec: spec.due,
    warnAtSec: spec.warn,
    required: spec.required ?? false,
    next: spec.next ?? {},
    options: [],
    party: null,
    action: null,
    guards: null,
    ...extra,
  };
}

export const confirm = (spec: StepSpec): PlanStep => step('confirm', spec);
export const yesNo = (spec: StepSpec & { next: { yes?: string | null; no?: string | null } }): PlanStep => step('yes_no', spec);
export const choice = (spec: Omit<StepSpec, 'next'>, options: ChoiceOption[]): PlanStep => step('choice', spec, { options });
export const call = (party: CallParty, spec: StepSpec): PlanStep => step('call', spec, { party });
export const dispatch = (guards: number, spec: StepSpec): PlanStep => step('dispatch', spec, { guards });
export const auto = (action: AutoAction, spec: StepSpec): PlanStep => step('auto', spec, { action });
export const option = (id: string, label: Bilingual, next: string | null): ChoiceOption => ({ id, label, next });

/** The alarm linkage every located incident starts with (异常联动). */
export const camerasStep = (): PlanStep =>
  auto('cameras_to_alarm_monitor', {
    id: 'cameras',
    role: 'operator',
    title: bi('联动摄像机上墙', 'Cameras to the alarm monitor'),
    detail: bi('报警区域的摄像机画面自动推送到报警监视器并开始录像。', "The alarm area's cameras go to the alarm monitor and start recording."),
    due: 15,
    warn: 10,
  });

/** The nearest guards listed just before the commander dispatches. */
export const nearestGuardsStep = (due: number, warn: number): PlanStep =>
  auto('suggest_nearest_guards', {
    id: 'guards',
    role: 'commander',
    title: bi('推荐最近的秩序员', 'Suggest the nearest guards'),
    detail: bi('按距离列出在岗、可派遣的秩序员，供值班主管选派。', 'Vigil lists the on-duty guards nearest the incident for the commander to choose from.'),
    due,
    warn,
  });

/** The close of every plan (记录、报告). */
export const reportStep = (detail: Bilingual, due = 3600, warn = 2700): PlanStep =>
  confirm({ id: 'report', role: 'commander', title: bi('记录并上报事件', 'Record and report'), detail, due, warn, required: true, next: { done: null } });
