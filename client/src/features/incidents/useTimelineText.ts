import { INCIDENT_STATES, type Incident, type IncidentState, type TextParams, type TimelineEntry } from '@vigil/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnswerText } from './ChecklistRowView';
import { useBilingual } from './useBilingual';
import { useGuardName } from './useIncidents';

const AUTO_CODES = [
  'incidentOpened',
  'alarmAttached',
  'stateChanged',
  'ownerChanged',
  'levelRaised',
  'planStarted',
  'stepDone',
  'stepSkipped',
  'stepWarned',
  'stepOverdue',
  'dispatchSent',
  'dispatchAccepted',
  'dispatchDeclined',
  'dispatchEnRoute',
  'dispatchArrived',
  'dispatchCleared',
  'dispatchCancelled',
  'dispatchUnanswered',
] as const;
type AutoCode = (typeof AUTO_CODES)[number];

const isAutoCode = (code: string | null): code is AutoCode => (AUTO_CODES as readonly (string | null)[]).includes(code);
const isState = (value: unknown): value is IncidentState => (INCIDENT_STATES as readonly unknown[]).includes(value);

/** An automatic timeline entry in the screen's language, from its code and params (steps, guards, states named). */
export function useTimelineText(incident: Incident): (entry: TimelineEntry) => string {
  const { t } = useTranslation();
  const text = useBilingual();
  const guardName = useGuardName();
  const answerText = useAnswerText();
  return useCallback(
    (entry) => {
      const params: TextParams = { ...entry.params };
      const step = incident.plan?.steps.find((candidate) => candidate.id === entry.params.stepId);
      if (step) params.step = text(step.title);
      else if (typeof entry.params.stepId === 'string') params.step = entry.params.stepId;
      if (step && typeof entry.params.answer === 'string') params.answer = answerText(step, entry.params.answer);
      if (typeof entry.params.guardId === 'string') params.guard = guardName(entry.params.guardId);
      if (isState(entry.params.state)) params.state = t(`incidents.state.${entry.params.state}`);
      if (isState(entry.params.previous)) params.previous = t(`incidents.state.${entry.params.previous}`);
      if (entry.code === 'levelRaised') {
        params.level = t(`incidents.level.${String(entry.params.level) as '1' | '2' | '3'}`);
        params.previous = t(`incidents.level.${String(entry.params.previous) as '1' | '2' | '3'}`);
      }
      if (entry.code === 'planStarted') {
        const run = incident.plan;
        params.plan = run && run.planId === entry.params.planId ? text(run.name) : String(entry.params.planId ?? '');
      }
      return isAutoCode(entry.code) ? t(`incidents.timeline.auto.${entry.code}`, params) : t('incidents.timeline.auto.unknown', { code: entry.code ?? '' });
    },
    [incident.plan, t, text, guardName, answerText],
  );
}
