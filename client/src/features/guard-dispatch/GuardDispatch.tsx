import type { Dispatch, DispatchState } from '@vigil/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../lib/useNow';
import { screenNow } from '../../lib/screenClock';
import { useAlarmStore } from '../alarms/alarmStore';
import { AnswerLine } from './AnswerLine';
import { latestAnswer, pendingActions } from './answerOutbox';
import { DispatchView } from './DispatchView';
import { isRinging, isUnderWay, shownState } from './dispatchFlow';
import { RingingCard } from './RingingCard';
import { RingerUnlock } from './RingerUnlock';
import { ReportQueue } from './ReportQueue';
import { useAnswerOutbox } from './useAnswerOutbox';
import { useReportOutbox } from './useReportOutbox';
import { useRinger } from './useRinger';
import './guard-dispatch.css';

/** A cancel is told for this long after it happened (a phone opened later does not show old ones). */
const TELL_CANCEL_MS = 15 * 60_000;
/** A report sent after its dispatch left the screen is said sent for this long. */
const TELL_SENT_MS = 15 * 60_000;

interface Shown {
  dispatch: Dispatch;
  shown: DispatchState;
}

/**
 * Dispatch on the guard's phone: the newest dispatch still unanswered rings full screen; the
 * ones accepted show the incident view; answers go through the outbox (useAnswerOutbox), so
 * one pressed in a dead spot is kept and sent, and the page shows it as pressed at once.
 */
export function GuardDispatch({ userId, guardId }: { userId: string; guardId: string }) {
  const { t } = useTranslation();
  const { answers, press, retry, dismiss } = useAnswerOutbox(userId);
  const reports = useReportOutbox(userId);
  const dispatches = useAlarmStore((store) => store.live.dispatches);
  const incidents = useAlarmStore((store) => store.live.incidents);
  const sites = useAlarmStore((store) => store.live.sites);
  const [toldCancels, setToldCancels] = useState<ReadonlySet<string>>(new Set());
  // Re-rendered now and then, so a cancel notice goes away by itself.
  useNow(10_000);

  const mine: Shown[] = useMemo(
    () =>
      [...dispatches.values()]
        .filter((dispatch) => dispatch.guardId === guardId)
        .sort((a, b) => b.sentAt.localeCompare(a.sentAt))
        .map((dispatch) => ({ dispatch, shown: shownState(dispatch, pendingActions(answers, dispatch.id)) })),
    [dispatches, guardId, answers],
  );
  const ringing = mine.find(({ dispatch, shown }) => isRinging(shown) && incidents.has(dispatch.incidentId));
  const underWay = mine.filter(({ dispatch, shown }) => isUnderWay(shown) && incidents.has(dispatch.incidentId));
  // Declined or cleared on the phone, the answer still on its way (or refused): still said where it is.
  const finishing = mine.filter(({ dispatch, shown }) => (shown === 'declined' || shown === 'cleared') && latestAnswer(answers, dispatch.id)?.phase !== 'received' && latestAnswer(answers, dispatch.id));
  const cancels = mine.filter(
    ({ dispatch }) => dispatch.cancelledAt && !toldCancels.has(dispatch.id) && screenNow() - Date.parse(dispatch.cancelledAt) < TELL_CANCEL_MS,
  );
  // Reports of a dispatch no longer on screen (cleared, cancelled) still go, and are still said where they are.
  const inView = new Set(ringing ? [] : underWay.map(({ dispatch }) => dispatch.id));
  const reportsElsewhere = reports.reports.filter(
    (report) => !inView.has(report.dispatchId) && (report.phase !== 'sent' || screenNow() - Date.parse(report.sentAt ?? report.pressedAt) < TELL_SENT_MS),
  );
  useRinger(ringing !== undefined);

  const answerFor = (dispatchId: string) => (action: Parameters<typeof press>[1], reason?: string) => press(dispatchId, action, reason);

  return (
    <div className="guard-dispatch" data-testid="guard-dispatch" data-ringing={String(ringing !== undefined)}>
      {!ringing && <RingerUnlock />}
      {cancels.map(({ dispatch }) => (
        <div key={dispatch.id} className="dispatch-cancelled" role="alert" data-testid="dispatch-cancelled">
          <strong>{t('dispatchPhone.cancelled.title')}</strong>
          <span>{t('dispatchPhone.cancelled.body', { title: incidents.get(dispatch.incidentId)?.title ?? '' })}</span>
          <button type="button" className="dispatch-answer__button" onClick={() => setToldCancels(new Set([...toldCancels, dispatch.id]))}>
            {t('dispatchPhone.cancelled.dismiss')}
          </button>
        </div>
      ))}
      {ringing && (
        <RingingCard
          key={ringing.dispatch.id}
          dispatch={ringing.dispatch}
          incident={incidents.get(ringing.dispatch.incidentId)!}
          site={sites[ringing.dispatch.siteId]}
          answer={latestAnswer(answers, ringing.dispatch.id)}
          onAnswer={answerFor(ringing.dispatch.id)}
          onRetry={retry}
          onDismiss={dismiss}
        />
      )}
      {finishing.map(({ dispatch }) => (
        <AnswerLine key={dispatch.id} answer={latestAnswer(answers, dispatch.id)} onRetry={retry} onDismiss={dismiss} />
      ))}
      <ReportQueue reports={reportsElsewhere} onRetry={reports.retry} onDiscard={reports.discard} />
      {!ringing &&
        underWay.map(({ dispatch, shown }) => (
          <DispatchView
            key={dispatch.id}
            dispatch={dispatch}
            shown={shown}
            incident={incidents.get(dispatch.incidentId)!}
            site={sites[dispatch.siteId]}
            answer={latestAnswer(answers, dispatch.id)}
            onAnswer={answerFor(dispatch.id)}
            onRetry={retry}
            onDismiss={dismiss}
            reports={reports}
          />
        ))}
    </div>
  );
}
