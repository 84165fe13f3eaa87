import type { Dispatch, DispatchAnswerCommand, DispatchState } from '@vigil/shared';

/** What a guard answers to a dispatch (`dispatch.answer`'s action). A type only: no zod on the phone's first load. */
export type DispatchAction = DispatchAnswerCommand['action'];

/** The state each answer takes a dispatch to. */
export const ACTION_TARGET: Record<DispatchAction, DispatchState> = {
  accept: 'accepted',
  decline: 'declined',
  en_route: 'en_route',
  arrive: 'on_scene',
  clear: 'cleared',
};

/**
 * The buttons the phone shows in each state, main action first (as the server allows them:
 * srvdisp's ANSWER_FROM). Declining stays possible, last and small, until on scene: a guard who
 * cannot make it after all says so, and the commander sends another. Arrival may be pressed from
 * accepted (the guard was next door) as well as from en route.
 */
export function actionsFor(state: DispatchState): DispatchAction[] {
  switch (state) {
    case 'sent':
      return ['accept', 'decline'];
    case 'accepted':
      return ['en_route', 'arrive', 'decline'];
    case 'en_route':
      return ['arrive', 'decline'];
    case 'on_scene':
      return ['clear'];
    case 'declined':
    case 'cleared':
    case 'cancelled':
      return [];
  }
}

/** How far along a state is; a later state is never undone by an earlier one. */
const PROGRESS: Record<DispatchState, number> = {
  sent: 0,
  accepted: 1,
  en_route: 2,
  on_scene: 3,
  declined: 4,
  cleared: 4,
  cancelled: 5,
};

/**
 * The state the phone shows: the server's, or further along where the guard has pressed an
 * answer the server has not acknowledged yet (pressed offline, on its way). So an Accept
 * pressed in a dead spot stops the ringing at once and shows what comes next, while the
 * answer waits in the outbox. A cancel from the control room wins over anything pressed.
 */
export function shownState(dispatch: Pick<Dispatch, 'state'>, pending: readonly DispatchAction[]): DispatchState {
  if (dispatch.state === 'cancelled') return 'cancelled';
  let shown: DispatchState = dispatch.state;
  for (const action of pending) {
    const target = ACTION_TARGET[action];
    if (PROGRESS[target] > PROGRESS[shown]) shown = target;
  }
  return shown;
}

/** Whether the phone rings for this dispatch: sent and nothing answered yet. */
export const isRinging = (state: DispatchState) => state === 'sent';

/** Whether the dispatch is still the guard's job (shown on the phone). */
export const isUnderWay = (state: DispatchState) => state === 'accepted' || state === 'en_route' || state === 'on_scene';

/** Whether the dispatch is already where this answer would take it, or past it (or cancelled). */
export function hasReached(state: DispatchState, action: DispatchAction): boolean {
  return state === 'cancelled' || PROGRESS[state] >= PROGRESS[ACTION_TARGET[action]];
}
