import { useEffect } from 'react';
import { audioContext, enableSound, playAlert } from '../alarms/alertTone';

/** One ring: the loudest alert tone (about 3 s) and a long buzz, then a short pause. */
export const RING_EVERY_MS = 3_500;
/** Buzz, pause, buzz, pause, buzz: felt through a jacket. */
export const RING_VIBRATION: readonly number[] = [700, 250, 700, 250, 700];

/**
 * Browsers keep a page silent until a gesture (autoplay policy): the first tap anywhere on the
 * guard's page lets it ring, so a guard who touched the phone once before a dispatch hears it.
 */
function useSoundOnFirstTouch(): void {
  useEffect(() => {
    audioContext();
    const unlock = () => void enableSound();
    document.addEventListener('pointerdown', unlock, { capture: true });
    return () => document.removeEventListener('pointerdown', unlock, { capture: true });
  }, []);
}

/** While `ringing`, the phone sounds and vibrates every RING_EVERY_MS until answered. */
export function useRinger(ringing: boolean): void {
  useSoundOnFirstTouch();
  useEffect(() => {
    if (!ringing) return;
    const ring = () => {
      playAlert('critical');
      navigator.vibrate?.([...RING_VIBRATION]);
    };
    ring();
    const timer = setInterval(ring, RING_EVERY_MS);
    return () => {
      clearInterval(timer);
      navigator.vibrate?.(0);
    };
  }, [ringing]);
}
