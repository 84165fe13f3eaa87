import { can, DISPATCH_ANSWER_SEC, isActiveDispatch, type Dispatch, type GuardRanking, type Incident } from '@vigil/shared';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import { newCommandId } from '../../lib/ids';
import { useNow } from '../../lib/useNow';
import { screenNow } from '../../lib/screenClock';
import { useRealtime } from '../../realtime/RealtimeContext';
import { useCanSendCommands } from '../../realtime/useStale';
import { formatSeconds } from './checklistModel';
import { isUnanswered } from './incidentOrder';
import { useIncidentCommand, useOutcomeText } from './useIncidentCommand';
import { useGuardName, useIncidentDispatches, useRole } from './useIncidents';
import { useRankingText } from './useRankingText';

/**
 * Dispatch (派遣): the guards ranked by walking time for the incident's place, each with its
 * reasons; pick one or several, a short instruction, send. Then each dispatched guard's state
 * and times; one unanswered after 60 s is flagged with the next-nearest guard suggested.
 */
export function DispatchPanel({ incident, focusRequest }: { incident: Incident; focusRequest: number }) {
  const { t } = useTranslation();
  const role = useRole();
  const canSend = useCanSendCommands();
  const guardName = useGuardName();
  const words = useRankingText();
  const dispatches = useIncidentDispatches(incident.id);
  const realtime = useRealtime();
  const textOf = useOutcomeText();
  const [suggesting, setSuggesting] = useState(false);
  const [suggestError, setSuggestError] = useState<string | null>(null);
  const send = useIncidentCommand();
  const [ranking, setRanking] = useState<GuardRanking | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [instruction, setInstruction] = useState('');
  const sectionRef = useRef<HTMLElement>(null);
  useNow(1000);
  const now = screenNow();
  const maySend = role !== null && can(role, 'dispatch.send');
  const busyGuards = new Set(dispatches.filter(isActiveDispatch).map((dispatch) => dispatch.guardId));
  const unanswered = dispatches.filter((dispatch) => isUnanswered(dispatch, now, DISPATCH_ANSWER_SEC));

  // Read-only, so a timeout is retried once: the server's first ranking of a site builds its walking grid.
  const shownIncident = useRef(incident.id);
  shownIncident.current = incident.id;
  const runSuggest = useCallback(() => {
    const asked = incident.id;
    const attempt = (retries: number) => {
      setSuggesting(true);
      setSuggestError(null);
      void realtime.send('dispatch.suggest', { incidentId: asked }).then((outcome) => {
        // An answer for an incident no longer shown is dropped.
        if (shownIncident.current !== asked) return;
        if (outcome.ok) {
          setSuggesting(false);
          setRanking({ ranked: outcome.ranked, excluded: outcome.excluded });
        } else if ('timedOut' in outcome && retries > 0) attempt(retries - 1);
        else {
          setSuggesting(false);
          setSuggestError(textOf(outcome));
        }
      });
    };
    attempt(1);
  }, [incident.id, realtime, textOf]);

  // A fresh ranking for each incident, and again whenever another dispatch goes unanswered.
  useEffect(() => {
    setRanking(null);
    setChosen([]);
  }, [incident.id]);
  // Once connected (a screen just opened has no socket yet): a command sent before would not go.
  const hasRanking = ranking !== null;
  useEffect(() => {
    if (maySend && canSend && !hasRanking) runSuggest();
  }, [incident.id, maySend, canSend, hasRanking, runSuggest]);
  const unansweredCount = unanswered.length;
  useEffect(() => {
    if (maySend && unansweredCount > 0) runSuggest();
  }, [unansweredCount, maySend, runSuggest]);
  useEffect(() => {
    if (focusRequest > 0) sectionRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [focusRequest]);

  const toggle = (guardId: string) => setChosen((current) => (current.includes(guardId) ? current.filter((id) => id !== guardId) : [...current, guardId]));
  const dispatchGuards = (guardIds: string[]) => {
    void send.send('dispatch.send', { commandId: newCommandId(), incidentId: incident.id, guardIds, instruction: instruction.trim() || undefined }).then((ack) => {
      if (!ack) return;
      setChosen([]);
      setInstruction('');
    });
  };
  const handleSend = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length > 0) dispatchGuards(chosen);
  };
  const nextNearest = ranking?.ranked.find((guard) => !busyGuards.has(guard.guardId)) ?? null;
  const walkOf = (guardId: string) => formatSeconds(ranking?.ranked.find((guard) => guard.guardId === guardId)?.walkSeconds ?? 0);

  return (
    <section ref={sectionRef} className="dispatch-panel" aria-labelledby="dispatch-title" data-testid="dispatch-panel">
      <h3 id="dispatch-title" className="command__panel-title">
        {t('incidents.dispatch.title')}
      </h3>
      <h4 className="dispatch-panel__subtitle">{t('incidents.dispatch.sentTitle')}</h4>
      {dispatches.length === 0 && <p className="dispatch-panel__empty">{t('incidents.dispatch.noneSent')}</p>}
      <ul className="dispatch-panel__sent">
        {dispatches.map((dispatch) => (
          <DispatchLine key={dispatch.id} dispatch={dispatch} now={now} name={guardName(dispatch.guardId)} mayCancel={maySend} />
        ))}
      </ul>
      {maySend && unanswered.length > 0 && nextNearest && (
        <p className="dispatch-panel__next" role="alert" data-testid="next-nearest">
          <span>{t('incidents.dispatch.nextNearest', { guard: guardName(nextNearest.guardId), walk: walkOf(nextNearest.guardId) })}</span>
          <button type="button" className="button button--small button--primary" disabled={!canSend || send.pending} onClick={() => dispatchGuards([nextNearest.guardId])}>
            {t('incidents.dispatch.sendNext', { guard: guardName(nextNearest.guardId) })}
          </button>
        </p>
      )}
      {maySend && (
        <form className="dispatch-panel__form" onSubmit={handleSend}>
          <div className="dispatch-panel__bar">
            <h4 className="dispatch-panel__subtitle">{t('incidents.dispatch.suggest')}</h4>
            <button type="button" className="button button--small" disabled={!canSend || suggesting} onClick={runSuggest} data-testid="dispatch-suggest">
              {t('incidents.dispatch.refresh')}
            </button>
          </div>
          {suggesting && !ranking && <p>{t('incidents.dispatch.loading')}</p>}
          {suggestError && <p className="incident-error">{suggestError}</p>}
          {ranking && ranking.ranked.length === 0 && <p>{t('incidents.dispatch.none')}</p>}
          <ol className="dispatch-panel__ranked">
            {ranking?.ranked.map((guard) => {
              const busy = busyGuards.has(guard.guardId);
              return (
                <li key={guard.guardId} className={`ranked-guard${busy ? ' ranked-guard--busy' : ''}`} data-testid="ranked-guard" data-guard-id={guard.guardId}>
                  <label>
                    <input type="checkbox" checked={chosen.includes(guard.guardId)} disabled={busy} onChange={() => toggle(guard.guardId)} data-testid="choose-guard" />
                    <span className="ranked-guard__name">{guardName(guard.guardId)}</span>
                    <span className="ranked-guard__reasons">{guard.reasons.map(words.reason).join(' · ')}</span>
                  </label>
                </li>
              );
            })}
          </ol>
          {ranking && ranking.excluded.length > 0 && (
            <details className="dispatch-panel__excluded">
              <summary>{t('incidents.dispatch.excludedTitle', { count: ranking.excluded.length })}</summary>
              <ul>
                {ranking.excluded.map((guard) => (
                  <li key={guard.guardId}>
                    {guardName(guard.guardId)} — {words.exclusion(guard.reason)}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <label className="dispatch-panel__instruction">
            <span>{t('incidents.dispatch.instruction')}</span>
            <input
              className="input"
              value={instruction}
              maxLength={300}
              onChange={(event) => setInstruction(event.target.value)}
              placeholder={t('incidents.dispatch.instructionPlaceholder')}
              data-testid="dispatch-instruction"
            />
          </label>
          <button type="submit" className="button button--primary" disabled={!canSend || send.pending || chosen.length === 0} data-testid="dispatch-send">
            {t('incidents.dispatch.send', { count: chosen.length })}
          </button>
          {send.error && (
            <p className="incident-error" role="alert">
              {send.error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

function DispatchLine({ dispatch, now, name, mayCancel }: { dispatch: Dispatch; now: number; name: string; mayCancel: boolean }) {
  const { t, i18n } = useTranslation();
  const cancel = useIncidentCommand();
  const time = (iso: string) => formatTime(iso, i18n.language);
  const flagged = isUnanswered(dispatch, now, DISPATCH_ANSWER_SEC);
  const times = [
    t('incidents.dispatch.times.sent', { time: time(dispatch.sentAt) }),
    dispatch.acceptedAt && t('incidents.dispatch.times.accepted', { time: time(dispatch.acceptedAt) }),
    dispatch.onSceneAt &&
      `${t('incidents.dispatch.times.onScene', { time: time(dispatch.onSceneAt) })}${dispatch.arrival ? ` (${t(dispatch.arrival === 'detected' ? 'incidents.dispatch.arrivalDetected' : 'incidents.dispatch.arrivalPressed')})` : ''}`,
    dispatch.clearedAt && t('incidents.dispatch.times.cleared', { time: time(dispatch.clearedAt) }),
    dispatch.declinedAt && t('incidents.dispatch.times.declined', { time: time(dispatch.declinedAt), reason: dispatch.declineReason ?? '' }),
  ].filter(Boolean);
  return (
    <li className={`dispatch-line dispatch-line--${dispatch.state}${flagged ? ' dispatch-line--unanswered' : ''}`} data-testid="dispatch-line" data-state={dispatch.state} data-unanswered={flagged}>
      <span className="dispatch-line__name">{name}</span>
      <span className={`dispatch-state dispatch-state--${dispatch.state}`}>{t(`incidents.dispatch.states.${dispatch.state}`)}</span>
      {flagged && (
        <span className="incident-flag incident-flag--unanswered" data-testid="dispatch-unanswered">
          <span aria-hidden="true">▲ </span>
          {t('incidents.dispatch.unanswered', { time: formatSeconds((now - Date.parse(dispatch.sentAt)) / 1000) })}
        </span>
      )}
      <span className="dispatch-line__times">{times.join(' · ')}</span>
      {dispatch.instruction && <span className="dispatch-line__instruction">{dispatch.instruction}</span>}
      {mayCancel && isActiveDispatch(dispatch) && (
        <button type="button" className="button button--small button--quiet" disabled={cancel.pending} onClick={() => void cancel.send('dispatch.cancel', { commandId: newCommandId(), dispatchId: dispatch.id })}>
          {t('incidents.dispatch.cancel')}
        </button>
      )}
      {cancel.error && <span className="incident-error">{cancel.error}</span>}
    </li>
  );
}
