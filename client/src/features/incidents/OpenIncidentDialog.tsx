import type { Alarm } from '@vigil/shared';
import { useEffect, useMemo, useRef, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { newCommandId } from '../../lib/ids';
import { useCanSendCommands } from '../../realtime/useStale';
import { useSiteIndex } from '../sites/siteStore';
import { plansForAlarm, usePlanLibrary } from './planLibrary';
import { useBilingual } from './useBilingual';
import { useIncidentCommand } from './useIncidentCommand';
import { useOpenIncidents } from './useIncidents';
import { useMatchText } from './useMatchText';
import './incidents.css';

interface OpenIncidentDialogProps {
  alarm: Alarm;
  onClose: () => void;
  /** The incident opened, or the one the alarm was attached to. */
  onDone: (incidentId: string) => void;
}

/**
 * From an alarm: the matching plans with the rule that matched, best first; one click opens the
 * incident and starts the plan (`incident.open` with the alarm and the plan). Or attach the
 * alarm to an incident already open on the site.
 */
export function OpenIncidentDialog({ alarm, onClose, onDone }: OpenIncidentDialogProps) {
  const { t } = useTranslation();
  const text = useBilingual();
  const matchText = useMatchText();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const index = useSiteIndex();
  const load = usePlanLibrary((store) => store.load);
  const ensure = usePlanLibrary((store) => store.ensure);
  const open = useOpenIncidents(alarm.siteId);
  const command = useIncidentCommand();
  const canSend = useCanSendCommands();

  useEffect(() => {
    void ensure();
  }, [ensure]);
  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  const zone = (alarm.zoneId && index?.zones.get(alarm.zoneId)) || null;
  const matches = useMemo(() => (load.status === 'ready' ? plansForAlarm(load.plans, alarm, zone) : []), [load, alarm, zone]);

  const handleOpen = (planId: string | null) => {
    void command.send('incident.open', { commandId: newCommandId(), alarmIds: [alarm.id], planId }).then((ack) => {
      if (ack) onDone(ack.incidentId);
    });
  };
  const handleAttach = (incidentId: string) => {
    void command.send('incident.attachAlarm', { commandId: newCommandId(), incidentId, alarmId: alarm.id }).then((ack) => {
      if (ack) onDone(incidentId);
    });
  };
  const handleCancel = (event: SyntheticEvent) => {
    event.preventDefault();
    onClose();
  };
  const disabled = command.pending || !canSend;

  return (
    <dialog ref={dialogRef} className="incident-dialog open-incident" data-testid="open-incident-dialog" onCancel={handleCancel}>
      <h2 className="incident-dialog__title">{t('incidents.open.title')}</h2>
      <p className="open-incident__alarm">{t(`alarmKind.${alarm.kind}`)}</p>
      <h3 className="open-incident__heading">{t('incidents.open.suggested')}</h3>
      {load.status === 'loading' && <p>{t('incidents.startPlan.loading')}</p>}
      {load.status === 'failed' && <p className="incident-error">{t('incidents.open.plansFailed', { error: describeError(load.error, t) })}</p>}
      {load.status === 'ready' && matches.length === 0 && <p>{t('incidents.open.noPlans')}</p>}
      <ul className="open-incident__plans">
        {matches.map((match, position) => (
          <li key={match.plan.id} className={`open-incident__plan${position === 0 ? ' open-incident__plan--best' : ''}`} data-testid="suggested-plan" data-plan-id={match.plan.id}>
            <button
              type="button"
              className={`button${position === 0 ? ' button--primary' : ''}`}
              disabled={disabled}
              onClick={() => handleOpen(match.plan.id)}
              data-testid={position === 0 ? 'open-and-start' : undefined}
            >
              {t('incidents.open.openAndStart', { plan: text(match.plan.name) })}
            </button>
            <span className="open-incident__rule">
              {t(`incidents.level.${match.plan.level}`)} · {t('incidents.open.matched', { rule: matchText(match.matched) })}
            </span>
          </li>
        ))}
      </ul>
      <button type="button" className="button" disabled={disabled} onClick={() => handleOpen(null)} data-testid="open-without-plan">
        {t('incidents.open.openOnly')}
      </button>
      {open.length > 0 && (
        <>
          <h3 className="open-incident__heading">{t('incidents.open.attachTitle')}</h3>
          <ul className="open-incident__attach">
            {open.map((incident) => (
              <li key={incident.id}>
                <button type="button" className="button button--small" disabled={disabled} onClick={() => handleAttach(incident.id)} data-testid="attach-to-incident">
                  {t('incidents.open.attach', { number: incident.number })}
                </button>
                <span>
                  {t(`incidents.type.${incident.type}`)} · {t(`incidents.level.${incident.level}`)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {command.error && (
        <p className="incident-error" role="alert" data-testid="open-incident-error">
          {command.error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('incidents.open.cancel')}
        </button>
      </div>
    </dialog>
  );
}
