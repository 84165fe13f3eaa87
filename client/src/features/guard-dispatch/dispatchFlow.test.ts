import { DISPATCH_STATES, type DispatchState } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { actionsFor, hasReached, isRinging, isUnderWay, shownState } from './dispatchFlow';

describe('the buttons a dispatch shows in each state', () => {
  it('rings with accept and decline, then walks en route → arrived → clear, and offers nothing once over', () => {
    const buttons: Record<DispatchState, string[]> = {
      sent: ['accept', 'decline'],
      accepted: ['en_route', 'arrive', 'decline'],
      en_route: ['arrive', 'decline'],
      on_scene: ['clear'],
      declined: [],
      cleared: [],
      cancelled: [],
    };
    for (const state of DISPATCH_STATES) expect(actionsFor(state), state).toEqual(buttons[state]);
  });

  it('offers decline until on scene, never clear before it, and every button leads forward', () => {
    for (const state of DISPATCH_STATES) {
      if (!['sent', 'accepted', 'en_route'].includes(state)) expect(actionsFor(state), state).not.toContain('decline');
      if (state !== 'on_scene') expect(actionsFor(state), state).not.toContain('clear');
      for (const action of actionsFor(state)) expect(hasReached(state, action), `${state} → ${action}`).toBe(false);
    }
  });

  it('rings only while sent; only accepted, en route and on scene are under way', () => {
    expect(DISPATCH_STATES.filter(isRinging)).toEqual(['sent']);
    expect(actionsFor('sent')[0]).toBe('accept');
    expect(DISPATCH_STATES.filter(isUnderWay)).toEqual(['accepted', 'en_route', 'on_scene']);
  });
});

describe('shownState', () => {
  it('shows an answer pressed offline at once, so the ringing stops before the server has it', () => {
    expect(shownState({ state: 'sent' }, ['accept'])).toBe('accepted');
    expect(shownState({ state: 'sent' }, ['accept', 'en_route'])).toBe('en_route');
    expect(shownState({ state: 'sent' }, ['decline'])).toBe('declined');
    expect(isRinging(shownState({ state: 'sent' }, []))).toBe(true);
  });

  it('never goes back: a detected arrival stays on scene under a pending en route', () => {
    expect(shownState({ state: 'on_scene' }, ['en_route'])).toBe('on_scene');
  });

  it('lets a cancel from the control room win over anything pressed', () => {
    expect(shownState({ state: 'cancelled' }, ['accept', 'en_route'])).toBe('cancelled');
  });
});
