import type { AlarmKind } from './alarm.js';
import type { ZoneKind } from './types.js';

/** Emergency plans (应急预案): templates in a versioned library, copied into a run at start. */

/** The incident types the department has plans for (DOMAIN.md). */
export const INCIDENT_TYPES = [
  'fire', // 火灾
  'theft', // 盗窃
  'violence', // 暴力事件 / 打架斗殴
  'medical', // 人员急病
  'elevator_entrapment', // 电梯困人
  'falling_object', // 高空坠物
  'flooding', // 水浸 / 防汛
  'power_cut', // 停电
  'typhoon', // 台风 / 暴雨
  'earthquake', // 地震
  'ev_fire', // 电动车充电起火
  'intrusion', // 可疑人员 / 周界入侵
  'crowd', // 群体性事件
  'vehicle_accident', // 车辆刮蹭 / 事故
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** Event grading (事件分级): I is the most severe. */
export const INCIDENT_LEVELS = [1, 2, 3] as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];

/** Roles in a plan's command structure (组织指挥体系与职责分工). */
export const PLAN_ROLES = ['commander', 'operator', 'responder', 'engineering', 'customer_service'] as const;
export type PlanRole = (typeof PLAN_ROLES)[number];

/**
 * What a step asks for. `confirm`: done. `yes_no`: yes or no. `choice`: one of its options.
 * `dispatch`: guards sent. `call`: an outside party called or notified (who, when). `auto`: an
 * action Vigil does itself when the step becomes current.
 */
export const STEP_KINDS = ['confirm', 'yes_no', 'choice', 'dispatch', 'call', 'auto'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Outside parties a `call` step reaches (信息报告流程). */
export const CALL_PARTIES = [
  'fire_119',
  'police_110',
  'ambulance_120',
  'property_manager',
  'engineering',
  'customer_service',
  'elevator_company',
  'utility',
  'other',
] as const;
export type CallParty = (typeof CALL_PARTIES)[number];

/** What an `auto` step does. */
export const AUTO_ACTIONS = ['cameras_to_alarm_monitor', 'suggest_nearest_guards', 'notify_commander'] as const;
export type AutoAction = (typeof AUTO_ACTIONS)[number];

/** Text in both languages: a plan is written once and read in either. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** An answer and the step it leads to (null: the procedure ends there). */
export interface StepBranch {
  next: string | null;
}

export interface ChoiceOption extends StepBranch {
  id: string;
  label: Bilingual;
}

export interface PlanStep {
  /** Unique within its plan, e.g. `assess`; answers name steps by it. */
  id: string;
  kind: StepKind;
  title: Bilingual;
  /** What to do, in a sentence or two. */
  detail: Bilingual | null;
  role: PlanRole;
  /** Seconds after the run starts by which the step should be done, and when it warns. */
  dueAfterSec: number;
  warnAtSec: number;
  /** The incident cannot be resolved while this step is open (on the path taken). */
  required: boolean;
  /**
   * Where each answer leads. `confirm`, `dispatch`, `call`, `auto`: the answer `done`;
   * `yes_no`: `yes` and `no`; `choice`: each option's `next`. An answer not listed goes on to
   * the next step in order.
   */
  next: Partial<Record<'done' | 'yes' | 'no', string | null>>;
  /** `choice` steps only. */
  options: ChoiceOption[];
  /** `call` steps: who is called. */
  party: CallParty | null;
  /** `auto` steps: what Vigil does. */
  action: AutoAction | null;
  /** `dispatch` steps: how many guards the commander is asked to send. */
  guards: number | null;
}

/** When a plan is suggested for an alarm (事件分级与启动条件). Empty lists match anything. */
export interface ActivationRule {
  alarmKinds: AlarmKind[];
  zoneKinds: ZoneKind[];
  zoneIds: string[];
  /** Matches alarms of this priority or more urgent (1 is the highest); null matches any. */
  maxPriority: number | null;
}

/** A plan as the library keeps it: one version of one plan. */
export interface PlanTemplate {
  /** Stable across versions, e.g. `fire`. */
  id: string;
  version: number;
  incidentType: IncidentType;
  level: IncidentLevel;
  name: Bilingual;
  summary: Bilingual;
  activation: ActivationRule[];
  roles: PlanRole[];
  /** In order; the first step starts the run. */
  steps: PlanStep[];
  publishedAt: string;
  publishedBy: { id: string; name: string } | null;
}

/** The answer a step takes: `done`, `yes`, `no`, or a choice option's id. */
export type StepAnswer = string;

export const STEP_STATUSES = ['pending', 'done', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** A call made for a `call` step: who was called, when, and what was said. */
export interface CallRecord {
  party: CallParty;
  /** When the call was made (may be before it was ticked). */
  at: string;
  note: string | null;
}

export interface StepState {
  status: StepStatus;
  answer: StepAnswer | null;
  /** Who did or skipped it, and when (server time). */
  by: { id: string; name: string } | null;
  at: string | null;
  /** Why it was skipped; required for a skip. */
  reason: string | null;
  note: string | null;
  call: CallRecord | null;
  /** Set once each, when the scheduler saw the warning time and the due time pass. */
  warnedAt: string | null;
  overdueAt: string | null;
}

/** A plan running for an incident: an immutable copy of the template taken at start. */
export interface PlanRun {
  planId: string;
  version: number;
  name: Bilingual;
  startedAt: string;
  startedBy: { id: string; name: string };
  steps: PlanStep[];
  states: Record<string, StepState>;
  /**
   * In a drill, its pauses since the plan started (the drill's clock stood still), and the one
   * under way: a step's time runs on the drill's clock. Absent live.
   */
  pauses?: { from: string; sec: number }[];
  pausedAt?: string | null;
}
