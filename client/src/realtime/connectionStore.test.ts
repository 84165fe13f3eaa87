import { describe, expect, it } from 'vitest';
import { canSendCommands, connectionLabel, connectionStatus, isShowingStale, nextConnectionState } from './connectionStore';

const facts = { connected: true, synced: true, everSynced: true, browserOnline: true, downTooLong: false };

describe('connectionStatus', () => {
  it('is live only when connected and synced', () => {
    expect(connectionStatus(facts)).toBe('live');
    expect(connectionStatus({ ...facts, synced: false })).toBe('reconnecting');
    expect(connectionStatus({ ...facts, connected: false, synced: false })).toBe('reconnecting');
  });

  it('is offline when the browser is offline or the link has been down too long', () => {
    expect(connectionStatus({ ...facts, browserOnline: false })).toBe('offline');
    expect(connectionStatus({ ...facts, connected: false, synced: false, downTooLong: true })).toBe('offline');
  });

  it('says "connecting" until the first sync, "reconnecting" after', () => {
    expect(connectionLabel({ ...facts, connected: false, synced: false, everSynced: false })).toBe('connecting');
    expect(connectionLabel({ ...facts, connected: false, synced: false })).toBe('reconnecting');
  });
});

describe('liveUntil ("as of")', () => {
  const start = { ...facts, liveUntil: null };

  it('is the moment the page stopped being live, kept while it stays down', () => {
    const down = nextConnectionState(start, { connected: false, synced: false }, 1_000);
    expect(down.liveUntil).toBe(1_000);
    expect(isShowingStale(down)).toBe(true);
    expect(nextConnectionState(down, { downTooLong: true }, 40_000).liveUntil).toBe(1_000);
    expect(nextConnectionState(down, { connected: true }, 41_000).liveUntil).toBe(1_000);
  });

  it('is cleared by the resync, not by the reconnect alone', () => {
    const down = nextConnectionState(start, { connected: false, synced: false }, 1_000);
    const back = nextConnectionState(nextConnectionState(down, { connected: true }, 2_000), { synced: true }, 2_100);
    expect(back.liveUntil).toBeNull();
    expect(isShowingStale(back)).toBe(false);
  });

  it('starts when the browser goes offline even if the socket has not noticed yet', () => {
    expect(nextConnectionState(start, { browserOnline: false }, 5_000).liveUntil).toBe(5_000);
  });

  it('is not set before the first sync: there is nothing on screen to be stale', () => {
    const never = { ...facts, connected: false, synced: false, everSynced: false, liveUntil: null };
    expect(nextConnectionState(never, { downTooLong: true }, 9_000).liveUntil).toBeNull();
  });
});

describe('canSendCommands', () => {
  it('needs the socket connected and the browser online', () => {
    expect(canSendCommands(facts)).toBe(true);
    expect(canSendCommands({ ...facts, synced: false })).toBe(true);
    expect(canSendCommands({ ...facts, connected: false, synced: false })).toBe(false);
    expect(canSendCommands({ ...facts, browserOnline: false })).toBe(false);
  });
});
