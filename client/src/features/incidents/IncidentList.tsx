import { currentStep, DISPATCH_ANSWER_SEC, type Incident } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../lib/useNow';
import { screenNow } from '../../lib/screenClock';
import { useAlarmStore } from '../alarms/alarmStore';
import { formatSeconds } from './checklistModel';
import { isUnanswered } from './incidentOrder';
import { IncidentStateBadge, LevelBadge } from './LevelBadge';
import { StepTimer } from './StepTimer';
import { useBilingual } from './useBilingual';
import { useIncidentDispatches, useIncidentsToClose, useOpenIncidents } from './useIncidents';

interface IncidentListProps {
  selectedId: string | null;
  onSelect: (incidentId: string) => void;
}

/** The commander's list: open incidents most urgent first, then the resolved ones still to close. */
export function IncidentList({ selectedId, onSelect }: IncidentListProps) {
  const { t } = useTranslation();
  const open = useOpenIncidents();
  const toClose = useIncidentsToClose();
  return (
    <section className="incident-list" aria-labelledby="incident-list-title" data-testid="incident-list">
      <h2 id="incident-list-title" className="command__panel-title">
        {t('incidents.list.title')} <span className="incident-list__count">{open.length}</span>
      </h2>
      {open.length === 0 && <p className="incident-list__empty">{t('incidents.list.empty')}</p>}
      <ol className="incident-list__items">
        {open.map((incident) => (
          <IncidentListItem key={incident.id} incident={incident} selected={incident.id === selectedId} onSelect={onSelect} />
        ))}
      </ol>
      {toClose.length > 0 && (
        <>
          <h3 className="incident-list__subtitle">{t('incidents.list.toClose')}</h3>
          <ol className="incident-list__items">
            {toClose.map((incident) => (
              <IncidentListItem key={incident.id} incident={incident} selected={incident.id === selectedId} onSelect={onSelect} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function IncidentListItem({ incident, selected, onSelect }: { incident: Incident; selected: boolean; onSelect: (incidentId: string) => void }) {
  const { t } = useTranslation();
  const text = useBilingual();
  useNow(5_000);
  const now = screenNow();
  const dispatches = useIncidentDispatches(incident.id);
  const escalated = useAlarmStore((store) => incident.alarmIds.filter((id) => store.live.alarms.get(id)?.escalatedAt && store.live.alarms.get(id)?.state === 'new').length);
  const unanswered = dispatches.filter((dispatch) => isUnanswered(dispatch, now, DISPATCH_ANSWER_SEC)).length;
  const step = incident.plan ? currentStep(incident.plan) : null;
  const age = formatSeconds((now - Date.parse(incident.openedAt)) / 1000);

  return (
    <li className={`incident-item${selected ? ' incident-item--selected' : ''}`} data-testid="incident-item" data-incident-id={incident.id}>
      <button type="button" className="incident-item__button" onClick={() => onSelect(incident.id)} aria-pressed={selected}>
        <span className="incident-item__head">
          <LevelBadge level={incident.level} />
          <span className="incident-item__type">{t(`incidents.type.${incident.type}`)}</span>
          <IncidentStateBadge state={incident.state} />
        </span>
        <span className="incident-item__meta">
          <span className="incident-item__number">{incident.number}</span>
          <span>{t('incidents.list.age', { time: age })}</span>
          <span>{incident.owner ? t('incidents.header.owner', { name: incident.owner.name }) : t('incidents.header.noOwner')}</span>
        </span>
        {incident.plan && step ? (
          <span className="incident-item__step">
            <span className="incident-item__step-title">{text(step.title)}</span>
            <StepTimer run={incident.plan} step={step} />
          </span>
        ) : (
          <span className="incident-item__step incident-item__step--none">{incident.plan ? t('incidents.checklist.finished') : t('incidents.checklist.noPlan')}</span>
        )}
        {(unanswered > 0 || escalated > 0) && (
          <span className="incident-item__flags">
            {unanswered > 0 && (
              <span className="incident-flag incident-flag--unanswered" data-testid="flag-unanswered">
                ▲ {t('incidents.list.unanswered', { count: unanswered })}
              </span>
            )}
            {escalated > 0 && (
              <span className="incident-flag incident-flag--escalated" data-testid="flag-escalated">
                ▲ {t('incidents.list.escalated', { count: escalated })}
              </span>
            )}
          </span>
        )}
      </button>
    </li>
  );
}
