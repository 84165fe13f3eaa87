import { beforeEach, describe, expect, it } from 'vitest';
import { boundedMute, isMuted, toneMutedNow, useToneMute } from './toneMuteStore';

const MIN = 60_000;

describe('boundedMute', () => {
  const now = 1_000_000;
  it('keeps an end time that is ahead and within the longest choice', () => {
    expect(boundedMute(now + 15 * MIN, now)).toBe(now + 15 * MIN);
    expect(boundedMute(now + 30 * MIN, now)).toBe(now + 30 * MIN);
  });

  it('drops an end time that has passed, one too far ahead, or anything not a number', () => {
    expect(boundedMute(now - 1, now)).toBeNull();
    expect(boundedMute(now, now)).toBeNull();
    expect(boundedMute(now + 31 * MIN, now)).toBeNull();
    expect(boundedMute('soon', now)).toBeNull();
    expect(boundedMute(Number.POSITIVE_INFINITY, now)).toBeNull();
    expect(boundedMute(null, now)).toBeNull();
  });
});

describe('useToneMute', () => {
  beforeEach(() => useToneMute.getState().unmute());

  it('mutes for the chosen minutes and no longer', () => {
    useToneMute.getState().mute(5, 0);
    expect(isMuted(useToneMute.getState().mutedUntil, 4 * MIN)).toBe(true);
    expect(isMuted(useToneMute.getState().mutedUntil, 5 * MIN)).toBe(false);
  });

  it('unmutes on request', () => {
    useToneMute.getState().mute(30);
    expect(toneMutedNow()).toBe(true);
    useToneMute.getState().unmute();
    expect(toneMutedNow()).toBe(false);
  });
});
