import { describe, expect, it } from 'vitest';
import { noteServerTime, serverNow } from './serverClock';

describe('the server clock', () => {
  it('follows the server when the local clock is off, and ignores a time it cannot read', () => {
    const local = Date.now();
    noteServerTime(new Date(local + 90_000).toISOString(), local);
    expect(serverNow() - Date.now()).toBeGreaterThanOrEqual(89_900);
    expect(serverNow() - Date.now()).toBeLessThanOrEqual(90_100);
    noteServerTime('not a time');
    expect(Math.round((serverNow() - Date.now()) / 1000)).toBe(90);
    noteServerTime(new Date(local - 3_000).toISOString(), local);
    expect(Math.round((serverNow() - Date.now()) / 1000)).toBe(-3);
  });
});
