import type { Dispatch, LiveState } from '@vigil/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { newCommandId } from '../../lib/ids';
import { actionsFor, type DispatchAction } from '../guard-dispatch/dispatchFlow';
import { DrillBanner } from './DrillBanner';
import { DrillWatermark } from './DrillWatermark';
import { openDrillSocket, type DrillSocket } from './drillSocket';
import { drillsApi, type DrillRun } from './drillsApi';
import { useMyRunningDrills } from './useMyDrills';
import './drills.css';

/**
 * The guard's phone in a drill: each drill the guard takes part in, while it runs, as a card of
 * its own under the DRILL watermark, on a second socket to the drill's stream. The page's own
 * socket stays on live, so a live dispatch still rings full screen as always.
 */
export function GuardDrillCards({ userId, guardId }: { userId: string; guardId: string }) {
  const runs = useMyRunningDrills(userId);
  return (
    <>
      {runs.map((run) => (
        <GuardDrillCard key={run.id} runId={run.id} guardId={guardId} />
      ))}
    </>
  );
}

function GuardDrillCard({ runId, guardId }: { runId: string; guardId: string }) {
  const { t } = useTranslation();
  const [run, setRun] = useState<DrillRun | null>(null);
  const [live, setLive] = useState<LiveState | null>(null);
  const socketRef = useRef<DrillSocket | null>(null);

  const readRun = useCallback(() => {
    drillsApi.read(runId).then(setRun, () => undefined);
  }, [runId]);

  useEffect(() => {
    readRun();
    const socket = openDrillSocket(runId, {
      onState: setLive,
      onEvent: (event) => {
        if (event.type === 'drill.paused' || event.type === 'drill.resumed' || event.type === 'drill.ended') readRun();
      },
      onClosed: readRun,
    });
    socketRef.current = socket;
    return () => {
      socketRef.current = null;
      socket.stop();
    };
  }, [runId, readRun]);

  useEffect(() => {
    if (run?.state === 'ended') socketRef.current?.stop();
  }, [run?.state]);

  if (!run) return null;
  const mine = live ? [...live.dispatches.values()].filter((dispatch) => dispatch.guardId === guardId).sort((a, b) => b.sentAt.localeCompare(a.sentAt)) : [];
  return (
    <section className="drill-card" data-testid="guard-drill-card" data-run-id={runId} aria-label={t('drills.phone.title')}>
      <DrillBanner run={run} compact />
      <div className="drill-card__body">
        <p className="drill-card__hint">{t('drills.phone.hint')}</p>
        {run.state === 'ended' && <p role="status">{t('drills.phone.ended')}</p>}
        {run.state !== 'ended' && mine.length === 0 && <p data-testid="guard-drill-waiting">{t('drills.phone.waiting')}</p>}
        {run.state !== 'ended' &&
          mine.map((dispatch) => (
            <DrillDispatch key={dispatch.id} dispatch={dispatch} title={live?.incidents.get(dispatch.incidentId)?.title ?? ''} send={(...args) => socketRef.current?.send(...args)} />
          ))}
      </div>
      <DrillWatermark />
    </section>
  );
}

type Send = DrillSocket['send'];

function DrillDispatch({ dispatch, title, send }: { dispatch: Dispatch; title: string; send: (...args: Parameters<Send>) => ReturnType<Send> | undefined }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const answer = async (action: DispatchAction) => {
    setBusy(true);
    setError(null);
    const outcome = await send('dispatch.answer', { commandId: newCommandId(), dispatchId: dispatch.id, action, ...(action === 'decline' ? { reason: t('drills.phone.declineReason') } : {}) });
    setBusy(false);
    if (!outcome || !outcome.ok) setError(outcome ?? 'offline');
  };
  return (
    <article className="drill-dispatch" data-testid="guard-drill-dispatch" data-dispatch-id={dispatch.id} data-state={dispatch.state}>
      <h3 className="drill-dispatch__title">{title}</h3>
      <p className="drill-dispatch__state">{t(`drills.phone.state.${dispatch.state}`)}</p>
      {dispatch.instruction && (
        <p>
          {t('drills.phone.instruction')}: <span data-testid="guard-drill-instruction">{dispatch.instruction}</span>
        </p>
      )}
      <div className="drill-dispatch__actions">
        {actionsFor(dispatch.state).map((action) => (
          <button key={action} type="button" className={`button${action === 'decline' ? '' : ' button--primary'}`} disabled={busy} onClick={() => void answer(action)} data-testid={`guard-drill-${action}`}>
            {t(`drills.phone.action.${action}`)}
          </button>
        ))}
      </div>
      {error !== null && (
        <p className="drill-dispatch__error" role="alert">
          {t('drills.phone.failed', { message: describeError(error, t) })}
        </p>
      )}
    </article>
  );
}
