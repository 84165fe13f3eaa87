import { DrillInjectInput, planIssue, type AlarmKind, type CodedError, type DeviceStatus } from '@vigil/shared';

/** The kinds of inject the controller's form writes (a guard's walk needs a path drawn: scripted only). */
export const AD_HOC_KINDS = ['alarm', 'device_state', 'note'] as const;
export type AdHocKind = (typeof AD_HOC_KINDS)[number];

/** The form as typed: strings, as the inputs hold them. */
export interface AdHocDraft {
  kind: AdHocKind;
  id: string;
  /** Where the alarm is: a device (`device:<id>`) or a zone (`zone:<id>`). */
  alarmPlace: string;
  alarmKind: AlarmKind;
  priority: string;
  messageZh: string;
  messageEn: string;
  deviceId: string;
  status: DeviceStatus;
  noteZh: string;
  noteEn: string;
}

export const emptyDraft = (id: string): AdHocDraft => ({
  kind: 'alarm',
  id,
  alarmPlace: '',
  alarmKind: 'smoke',
  priority: '1',
  messageZh: '',
  messageEn: '',
  deviceId: '',
  status: 'fault',
  noteZh: '',
  noteEn: '',
});

/** The inject the draft stands for, as the server reads it (`atSec` 0: it fires now). */
export function injectOf(draft: AdHocDraft): unknown {
  const base = { id: draft.id.trim(), atSec: 0 };
  if (draft.kind === 'note') return { ...base, kind: 'note', text: { zh: draft.noteZh, en: draft.noteEn } };
  if (draft.kind === 'device_state') return { ...base, kind: 'device_state', deviceId: draft.deviceId, status: draft.status };
  const [placeKind, ...rest] = draft.alarmPlace.split(':');
  const placeId = rest.join(':');
  const priority = draft.priority.trim() === '' ? undefined : Number(draft.priority);
  return {
    ...base,
    kind: 'alarm',
    alarm: {
      ...(placeKind === 'device' && placeId ? { deviceId: placeId } : {}),
      ...(placeKind === 'zone' && placeId ? { zoneId: placeId } : {}),
      kind: draft.alarmKind,
      ...(priority === undefined ? {} : { priority }),
      message: { zh: draft.messageZh, en: draft.messageEn },
    },
  };
}

/** The form's input a refused path belongs to. */
const FIELD_OF: Record<string, keyof AdHocDraft> = {
  id: 'id',
  'alarm.deviceId': 'alarmPlace',
  'alarm.zoneId': 'alarmPlace',
  alarm: 'alarmPlace',
  'alarm.kind': 'alarmKind',
  'alarm.priority': 'priority',
  'alarm.message.zh': 'messageZh',
  'alarm.message.en': 'messageEn',
  'alarm.message': 'messageZh',
  deviceId: 'deviceId',
  status: 'status',
  'text.zh': 'noteZh',
  'text.en': 'noteEn',
  text: 'noteZh',
};

/** `inject.alarm.message.zh` (the server's) or `alarm.message.zh` (the form's own check) → the input; else the form's top. */
export function draftFieldOf(path: string): keyof AdHocDraft | 'form' {
  const key = path.replace(/^inject\.?/, '');
  return Object.hasOwn(FIELD_OF, key) ? FIELD_OF[key]! : 'form';
}

export type DraftIssues = Partial<Record<keyof AdHocDraft | 'form', CodedError[]>>;

/** Issues by input, from coded issues that name their field in `params.field`. */
export function placeIssues(issues: readonly CodedError[]): DraftIssues {
  const placed: DraftIssues = {};
  for (const issue of issues) {
    const field = typeof issue.params?.field === 'string' ? draftFieldOf(issue.params.field) : 'form';
    (placed[field] ??= []).push(issue);
  }
  return placed;
}

/** The form checked here, with the schema the server checks it with: issues by input, empty when it may go. */
export function checkDraft(draft: AdHocDraft): DraftIssues {
  const parsed = DrillInjectInput.safeParse(injectOf(draft));
  if (parsed.success) return {};
  return placeIssues(parsed.error.issues.map((issue) => planIssue(issue.path.map(String).join('.') || 'inject', issue.message)));
}
