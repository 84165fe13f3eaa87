import { can, type Incident, type PlanTemplate } from '@vigil/shared';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { newCommandId } from '../../lib/ids';
import { useCanSendCommands } from '../../realtime/useStale';
import { useAlarmStore } from '../alarms/alarmStore';
import { useSiteIndex } from '../sites/siteStore';
import { plansForAlarm, plansForType, usePlanLibrary } from './planLibrary';
import { useBilingual } from './useBilingual';
import { useIncidentCommand } from './useIncidentCommand';
import { useRole } from './useIncidents';
import { useMatchText } from './useMatchText';

/** No plan runs yet: the library's plans, the one for this incident first (matched to its alarm, else by type). */
export function StartPlanPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const text = useBilingual();
  const matchText = useMatchText();
  const role = useRole();
  const load = usePlanLibrary((store) => store.load);
  const ensure = usePlanLibrary((store) => store.ensure);
  const firstAlarm = useAlarmStore((store) => (incident.alarmIds[0] ? store.live.alarms.get(incident.alarmIds[0]) : undefined));
  const index = useSiteIndex();
  const command = useIncidentCommand();
  const canSend = useCanSendCommands();

  useEffect(() => {
    void ensure();
  }, [ensure]);

  const ordered = useMemo(() => {
    if (load.status !== 'ready') return { plans: [] as PlanTemplate[], rule: null as string | null, suggestedId: null as string | null };
    const zone = (firstAlarm?.zoneId && index?.zones.get(firstAlarm.zoneId)) || null;
    const best = firstAlarm ? plansForAlarm(load.plans, firstAlarm, zone)[0] : undefined;
    const byType = plansForType(load.plans, incident.type);
    if (best) return { plans: [best.plan, ...byType.filter((plan) => plan.id !== best.plan.id)], rule: matchText(best.matched), suggestedId: best.plan.id };
    const typed = byType[0]?.incidentType === incident.type ? byType[0] : undefined;
    return { plans: byType, rule: null, suggestedId: typed?.id ?? null };
  }, [load, firstAlarm, index, incident.type, matchText]);

  if (!role || !can(role, 'incidents.open')) return <p className="start-plan__none">{t('incidents.checklist.noPlan')}</p>;
  const start = (planId: string) => void command.send('incident.startPlan', { commandId: newCommandId(), incidentId: incident.id, planId });

  return (
    <section className="start-plan" data-testid="start-plan">
      <h3 className="command__panel-title">{t('incidents.startPlan.title')}</h3>
      {load.status === 'loading' && <p>{t('incidents.startPlan.loading')}</p>}
      {load.status === 'failed' && <p className="incident-error">{t('incidents.open.plansFailed', { error: describeError(load.error, t) })}</p>}
      {load.status === 'ready' && load.plans.length === 0 && <p>{t('incidents.startPlan.empty')}</p>}
      <ul className="start-plan__list">
        {ordered.plans.map((plan) => {
          const suggested = plan.id === ordered.suggestedId;
          return (
            <li key={plan.id} className={`start-plan__item${suggested ? ' start-plan__item--suggested' : ''}`} data-testid="plan-option" data-plan-id={plan.id}>
              <button type="button" className={`button${suggested ? ' button--primary' : ''}`} disabled={command.pending || !canSend} onClick={() => start(plan.id)} data-testid={suggested ? 'start-suggested-plan' : undefined}>
                {t('incidents.startPlan.start')}
              </button>
              <span className="start-plan__name">{text(plan.name)}</span>
              <span className="start-plan__meta">
                {t(`incidents.level.${plan.level}`)} · {t('incidents.startPlan.steps', { count: plan.steps.length })}
                {suggested && ` · ${t('incidents.startPlan.suggested')}${ordered.rule ? ` — ${t('incidents.open.matched', { rule: ordered.rule })}` : ''}`}
              </span>
            </li>
          );
        })}
      </ul>
      {command.error && (
        <p className="incident-error" role="alert">
          {command.error}
        </p>
      )}
    </section>
  );
}
