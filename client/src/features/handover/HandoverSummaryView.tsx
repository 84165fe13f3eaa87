import type { HandoverSummary } from '@vigil/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function Section({ title, count, shown, empty, testId, children }: { title: string; count: number; shown: number; empty?: string; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="handover-section" data-testid={testId} data-count={count}>
      <h4>
        {title} <span className="handover-section__count">{t('handover.count', { count })}</span>
      </h4>
      {count === 0 ? <p className="handover-section__empty">{empty ?? t('handover.none')}</p> : <ul>{children}</ul>}
      {count > shown && <p className="handover-section__more">{t('handover.more', { count: count - shown })}</p>}
    </section>
  );
}

/** What was open at the handover, in sections; the patrol ones say they have no source yet. */
export function HandoverSummaryView({ summary, formatTime }: { summary: HandoverSummary; formatTime: (iso: string) => string }) {
  const { t } = useTranslation();
  const { counts } = summary;
  return (
    <div className="handover-summary">
      <Section title={t('handover.sections.alarms')} count={counts.alarms} shown={summary.alarms.length} testId="handover-alarms">
        {summary.alarms.map((alarm) => (
          <li key={alarm.id} data-testid="handover-alarm">
            <span className={`handover-priority handover-priority--${Math.min(alarm.priority, 4)}`}>P{alarm.priority}</span> {t(`alarmKind.${alarm.kind}`)} · {alarm.message} ·{' '}
            {t(`alarmState.${alarm.state}`)} · <time dateTime={alarm.firstAt}>{formatTime(alarm.firstAt)}</time>
          </li>
        ))}
      </Section>
      <Section title={t('handover.sections.incidents')} count={counts.incidents} shown={summary.incidents.length} testId="handover-incidents">
        {summary.incidents.map((incident) => (
          <li key={incident.id}>
            {incident.number} {t(`incidents.type.${incident.type}`)} · {incident.title} · {t(`incidents.state.${incident.state}`)}
          </li>
        ))}
      </Section>
      <Section title={t('handover.sections.guards')} count={counts.guardsOnDuty} shown={summary.guardsOnDuty.length} testId="handover-guards">
        {summary.guardsOnDuty.map((guard) => (
          <li key={guard.id}>
            {guard.callsign} {guard.name} · {t(`guardStatus.${guard.status}`)}
          </li>
        ))}
      </Section>
      <Section title={t('handover.sections.hazards')} count={counts.hazardsOpen} shown={summary.hazardsOpen.length} empty={t('handover.noHazards')} testId="handover-hazards">
        {summary.hazardsOpen.map((hazard) => (
          <li key={hazard.id}>
            {hazard.title} · {t(`patrol.hazard.states.${hazard.state as 'open' | 'assigned' | 'rectified' | 'verified'}`)}
          </li>
        ))}
      </Section>
      <Section title={t('handover.sections.patrols')} count={counts.patrolsDue} shown={summary.patrolsDue.length} empty={t('handover.noPatrols')} testId="handover-patrols">
        {summary.patrolsDue.map((patrol) => (
          <li key={patrol.id}>
            {patrol.name} · <time dateTime={patrol.dueAt}>{formatTime(patrol.dueAt)}</time>
          </li>
        ))}
      </Section>
    </div>
  );
}
