import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** The choices the wall offers, in minutes; the longest also bounds what a stored mute may be. */
export const MUTE_MINUTES = [5, 15, 30] as const;
export type MuteMinutes = (typeof MUTE_MINUTES)[number];
const LONGEST_MS = Math.max(...MUTE_MINUTES) * 60_000;

interface ToneMuteStore {
  /** Local ms when the mute ends; null when not muted. */
  mutedUntil: number | null;
  mute: (minutes: MuteMinutes, now?: number) => void;
  unmute: () => void;
}

/**
 * A stored end time is kept only while it is still ahead and no further than the longest choice:
 * a reload neither silently unmutes nor stays muted for ever (a clock set back, a hand-edited value).
 */
export function boundedMute(mutedUntil: unknown, now: number): number | null {
  if (typeof mutedUntil !== 'number' || !Number.isFinite(mutedUntil)) return null;
  return mutedUntil > now && mutedUntil <= now + LONGEST_MS ? mutedUntil : null;
}

export function isMuted(mutedUntil: number | null, now: number): boolean {
  return boundedMute(mutedUntil, now) !== null;
}

/** The repeat tone's mute, kept in localStorage so it survives a reload, bounded by its end time. */
export const useToneMute = create<ToneMuteStore>()(
  persist(
    (set) => ({
      mutedUntil: null,
      mute: (minutes, now = Date.now()) => set({ mutedUntil: now + minutes * 60_000 }),
      unmute: () => set({ mutedUntil: null }),
    }),
    {
      name: 'vigil.toneMute',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ mutedUntil }) => ({ mutedUntil }),
      merge: (stored, current) => ({
        ...current,
        mutedUntil: boundedMute((stored as { mutedUntil?: unknown } | undefined)?.mutedUntil, Date.now()),
      }),
    },
  ),
);

export function toneMutedNow(now = Date.now()): boolean {
  return isMuted(useToneMute.getState().mutedUntil, now);
}
