import { liveStateFromJson, liveStateToJson, type LiveState, type LiveStateJson } from '@vigil/shared';

/** A projected state as a checkpoint stores it. */
export interface StoredState {
  state: LiveStateJson;
  /** The resolved alarms in the order they were resolved: which go first when pruned. */
  resolvedOrder: string[];
}

/**
 * What a checkpoint keeps of a state: the state as a snapshot has it, and the order of its
 * resolutions, which the snapshot leaves out and `resolvedAt` cannot rebuild when two alarms were
 * resolved in one instant (one command, one time). With it, a checkpoint plus the events after it
 * folds to exactly what live had.
 */
export function storedState(state: LiveState): StoredState {
  return { state: liveStateToJson(state), resolvedOrder: state.resolvedOrder.toArray() };
}

export function restoredState(stored: StoredState): LiveState {
  return liveStateFromJson(stored.state, stored.resolvedOrder);
}
