import { CALL_PARTIES, INCIDENT_STATES, type CallParty, type IncidentReport, type IncidentState, type TimelineEntry } from '@vigil/shared';
import type { TFunction } from 'i18next';
import { formatTime } from '../../i18n/format';

/** What the report's sections need to name things: steps, guards and answers in the reader's language. */
export interface ReportWords {
  t: TFunction;
  language: string;
  lang: 'zh' | 'en';
  stepTitle: (stepId: string) => string;
  answerLabel: (stepId: string, answer: string) => string;
  guardLabel: (guardId: string) => string;
  /** The run's plan by its name; another id as it is. */
  planName: (planId: string) => string;
  time: (iso: string | null) => string;
  dateTime: (iso: string | null) => string;
}

export interface RosterGuard {
  id: string;
  callsign: string;
  name: string;
}

export function reportWords(report: IncidentReport, guards: readonly RosterGuard[], t: TFunction, language: string): ReportWords {
  const lang = language.startsWith('zh') ? 'zh' : 'en';
  const steps = new Map((report.incident.plan?.steps ?? []).map((step) => [step.id, step]));
  const names = new Map(report.dispatches.map((dispatch) => [dispatch.guardId, dispatch.guardName]));
  const roster = new Map(guards.map((guard) => [guard.id, guard]));
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' });
  return {
    t,
    language,
    lang,
    stepTitle: (stepId) => steps.get(stepId)?.title[lang] ?? stepId,
    answerLabel: (stepId, answer) => {
      if (answer === 'done' || answer === 'yes' || answer === 'no') return t(`plans.answer.${answer}`);
      const option = steps.get(stepId)?.options.find((item) => item.id === answer);
      return option ? option.label[lang] : answer;
    },
    guardLabel: (guardId) => {
      const guard = roster.get(guardId);
      const name = names.get(guardId) ?? guard?.name ?? guardId;
      return guard ? `${guard.callsign} ${name}` : name;
    },
    planName: (planId) => (report.plan && report.plan.planId === planId ? report.plan.name[lang] : planId),
    time: (iso) => (iso ? formatTime(iso, language) : '—'),
    dateTime: (iso) => (iso ? dateFormat.format(new Date(iso)) : '—'),
  };
}

const isState = (value: unknown): value is IncidentState => typeof value === 'string' && (INCIDENT_STATES as readonly string[]).includes(value);
export const isParty = (value: unknown): value is CallParty => typeof value === 'string' && (CALL_PARTIES as readonly string[]).includes(value);

/** An automatic timeline entry's line, in the reader's language; people's entries are their own words. */
export function entryText(entry: TimelineEntry, words: ReportWords): string {
  const { t } = words;
  if (entry.kind !== 'auto' || entry.code === null) return entry.text ?? '';
  const p = entry.params;
  const str = (key: string) => (typeof p[key] === 'string' || typeof p[key] === 'number' ? String(p[key]) : '');
  const step = words.stepTitle(str('stepId'));
  const guard = words.guardLabel(str('guardId'));
  const stateName = (value: unknown) => (isState(value) ? t(`report.state.${value}`) : String(value ?? ''));
  switch (entry.code) {
    case 'incidentOpened':
      return t('report.entry.incidentOpened', { alarms: str('alarms') || '0' });
    case 'alarmAttached':
      return t('report.entry.alarmAttached', { alarmId: str('alarmId') });
    case 'stateChanged':
      return t('report.entry.stateChanged', { state: stateName(p.state), previous: stateName(p.previous) });
    case 'ownerChanged':
      return t('report.entry.ownerChanged', { owner: str('owner') });
    case 'levelRaised':
      return t('report.entry.levelRaised', { level: t(`plans.level.${str('level') as '1'}`, { defaultValue: str('level') }), previous: t(`plans.level.${str('previous') as '1'}`, { defaultValue: str('previous') }) });
    case 'planStarted':
      return t('report.entry.planStarted', { planId: words.planName(str('planId')), version: str('version') });
    case 'stepDone':
      return str('answer') && str('answer') !== 'done'
        ? t('report.entry.stepDoneAnswer', { step, answer: words.answerLabel(str('stepId'), str('answer')) })
        : t('report.entry.stepDone', { step });
    case 'stepSkipped':
      return t('report.entry.stepSkipped', { step, reason: str('reason') });
    case 'stepWarned':
      return t('report.entry.stepWarned', { step });
    case 'stepOverdue':
      return t('report.entry.stepOverdue', { step });
    case 'dispatchSent':
      return t('report.entry.dispatchSent', { guard });
    case 'dispatchAccepted':
      return t('report.entry.dispatchAccepted', { guard });
    case 'dispatchDeclined':
      return t('report.entry.dispatchDeclined', { guard, reason: str('reason') || t('report.dispatches.noReason') });
    case 'dispatchEnRoute':
      return t('report.entry.dispatchEnRoute', { guard });
    case 'dispatchArrived':
      return t('report.entry.dispatchArrived', { guard });
    case 'dispatchCleared':
      return t('report.entry.dispatchCleared', { guard });
    case 'dispatchCancelled':
      return t('report.entry.dispatchCancelled', { guard });
    case 'dispatchUnanswered':
      return t('report.entry.dispatchUnanswered', { guard });
    default:
      return t('report.entry.unknown', { code: entry.code });
  }
}
