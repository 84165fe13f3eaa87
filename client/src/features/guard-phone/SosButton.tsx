import type { GuardStatus } from '@vigil/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import type { SosPhase } from './sosOutbox';
import { useSosOutbox } from './useSosOutbox';

/** Long enough that a phone in a pocket does not send it, short enough in an emergency. */
export const SOS_HOLD_MS = 1_500;

/** Shape as well as colour and words for each phase, read from arm's length (SVG: no font lacks it). */
const ICON_PATHS: Record<SosPhase, string> = {
  // a clock face
  waiting: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 7v5l3.5 2.5',
  // an arrow going out
  sent: 'M12 20V5M5.5 11.5L12 5l6.5 6.5',
  // a tick
  received: 'M4.5 12.5l5 5L19.5 7',
  // a cross
  failed: 'M6 6l12 12M18 6L6 18',
};

function PhaseIcon({ phase }: { phase: SosPhase }) {
  return (
    <svg className="sos-progress__icon" viewBox="0 0 24 24" aria-hidden="true" data-icon={phase}>
      <path d={ICON_PATHS[phase]} fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * 一键求救: press and hold; the ring fills while held. The SOS then goes through the phone's
 * outbox (sosOutbox.ts): kept across reloads and sent until the control room's server has it,
 * and the page shows where it is — waiting for network, sent, received.
 */
export function SosButton({ userId, status }: { userId: string; status: GuardStatus }) {
  const { t, i18n } = useTranslation();
  const { sos, press } = useSosOutbox(userId, status);
  const [holding, setHolding] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);
  const phase = sos?.phase ?? null;
  useEffect(() => {
    if (phase === 'received') navigator.vibrate?.([100, 80, 100]);
  }, [phase]);

  const fire = () => {
    setHolding(false);
    navigator.vibrate?.(200);
    press();
  };

  const handlePressStart = () => {
    setHolding(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(fire, SOS_HOLD_MS);
  };

  const handlePressEnd = () => {
    clearTimeout(timer.current);
    setHolding(false);
  };

  const state = holding ? 'holding' : (phase ?? 'idle');

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
      {sos && !holding ? (
        <div className={`sos-progress sos-progress--${sos.phase}`} role="status" aria-live="assertive" data-testid="sos-progress" data-phase={sos.phase}>
          <PhaseIcon phase={sos.phase} />
          <span className="sos-progress__text">
            <strong data-testid="sos-hint">{t(`sosPhone.${sos.phase}`, { error: sos.error ?? '' })}</strong>
            <small>{t('sosPhone.pressedAt', { time: formatTime(sos.pressedAt, i18n.language) })}</small>
            {sos.attempts > 1 && <small>{t('sosPhone.attempts', { count: sos.attempts })}</small>}
          </span>
        </div>
      ) : (
        <p className="sos__hint" role="status" aria-live="assertive" data-testid="sos-hint">
          {t(holding ? 'sosPhone.holding' : 'sosPhone.hold')}
        </p>
      )}
    </section>
  );
}
