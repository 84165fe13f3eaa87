import { can, INCIDENT_LEVELS, openRequiredSteps, type CommandRefusal, type Incident, type PlanRun, type PlanStep } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatTime } from '../../i18n/format';
import { newCommandId } from '../../lib/ids';
import { useReplaying } from '../../lib/screenClock';
import { useCanSendCommands } from '../../realtime/useStale';
import { incidentReplaySearch } from '../replay/replayParams';
import { useSession } from '../auth/sessionStore';
import { IncidentStateBadge, LevelBadge } from './LevelBadge';
import { ReasonDialog } from './ReasonDialog';
import { useBilingual } from './useBilingual';
import { useIncidentCommand } from './useIncidentCommand';

/** The selected incident's head: type, level, state, owner, and what the commander can do with it. */
export function IncidentHeader({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const text = useBilingual();
  const user = useSession((session) => session.user);
  const canSend = useCanSendCommands();
  const replaying = useReplaying();
  const command = useIncidentCommand();
  const closeCommand = useIncidentCommand();
  const [closing, setClosing] = useState(false);
  const mayRun = user !== null && can(user.role, 'incidents.run');
  const disabled = command.pending || !canSend;
  const { state } = incident;
  const active = state === 'new' || state === 'in_progress' || state === 'on_hold';

  const setState = (next: 'in_progress' | 'on_hold' | 'resolved') => {
    void command.send('incident.setState', { commandId: newCommandId(), incidentId: incident.id, state: next }).then((ack) => {
      if (next === 'resolved' && ack) setClosing(true);
    });
  };
  // Refused while required steps are open: the server names them (`steps`); say each in the screen's language.
  const blocking = blockingSteps(incident.plan, command.refusal);
  const handleClose = async (summary: string) =>
    (await closeCommand.send('incident.close', { commandId: newCommandId(), incidentId: incident.id, summary })) !== null;

  return (
    <header className="incident-header" data-testid="incident-header" data-incident-id={incident.id}>
      <div className="incident-header__title">
        <LevelBadge level={incident.level} />
        <h2 className="incident-header__type">{t(`incidents.type.${incident.type}`)}</h2>
        <IncidentStateBadge state={state} />
        <span className="incident-header__number">{t('incidents.header.number', { number: incident.number })}</span>
      </div>
      {incident.title && <p className="incident-header__subtitle">{incident.title}</p>}
      <p className="incident-header__meta">
        <span>{t('incidents.header.opened', { name: incident.openedBy.name, time: formatTime(incident.openedAt, i18n.language) })}</span>
        <span data-testid="incident-owner">{incident.owner ? t('incidents.header.owner', { name: incident.owner.name }) : t('incidents.header.noOwner')}</span>
        {incident.alarmIds.length > 0 && <span>{t('incidents.header.alarms', { count: incident.alarmIds.length })}</span>}
      </p>
      {mayRun && (
        <div className="incident-header__actions">
          {active && user && incident.owner?.id !== user.id && (
            <button type="button" className="button button--small" disabled={disabled} onClick={() => void command.send('incident.setOwner', { commandId: newCommandId(), incidentId: incident.id, userId: user.id })} data-testid="take-ownership">
              {t('incidents.header.takeOwnership')}
            </button>
          )}
          {active &&
            INCIDENT_LEVELS.filter((level) => level < incident.level).map((level) => (
              <button key={level} type="button" className="button button--small" disabled={disabled} onClick={() => void command.send('incident.raiseLevel', { commandId: newCommandId(), incidentId: incident.id, level })} data-testid={`raise-level-${level}`}>
                {t('incidents.header.raiseTo', { level: t(`incidents.level.${level}`) })}
              </button>
            ))}
          {(state === 'new' || state === 'in_progress') && (
            <button type="button" className="button button--small" disabled={disabled} onClick={() => setState('on_hold')} data-testid="incident-hold">
              {t('incidents.header.hold')}
            </button>
          )}
          {state === 'on_hold' && (
            <button type="button" className="button button--small" disabled={disabled} onClick={() => setState('in_progress')} data-testid="incident-resume">
              {t('incidents.header.resume')}
            </button>
          )}
          {active && (
            <button type="button" className="button button--small button--primary" disabled={disabled} onClick={() => setState('resolved')} data-testid="incident-resolve">
              {t('incidents.header.resolve')}
            </button>
          )}
          {state === 'resolved' && (
            <button type="button" className="button button--small button--primary" disabled={disabled} onClick={() => setClosing(true)} data-testid="incident-close">
              {t('incidents.header.close')}
            </button>
          )}
        </div>
      )}
      {!replaying && (
        <Link className="button button--small incident-header__replay" to={{ pathname: '/command', search: incidentReplaySearch(incident) }} title={t('replay.incidentHint')} data-testid="incident-replay-link">
          {t('replay.incident')}
        </Link>
      )}
      {(state === 'closed' || state === 'resolved') && (
        <Link className="button button--small incident-header__report" to={`/incidents/${incident.id}/report`} data-testid="incident-report-link">
          {t('incidents.header.report')}
        </Link>
      )}
      {command.error && (
        <div className="incident-error" role="alert" data-testid="incident-error">
          {blocking.length === 0 && <p>{command.error}</p>}
          {blocking.length > 0 && (
            <>
              <p>{t('incidents.header.blocked')}</p>
              <ul className="incident-error__steps" data-testid="blocking-steps">
                {blocking.map((step) => (
                  <li key={step.id}>{text(step.title)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {closing && (
        <ReasonDialog
          testId="close-dialog"
          title={t('incidents.close.title', { number: incident.number })}
          label={t('incidents.close.summary')}
          placeholder={t('incidents.close.summaryPlaceholder')}
          confirm={t('incidents.close.confirm')}
          error={closeCommand.error}
          onConfirm={handleClose}
          onClose={() => {
            closeCommand.clear();
            setClosing(false);
          }}
        >
          <p>{t('incidents.close.resolved')}</p>
        </ReasonDialog>
      )}
    </header>
  );
}

/** The steps a `requiredStepsOpen` refusal names, by their ids; the same rule applied here when it names none. */
function blockingSteps(run: PlanRun | null, refusal: CommandRefusal | null): PlanStep[] {
  if (!run || !refusal || refusal.params.rule !== 'requiredStepsOpen') return [];
  const ids = typeof refusal.params.steps === 'string' ? refusal.params.steps.split(',').filter(Boolean) : [];
  const named = ids.map((id) => run.steps.find((step) => step.id === id)).filter((step): step is PlanStep => step !== undefined);
  return named.length > 0 ? named : openRequiredSteps(run);
}
