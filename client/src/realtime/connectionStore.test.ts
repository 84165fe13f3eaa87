import { describe, expect, it } from 'vitest';
import { connectionLabel, connectionStatus } from './connectionStore';

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
