import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newCommandId } from '../../lib/ids';
import { useRealtime } from '../../realtime/RealtimeContext';

/** Long enough that a phone in a pocket does not send it, short enough in an emergency. */
export const SOS_HOLD_MS = 1_500;

type SosState = 'idle' | 'holding' | 'sending' | 'sent' | 'failed';

/** 一键求救: press and hold; the ring fills while held, and the page says when the control room has it. */
export function SosButton() {
  const { t } = useTranslation();
  const { send } = useRealtime();
  const [state, setState] = useState<SosState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const fire = async () => {
    setState('sending');
    navigator.vibrate?.(200);
    const outcome = await send('guard.sos', { commandId: newCommandId() });
    setState(outcome.ok ? 'sent' : 'failed');
    if (outcome.ok) navigator.vibrate?.([100, 80, 100]);
  };

  const handlePressStart = () => {
    if (state === 'sending') return;
    setState('holding');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void fire(), SOS_HOLD_MS);
  };

  const handlePressEnd = () => {
    clearTimeout(timer.current);
    setState((current) => (current === 'holding' ? 'idle' : current));
  };

  const hint = {
    idle: t('guardPage.sosHold'),
    holding: t('guardPage.sosHolding'),
    sending: t('guardPage.sosSending'),
    sent: t('guardPage.sosSent'),
    failed: t('guardPage.sosFailed'),
  }[state];

  return (
    <section className="sos">
      <button
        type="button"
        className={`sos__button sos__button--${state}`}
        data-testid="sos-button"
        data-state={state}
        style={{ ['--sos-hold' as string]: `${SOS_HOLD_MS}ms` }}
        onPointerDown={handlePressStart}
        onPointerUp={handlePressEnd}
        onPointerLeave={handlePressEnd}
        onPointerCancel={handlePressEnd}
        onContextMenu={(event) => event.preventDefault()}
      >
        <span className="sos__ring" aria-hidden="true" />
        <span className="sos__label">{t('guardPage.sos')}</span>
      </button>
      <p className="sos__hint" role="status" aria-live="assertive" data-testid="sos-hint">
        {hint}
      </p>
    </section>
  );
}
