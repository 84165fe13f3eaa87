import { describe, expect, it } from 'vitest';
import { pause, play, REPLAY_SPEEDS, replayClock, replayedAt, replayEnded, seek, setSpeed, wallMsUntil } from './replay-clock.js';

const from = Date.parse('2026-12-01T02:00:00Z');
const to = Date.parse('2026-12-01T03:00:00Z');
const range = { from, to };
const wall = Date.parse('2026-12-03T09:00:00Z');

describe('the replay clock', () => {
  it('starts paused at the start of the range and stands still while paused', () => {
    const clock = replayClock(range, wall);
    expect(replayedAt(clock, wall)).toBe(from);
    expect(replayedAt(clock, wall + 60_000)).toBe(from);
  });

  it.each(REPLAY_SPEEDS)('moves %i× as fast as the wall clock while playing', (speed) => {
    const clock = play(replayClock(range, wall, { speed }), wall);
    expect(replayedAt(clock, wall + 1_000)).toBe(from + 1_000 * speed);
    expect(replayedAt(clock, wall + 10_000)).toBe(Math.min(to, from + 10_000 * speed));
  });

  it('keeps the replayed moment when paused, and plays on from it', () => {
    let clock = play(replayClock(range, wall), wall);
    clock = pause(clock, wall + 5_000);
    expect(replayedAt(clock, wall + 50_000)).toBe(from + 5_000);
    clock = play(clock, wall + 50_000);
    expect(replayedAt(clock, wall + 51_000)).toBe(from + 6_000);
  });

  it('changes speed without a jump in the replayed time', () => {
    let clock = play(replayClock(range, wall), wall);
    clock = setSpeed(clock, 60, wall + 2_000);
    expect(replayedAt(clock, wall + 2_000)).toBe(from + 2_000);
    expect(replayedAt(clock, wall + 3_000)).toBe(from + 2_000 + 60_000);
  });

  it('seeks within the range, clamped to it, and keeps playing if it was', () => {
    let clock = play(replayClock(range, wall, { speed: 10 }), wall);
    clock = seek(clock, from + 30 * 60_000, wall + 1_000);
    expect(replayedAt(clock, wall + 1_000)).toBe(from + 30 * 60_000);
    expect(replayedAt(clock, wall + 2_000)).toBe(from + 30 * 60_000 + 10_000);
    expect(replayedAt(seek(clock, to + 5_000, wall), wall)).toBe(to);
    expect(replayedAt(seek(pause(clock, wall), from - 5_000, wall), wall + 9_000)).toBe(from);
  });

  it('stops at the end of the range; playing again starts over', () => {
    let clock = play(replayClock(range, wall, { speed: 60 }), wall);
    expect(replayEnded(clock, wall + 59_000)).toBe(false);
    expect(replayedAt(clock, wall + 61_000)).toBe(to);
    expect(replayEnded(clock, wall + 61_000)).toBe(true);
    clock = play(clock, wall + 70_000);
    expect(replayedAt(clock, wall + 70_000)).toBe(from);
  });

  it('does not run backwards when the wall clock steps back', () => {
    const clock = play(replayClock(range, wall), wall);
    expect(replayedAt(clock, wall - 10_000)).toBe(from);
  });

  it('tells how long until a replayed moment comes, at the current speed', () => {
    const paused = replayClock(range, wall, { speed: 5 });
    expect(wallMsUntil(paused, from + 10_000, wall)).toBeNull();
    const playing = play(paused, wall);
    expect(wallMsUntil(playing, from + 10_000, wall)).toBe(2_000);
    expect(wallMsUntil(playing, from - 1, wall)).toBe(0);
    expect(wallMsUntil(playing, to + 1, wall)).toBeNull();
  });

  it('refuses a speed it does not offer and a range that ends before it starts, naming the field', () => {
    expect(() => replayClock(range, wall, { speed: 3 as never })).toThrow(/^speed: /);
    expect(() => setSpeed(replayClock(range, wall), 7, wall)).toThrow(/^speed: /);
    expect(() => replayClock({ from: to, to: from }, wall)).toThrow(/^range: /);
    expect(() => seek(replayClock(range, wall), Number.NaN, wall)).toThrow(/^at: /);
  });
});
